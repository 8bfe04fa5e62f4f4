/**
 * The typed listeners of an SDK object that dispatches events: `addEventListener('change', (event) => …)`
 * gives `event` the class that `Events` names for `'change'`; any other name takes a plain listener.
 * Not exported from the package index.
 */
export interface TypedEventTarget<Events> {
  addEventListener<K extends keyof Events & string>(type: K, listener: (event: Events[K]) => void, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof Events & string>(type: K, listener: (event: Events[K]) => void, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions): void;
}

/**
 * The base of every SDK class that dispatches events (outbox, stream, timeline, typing, live board,
 * uploads): an `EventTarget` whose listeners are typed by the event map `Events`.
 * Not exported from the package index.
 */
// Merged with the interface of the same name above: the class brings the behaviour, the interface the typed overloads.
export class TypedEventTarget<Events> extends EventTarget {}
