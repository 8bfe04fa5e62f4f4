import pg from 'pg';

/** The NOTIFY channel of committed event positions; the payload is the new head, in decimal. */
export const eventsChannel = 'bureau_events';

export interface WakeUpOptions {
  url: string;
  /** Called with each position another (or this) instance announces. */
  onPosition: (position: number) => void;
  /** Called once LISTEN is in place, at start and after every reconnection. */
  onListening: () => Promise<void>;
  /** Told when the connection fails; reconnection follows by itself. */
  onError: (error: Error) => void;
}

const firstRetryMs = 250;
const lastRetryMs = 10_000;

/**
 * One dedicated PostgreSQL connection (not from the pool: a pooled one would be handed to a query
 * and lose its LISTEN) that listens on `bureau_events`. When it drops, it reconnects with backoff,
 * listens again, and calls `onListening` so the caller re-reads the head it may have missed.
 */
export class PostgresWakeUp {
  #client: pg.Client | null = null;
  #stopped = false;
  #retry: NodeJS.Timeout | null = null;
  #delayMs = firstRetryMs;

  private constructor(private readonly options: WakeUpOptions) {}

  /** Connects and listens; rejects if the first connection fails (the server then does not start). */
  static async start(options: WakeUpOptions): Promise<PostgresWakeUp> {
    const wakeUp = new PostgresWakeUp(options);
    await wakeUp.#connect();
    return wakeUp;
  }

  async #connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.options.url });
    client.on('notification', (message) => {
      if (message.channel !== eventsChannel) return;
      const position = Number(message.payload);
      if (Number.isSafeInteger(position)) this.options.onPosition(position);
    });
    client.on('error', (error) => this.#lost(client, error));
    client.on('end', () => this.#lost(client, new Error('The LISTEN connection to PostgreSQL ended')));
    try {
      await client.connect();
      await client.query(`LISTEN ${eventsChannel}`);
    } catch (error) {
      client.removeAllListeners();
      await client.end().catch(() => {});
      throw error;
    }
    if (this.#stopped) {
      await client.end();
      return;
    }
    this.#client = client;
    this.#delayMs = firstRetryMs;
    await this.options.onListening();
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

  /** True while LISTEN is in place (readiness may report it). */
  get listening(): boolean {
    return this.#client !== null;
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
