import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface DropZoneOptions {
  /** Whether files may be dropped now (a guest may not). */
  enabled: () => boolean;
  /** Tells the person (the component's polite live region). */
  announce: (text: string) => void;
  over: () => string;
  left: () => string;
  dropped: (files: File[]) => void;
}

/**
 * The drag-and-drop upload zone of `<bureau-files>`. Unlike most drop zones it is announced: when
 * files are dragged over it, and when they leave, the live region says so; what was dropped is
 * announced by the component. `over` is true while files are over the zone (for its styling).
 */
export class DropZone implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #options: DropZoneOptions;
  /** dragenter/dragleave pairs: children of the zone fire their own. */
  #depth = 0;
  over = false;

  constructor(host: ReactiveControllerHost, options: DropZoneOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {}

  readonly enter = (event: DragEvent): void => {
    if (!this.#carriesFiles(event)) return;
    event.preventDefault();
    this.#depth += 1;
    if (this.#depth === 1) this.#set(true);
  };

  readonly overZone = (event: DragEvent): void => {
    if (!this.#carriesFiles(event)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  };

  readonly leave = (event: DragEvent): void => {
    if (!this.#carriesFiles(event) || this.#depth === 0) return;
    this.#depth -= 1;
    if (this.#depth === 0) this.#set(false);
  };

  readonly drop = (event: DragEvent): void => {
    if (!this.#carriesFiles(event)) return;
    event.preventDefault();
    this.#depth = 0;
    this.over = false;
    this.#host.requestUpdate();
    const files = [...(event.dataTransfer?.files ?? [])];
    if (files.length > 0) this.#options.dropped(files);
  };

  #carriesFiles(event: DragEvent): boolean {
    return this.#options.enabled() && (event.dataTransfer?.types.includes('Files') ?? false);
  }

  #set(over: boolean): void {
    this.over = over;
    this.#options.announce(over ? this.#options.over() : this.#options.left());
    this.#host.requestUpdate();
  }
}
