import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.js';
import { EphemeralBus } from './ephemeral.js';
import { registerMessageChangeRoutes } from './message-changes.js';
import { registerMessageRoutes } from './messages.js';
import { chatDefaults, type ChatOptions } from './options.js';
import { SendRateLimiter } from './rate.js';
import { registerReactionRoutes } from './reactions.js';
import { registerReadRoutes } from './reads.js';
import { registerRoomRoutes } from './rooms.js';
import { registerSearchRoutes } from './search.js';
import { registerTypingPresenceRoutes } from './typing-presence.js';

export type { ChatOptions } from './options.js';
export type { EphemeralBus } from './ephemeral.js';

/**
 * Rooms, messages, threads, reactions, read markers, search, typing and presence. Returns the
 * ephemeral bus that the event stream writes typing and presence events from.
 */
export async function registerChatRoutes(app: FastifyInstance, services: Services, options: ChatOptions = {}): Promise<{ ephemeral: EphemeralBus }> {
  const ephemeral = new EphemeralBus(services.db, app.log);
  if (services.events.shared) await ephemeral.relayThrough(services.events.shared);
  app.addHook('preClose', async () => ephemeral.close());
  const limiter = new SendRateLimiter(options.sendRateLimit ?? chatDefaults.sendRateLimit);
  registerRoomRoutes(app, services);
  registerMessageRoutes(app, services, limiter);
  registerMessageChangeRoutes(app, services);
  registerReactionRoutes(app, services);
  registerReadRoutes(app, services);
  registerSearchRoutes(app, services);
  registerTypingPresenceRoutes(app, services, ephemeral);
  return { ephemeral };
}
