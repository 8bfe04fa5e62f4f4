import { nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { BureauClient, Upload } from '@bureau/sdk';
import type { Language } from '../../i18n/catalogues.js';
import type { Messages } from '../../i18n/fr.js';
import type { UploadQueueView } from './upload-queue-view.js';

export interface UploadQueueOptions {
  id: string;
  client: () => BureauClient | undefined;
  spaceId: () => string | undefined;
  messages: () => Messages;
  language: () => Language;
  /** Tells the person something (the component's polite live region). */
  announce: (text: string) => void;
  /** The client ids of the files shown: an upload whose id is one of them is already a file. */
  confirmed: () => readonly (string | null)[];
}

/**
 * The upload queue of `<bureau-files>`: follows the client's upload manager while connected, and
 * shows the uploads of the space through `UploadQueueView`, loaded with the first one.
 */
export class UploadQueue implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #options: UploadQueueOptions;
  #client: BureauClient | undefined;
  #stop: AbortController | undefined;
  #view: UploadQueueView | undefined;
  #loading: Promise<void> | undefined;

  constructor(host: ReactiveControllerHost, options: UploadQueueOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.#stop?.abort();
    this.#stop = undefined;
    this.#client = undefined;
  }

  /** Follows `client`'s uploads (called on every update; re-binds when the client changes). */
  follow(client: BureauClient | undefined): void {
    if (client === this.#client) return;
    this.#stop?.abort();
    this.#client = client;
    if (client === undefined) return;
    const stop = new AbortController();
    this.#stop = stop;
    const refresh = (): void => this.#host.requestUpdate();
    for (const type of ['change', 'progress', 'statechange'] as const) client.files.uploads.addEventListener(type, refresh, { signal: stop.signal });
    client.files.uploads.restore({ signal: stop.signal }).catch((error: unknown) => {
      if (!stop.signal.aborted) reportError(error);
    });
  }

  /**
   * The uploads shown: those going to the current space, but not one the folder already lists as a
   * file (its event came before the upload's last answer): an upload's id is its file's `clientId`.
   */
  get uploads(): readonly Upload[] {
    const spaceId = this.#options.spaceId();
    const confirmed = new Set(this.#options.confirmed());
    return (this.#client?.files.uploads.list() ?? []).filter((upload) => upload.spaceId === spaceId && !confirmed.has(upload.id));
  }

  /** The queue, once its view is loaded (on the first upload shown); nothing while there is none. */
  render(): TemplateResult | typeof nothing {
    const uploads = this.uploads;
    if (uploads.length === 0) return nothing;
    if (this.#view !== undefined) return this.#view.render(uploads);
    this.#loading ??= import('./upload-queue-view.js').then(
      ({ UploadQueueView }) => {
        this.#view = new UploadQueueView(this.#options);
        this.#host.requestUpdate();
      },
      (error: unknown) => {
        // Offline: the next render tries again.
        this.#loading = undefined;
        reportError(error);
      },
    );
    return nothing;
  }
}
