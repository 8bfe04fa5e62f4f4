import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { defaults, type ServerOptions } from './options.js';

export interface RunningServer {
  /** Base URL of the listening server, e.g. `http://127.0.0.1:8080`. */
  url: string;
  app: FastifyInstance;
  /** Ends event streams, stops listening and closes the database. */
  close(): Promise<void>;
}

/** Builds the app and listens on `port` (0: any free port) and `host`. */
export async function startServer(o: ServerOptions): Promise<RunningServer> {
  const app = await buildApp(o);
  const host = o.host ?? defaults.host;
  await app.listen({ port: o.port ?? 0, host });
  const { port } = app.server.address() as AddressInfo;
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return { url: `http://${shown}:${port}`, app, close: () => app.close() };
}
