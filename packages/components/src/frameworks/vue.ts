/**
 * Vue 3 typings of the Bureau elements, as `GlobalComponents`: templates get their properties
 * (`:get-token`, `room`…) and events (`@bureau-message-send`) checked by vue-tsc and Volar. Load them
 * once in the app: `import type {} from '@bureau/components/vue';`, and tell Vue the tags are custom
 * elements: `compilerOptions.isCustomElement: (tag) => tag.startsWith('bureau-')`.
 * @packageDocumentation
 */
import type { AllowedComponentProps, ComponentCustomProps, HTMLAttributes, VNodeProps } from 'vue';
import type { BureauElements } from './elements.js';

/** `onBureau-message-send`-style listener props, as Vue names the listeners of `@bureau-message-send`. */
export type VueEvents<V> = { [K in keyof V as `on${Capitalize<K & string>}`]?: (event: V[K]) => void };

/** A Bureau tag as a Vue component type. */
export type VueElement<T extends keyof BureauElements> = new () => BureauElements[T]['element'] & {
  $props: BureauElements[T]['properties'] &
    BureauElements[T]['attributes'] &
    VueEvents<BureauElements[T]['events']> &
    HTMLAttributes &
    AllowedComponentProps &
    ComponentCustomProps &
    VNodeProps;
};

declare module 'vue' {
  interface GlobalComponents {
    'bureau-client': VueElement<'bureau-client'>;
    'bureau-chat': VueElement<'bureau-chat'>;
    'bureau-room-list': VueElement<'bureau-room-list'>;
    'bureau-files': VueElement<'bureau-files'>;
    'bureau-board': VueElement<'bureau-board'>;
  }
}
