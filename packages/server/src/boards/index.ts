import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.js';
import { registerArchiveRoutes } from './archive.js';
import { registerBoardRoutes } from './boards.js';
import { registerCardRoutes } from './cards.js';
import { registerColumnRoutes } from './columns.js';
import { registerCommentRoutes } from './comments.js';
import { registerMoveRoutes } from './moves.js';

/** Boards, labels, columns, cards, moves, comments, card history and archived cards. */
export function registerBoardsRoutes(app: FastifyInstance, services: Services): void {
  registerBoardRoutes(app, services);
  registerColumnRoutes(app, services);
  registerCardRoutes(app, services);
  registerMoveRoutes(app, services);
  registerCommentRoutes(app, services);
  registerArchiveRoutes(app, services);
}
