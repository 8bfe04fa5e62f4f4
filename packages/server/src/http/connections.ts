import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';

/**
 * On close, Node ends the keep-alive connections that are idle at that instant, and then waits for
 * the others to end by themselves — the client's keep-alive timeout (72 s) for a connection that
 * went idle a moment later. Two kinds were caught that way, and `close()` (a deployment's restart)
 * waited 72 s: a connection opened ahead of need that never carried a request, and one whose last
 * response was a stream with a `Content-Length` (bundles, chunks, downloads): the client has every
 * byte before the server has read the file's end. So connections are tracked here: idle ones are
 * destroyed when the server closes, and a response that finishes while it closes ends its
 * connection. A response still going (an SSE stream, a download) is left to finish.
 */
export function registerUnusedConnectionCleanup(app: FastifyInstance): void {
  const idle = new Set<Socket>();
  let closing = false;
  app.server.on('connection', (socket: Socket) => {
    idle.add(socket);
    socket.once('close', () => idle.delete(socket));
  });
  app.server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const socket = request.socket;
    idle.delete(socket);
    response.once('finish', () => {
      if (socket.destroyed) return;
      if (closing) socket.end();
      else idle.add(socket);
    });
  });
  app.addHook('preClose', async () => {
    closing = true;
    for (const socket of idle) socket.destroy();
  });
}
