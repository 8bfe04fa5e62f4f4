import { html, nothing, type TemplateResult } from 'lit';
import type { BureauClient, StreamStatus } from '@bureau/sdk';
import type { Messages } from '../../i18n/fr.js';

/**
 * What the room says of its liveness: the stream's connection (« hors ligne » while it is down:
 * what is written waits in the outbox) and who is typing. Followed until the room's signal aborts.
 */
export class RoomSignals {
  readonly #requestUpdate: () => void;
  #status: StreamStatus = 'connecting';
  #typing: readonly string[] = [];

  constructor(requestUpdate: () => void) {
    this.#requestUpdate = requestUpdate;
  }

  watch(client: BureauClient, roomId: string, signal: AbortSignal): void {
    this.#status = client.stream.status;
    const onStatus = (): void => {
      this.#status = client.stream.status;
      this.#requestUpdate();
    };
    client.stream.addEventListener('status', onStatus);
    signal.addEventListener('abort', () => client.stream.removeEventListener('status', onStatus), { once: true });
    client.chat.typing.watch(
      roomId,
      (users) => {
        this.#typing = users.map((user) => user.name);
        this.#requestUpdate();
      },
      { signal },
    );
  }

  reset(): void {
    this.#typing = [];
  }

  renderOffline(t: Messages): TemplateResult | typeof nothing {
    return this.#status === 'offline' ? html`<p part="offline-banner" class="offline" role="status">${t.chatOffline}</p>` : nothing;
  }

  renderTyping(t: Messages): TemplateResult {
    return html`<p part="typing" class="typing" aria-live="polite">${this.#typing.length > 0 ? t.chatTyping(this.#typing) : nothing}</p>`;
  }
}
