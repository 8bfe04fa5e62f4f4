/**
 * Vue 3 typings of the Bureau elements, as `GlobalComponents`: templates get their properties
 * (`:getToken`, `room`…) and events (`@bureau-message-send`) checked by vue-tsc and Volar. Load them
 * once in the app: `import type {} from '@bureau/components/vue';`, and tell Vue the tags are custom
 * elements: `compilerOptions.isCustomElement: (tag) => tag.startsWith('bureau-')`. Vue sets a
 * binding as a property only when the element has it (camelCase, on a defined element): define the
 * tags before mounting (`await preload(…)`), or write `:getToken.prop`.
 * @packageDocumentation
 */
import type { AllowedComponentProps, ComponentCustomProps, HTMLAttributes, VNodeProps } from 'vue';
import type { BureauElements } from './elements.js';

/** `bureau-message-send` → `bureauMessageSend`, as Vue camelizes an event's name. */
export type Camelize<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<Camelize<Tail>>}` : S;

/**
 * `onBureauMessageSend`-style listener props: Vue compiles `@bureau-message-send` to the prop
 * `onBureauMessageSend` (and listens to `bureau-message-send` at run time), which vue-tsc checks.
 */
export type VueEvents<V> = { [K in keyof V as `on${Capitalize<Camelize<K & string>>}`]?: (event: V[K]) => void };

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
