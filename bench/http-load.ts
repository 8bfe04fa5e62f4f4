// A light HTTP/1.1 load generator for the benches, in the manner of autocannon or wrk: each of
// `concurrency` kept-alive sockets sends one request, reads its answer, and sends the next. Requests
// are written as bytes and answers read only as far as their status and `content-length`, so that
// the sending side costs a fraction of the server's work: with node:http's client the bench
// process spent as much CPU per POST as the server did, and on a shared 2-core machine the
// benchmark measured its own client as much as the server (issue 16).
import { connect, type Socket } from 'node:net';

export interface LoadResult {
  /** Answers with the expected status per second. */
  perSecond: number;
  p50: number;
  p99: number;
  /** Answers with another status (the first one's status and body are kept for the error). */
  failed: number;
  firstFailure: string | null;
}

/** One kept-alive connection: writes a request, resolves with the status and body of its answer. */
class Connection {
  readonly #socket: Socket;
  #buffer = Buffer.alloc(0);
  #waiting: ((answer: { status: number; body: string }) => void) | null = null;
  #failed: ((error: Error) => void) | null = null;

  constructor(host: string, port: number) {
    this.#socket = connect({ host, port, noDelay: true });
    this.#socket.on('data', (chunk: Buffer) => this.#read(chunk));
    this.#socket.on('error', (error) => this.#failed?.(error));
    this.#socket.on('close', () => this.#failed?.(new Error('The server closed a connection')));
  }

  request(bytes: string): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      this.#waiting = resolve;
      this.#failed = reject;
      this.#socket.write(bytes);
    });
  }

  #read(chunk: Buffer): void {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    const headEnd = this.#buffer.indexOf('\r\n\r\n');
    if (headEnd === -1) return;
    const head = this.#buffer.toString('latin1', 0, headEnd);
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
    if (this.#buffer.length < headEnd + 4 + length) return;
    const body = this.#buffer.toString('utf8', headEnd + 4, headEnd + 4 + length);
    this.#buffer = this.#buffer.subarray(headEnd + 4 + length);
    const resolve = this.#waiting;
    this.#waiting = null;
    this.#failed = null;
    resolve?.({ status: Number(head.slice(9, 12)), body });
  }

  close(): void {
    this.#socket.destroy();
  }
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/**
 * Closed-loop load for `ms`: `concurrency` connections each sending `requestOf(n, connection)` (the
 * request's bytes, made by `httpRequest`) as soon as the previous answer is read.
 */
export async function closedLoop(url: string, concurrency: number, ms: number, expected: number, requestOf: (n: number, connection: number) => string): Promise<LoadResult> {
  const { hostname, port } = new URL(url);
  const connections = Array.from({ length: concurrency }, () => new Connection(hostname, Number(port)));
  const latencies: number[] = [];
  let failed = 0;
  let firstFailure: string | null = null;
  let n = 0;
  const start = performance.now();
  try {
    await Promise.all(
      connections.map(async (connection, i) => {
        while (performance.now() - start < ms) {
          const t = performance.now();
          const answer = await connection.request(requestOf((n += 1), i));
          if (answer.status === expected) latencies.push(performance.now() - t);
          else {
            failed += 1;
            firstFailure ??= `${answer.status} ${answer.body.slice(0, 300)}`;
          }
        }
      }),
    );
  } finally {
    for (const connection of connections) connection.close();
  }
  const elapsed = performance.now() - start;
  latencies.sort((a, b) => a - b);
  return { perSecond: (latencies.length * 1000) / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99), failed, firstFailure };
}

/** The bytes of an HTTP/1.1 request with a JSON body (kept alive). */
export function httpRequest(method: string, path: string, headers: Record<string, string>, body: unknown): string {
  const json = JSON.stringify(body);
  let head = `${method} ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(json)}\r\n`;
  for (const [name, value] of Object.entries(headers)) head += `${name}: ${value}\r\n`;
  return `${head}\r\n${json}`;
}
