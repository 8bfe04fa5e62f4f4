import pg from 'pg';

export interface ListenerOptions {
  url: string;
  /** Told when the connection fails; reconnection follows by itself. */
  onError: (error: Error) => void;
}

interface Channel {
  handle: (payload: string) => void;
  /** Called once LISTEN is in place on this channel, and again after every reconnection. */
  onListening?: (() => Promise<void>) | undefined;
}

const firstRetryMs = 250;
const lastRetryMs = 10_000;

/**
 * One dedicated PostgreSQL connection (not from the pool: a pooled one would be handed to a query
 * and lose its LISTEN) that listens on the channels instances use to tell each other things:
 * `bureau_events` (a new head position) and `bureau_ephemeral` (typing). When it drops, it
 * reconnects with backoff, listens again, and calls each channel's `onListening`, so that what was
 * missed meanwhile can be caught up (the event log re-reads its head).
 */
export class PostgresListener {
  #client: pg.Client | null = null;
  #stopped = false;
  #retry: NodeJS.Timeout | null = null;
  #delayMs = firstRetryMs;
  readonly #channels = new Map<string, Channel>();

  private constructor(private readonly options: ListenerOptions) {}

  /** Connects; rejects if the first connection fails (the server then does not start). */
  static async start(options: ListenerOptions): Promise<PostgresListener> {
    const listener = new PostgresListener(options);
    await listener.#connect();
    return listener;
  }

  /** Listens on `channel` from now on (channel names are identifiers we choose, never input). */
  async listen(channel: string, handle: Channel['handle'], onListening?: Channel['onListening']): Promise<void> {
    this.#channels.set(channel, { handle, onListening });
    const client = this.#client;
    if (client === null) return; // the reconnection will LISTEN
    await client.query(`LISTEN ${channel}`);
    await onListening?.();
  }

  /** True while LISTEN is in place (readiness reports it). */
  get listening(): boolean {
    return this.#client !== null;
  }

  async #connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.options.url });
    client.on('notification', (message) => this.#channels.get(message.channel)?.handle(message.payload ?? ''));
    client.on('error', (error) => this.#lost(client, error));
    client.on('end', () => this.#lost(client, new Error('The LISTEN connection to PostgreSQL ended')));
    try {
      await client.connect();
      for (const channel of this.#channels.keys()) await client.query(`LISTEN ${channel}`);
    } catch (error) {
      client.removeAllListeners();
      client.on('error', () => {});
      await client.end().catch(() => {});
      throw error;
    }
    if (this.#stopped) {
      await client.end();
      return;
    }
    this.#client = client;
    this.#delayMs = firstRetryMs;
    for (const channel of this.#channels.values()) await channel.onListening?.();
  }

  #lost(client: pg.Client, error: Error): void {
    if (this.#client !== client || this.#stopped) return;
    this.#client = null;
    client.removeAllListeners();
    client.on('error', () => {});
    client.end().catch(() => {});
    this.options.onError(error);
    this.#schedule();
  }

  #schedule(): void {
    if (this.#stopped || this.#retry) return;
    const delay = this.#delayMs;
    this.#delayMs = Math.min(this.#delayMs * 2, lastRetryMs);
    this.#retry = setTimeout(() => {
      this.#retry = null;
      this.#connect().catch((error: unknown) => {
        this.options.onError(error instanceof Error ? error : new Error(String(error)));
        this.#schedule();
      });
    }, delay);
    this.#retry.unref();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#retry) clearTimeout(this.#retry);
    const client = this.#client;
    this.#client = null;
    if (client) {
      client.removeAllListeners();
      client.on('error', () => {});
      await client.end();
    }
  }
}
