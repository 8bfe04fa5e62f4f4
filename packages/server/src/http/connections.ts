import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';

/**
 * On close, Node ends idle keep-alive connections but waits for connections that were opened
 * and never carried a request (clients open them ahead of need). Those are destroyed, so that
 * `close()` does not wait for a client's idle timeout.
 */
export function registerUnusedConnectionCleanup(app: FastifyInstance): void {
  const unused = new Set<Socket>();
  app.server.on('connection', (socket: Socket) => {
    unused.add(socket);
    socket.once('close', () => unused.delete(socket));
  });
  app.server.on('request', (request: { socket: Socket }) => unused.delete(request.socket));
  app.addHook('preClose', async () => {
    for (const socket of unused) socket.destroy();
  });
}
