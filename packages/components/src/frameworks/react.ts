/**
 * React 19 JSX typings of the Bureau elements: properties (`baseUrl`, `getToken`, `room`…) and
 * events as React 19 passes them to custom elements, `on` + the event's exact name
 * (`onbureau-message-send`). Load them once in the app: `import type {} from '@bureau/components/react';`
 * React sets a property only on an element that has it, that is once its tag is defined: define the
 * tags before the first render (`await preload('bureau-client', 'bureau-chat')` from `bureau.js`).
 *
 * @example
 * <bureau-client baseUrl="https://bureau.agglo.fr" getToken={getToken}>
 *   <bureau-chat room="espace-rh-360-general" onbureau-message-send={(event) => log(event.text)} />
 * </bureau-client>
 * @packageDocumentation
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { BureauElements } from './elements.js';

/** `on<event-name>` listeners of an element's events. */
export type ReactEvents<V> = { [K in keyof V as `on${K & string}`]?: (event: V[K]) => void };

/** The JSX props of one Bureau tag. */
export type ReactProps<T extends keyof BureauElements> = BureauElements[T]['properties'] &
  BureauElements[T]['attributes'] &
  ReactEvents<BureauElements[T]['events']> &
  Omit<DetailedHTMLProps<HTMLAttributes<BureauElements[T]['element']>, BureauElements[T]['element']>, 'lang'> & { lang?: string };

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'bureau-client': ReactProps<'bureau-client'>;
      'bureau-chat': ReactProps<'bureau-chat'>;
      'bureau-room-list': ReactProps<'bureau-room-list'>;
      'bureau-files': ReactProps<'bureau-files'>;
      'bureau-board': ReactProps<'bureau-board'>;
    }
  }
}
