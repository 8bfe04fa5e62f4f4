import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { createBearerVerifier } from './auth/bearer.js';
import { GroupMemberships } from './auth/groups.js';
import { registerDevSignIn } from './auth/dev.js';
import { createDevTokens, registerDevTokenRoute, withDevTokens } from './auth/dev-token.js';
import { registerAuth } from './auth/index.js';
import { registerSeen } from './users/seen.js';
import { registerOidc } from './auth/oidc.js';
import { registerAuthRoutes, type OidcHandle } from './auth/routes.js';
import { createSession, setSessionCookie } from './auth/sessions.js';
import { dialectOf, openDatabase, type Db } from './db/index.js';
import { registerDemoPages } from './demo/pages.js';
import { seedDemo } from './demo/seed.js';
import { registerChatRoutes } from './chat/index.js';
import { registerFiles } from './files/index.js';
import { registerBoardsRoutes } from './boards/index.js';
import { EventLog } from './events/log.js';
import { registerEventStream } from './events/stream.js';
import { registerGovernance } from './governance/index.js';
import { registerNotifications } from './notifications/index.js';
import { registerHealth, serverVersion } from './health.js';
import { registerBundle } from './http/bundle.js';
import { registerHelp } from './http/help.js';
import { registerUnusedConnectionCleanup } from './http/connections.js';
import { corsOptions } from './http/cors.js';
import { loadCursorKey } from './http/cursor.js';
import { registerErrorHandling, sendProblem } from './http/errors.js';
import { ProblemError } from './http/problem.js';
import { registerIdempotency } from './http/idempotency.js';
import { serializeRequest } from './http/log-redaction.js';
import { registerOpenApi } from './http/openapi-setup.js';
import { registerWriteRateLimit } from './http/rate-limit.js';
import { registerRequestId, requestIdOf } from './http/request-id.js';
import { registerSchemaNames } from './http/schema-names.js';
import { registerStrictInput } from './http/strict-input.js';
import { validatorCompiler } from './http/validator.js';
import { scheduleSweep } from './maintenance.js';
import { defaults, type ServerOptions } from './options.js';
import type { Services } from './services.js';
import { registerMemberRoutes } from './spaces/members.js';
import { registerSpaceRoutes } from './spaces/routes.js';
import { registerUserRoutes } from './users/routes.js';

/**
 * Builds the reference server without listening: opens (and migrates) the database, registers
 * every route and hook. `app.close()` ends event streams and closes the database.
 */
export async function buildApp(o: ServerOptions): Promise<FastifyInstance> {
  // The pool exists before the app and its logger: its errors go to the logger once there is one.
  let reportPoolError = (error: Error): void => console.error('PostgreSQL pool: an idle connection failed', error);
  const db = await openDatabase({ dataDir: o.dataDir, url: o.database?.url, poolSize: o.database?.poolSize, onPoolError: (error) => reportPoolError(error) });
  try {
    const app = await assemble(o, db);
    reportPoolError = (error) => app.log.warn({ err: error }, 'PostgreSQL pool: an idle connection failed; it is replaced');
    return app;
  } catch (error) {
    await db.destroy();
    throw error;
  }
}

async function assemble(o: ServerOptions, db: Db): Promise<FastifyInstance> {
  const app = Fastify({
    logger: o.logger === true ? { level: process.env.LOG_LEVEL ?? 'info', serializers: { req: serializeRequest } } : false,
    bodyLimit: o.bodyLimit ?? defaults.bodyLimit,
    trustProxy: o.trustProxy ?? false,
    genReqId: requestIdOf,
    requestIdHeader: false,
    frameworkErrors: (error, request, reply) => {
      request.log.info({ err: error }, 'malformed request');
      return sendProblem(request, reply, new ProblemError('bad-request', 'The request line is malformed.'));
    },
  });
  app.addHook('onClose', async () => db.destroy());
  await loadCursorKey(db);
  app.setValidatorCompiler(validatorCompiler);
  app.removeContentTypeParser('text/plain');
  registerStrictInput(app);
  registerSchemaNames(app);
  registerUnusedConnectionCleanup(app);
  registerRequestId(app);
  registerErrorHandling(app);
  await app.register(cors, corsOptions(o.allowedOrigins ?? []));
  await app.register(cookie);
  await registerOpenApi(app, serverVersion);

  if (o.demo === true) await seedDemo(db);
  const events = await EventLog.open(
    db,
    o.database && { url: o.database.url, onError: (error) => app.log.error({ err: error }, 'PostgreSQL LISTEN connection lost; reconnecting') },
  );
  app.addHook('onClose', async () => events.close());
  const services: Services = {
    db,
    events,
    demo: o.demo === true,
    secureCookies: o.secureCookies ?? true,
    sessionTtlMs: defaults.sessionTtlMs,
    publicBaseUrl: o.publicUrl === undefined ? null : o.publicUrl.replace(/\/+$/, ''),
    // The demo's instance administrator is Nadia Lefèvre, of the mairie's DSI.
    admins: new Set(o.admins ?? (o.demo === true ? ['nadia'] : [])),
  };
  const bearer = o.auth?.bearer;
  const groups = o.auth?.groups ? new GroupMemberships(db, events, o.auth.groups) : null;
  const issuerTokens = bearer ? createBearerVerifier(db, bearer, groups) : null;
  // Demo mode also signs short-lived tokens of its own, so that a page on another site can try bearer sign-in.
  const devTokens = services.demo ? await createDevTokens(db) : null;
  registerAuth(app, { db, verifyBearer: devTokens ? withDevTokens(devTokens, issuerTokens) : issuerTokens });
  registerSeen(app, db);
  // Several instances share a PostgreSQL database: the write limit is counted there too.
  registerWriteRateLimit(app, o.rateLimit ?? defaults.rateLimit, dialectOf(db) === 'postgres' ? db : undefined);
  registerIdempotency(app, { db, ttlMs: defaults.idempotencyTtlMs });

  const oidc = await registerOidcIfConfigured(app, o, services, groups);
  registerHealth(app, { db, events, notReady: () => oidc?.notReadyReason ?? null });
  registerBundle(app);
  registerHelp(app);
  registerAuthRoutes(app, services, { oidc, bearer: bearer !== undefined });
  if (services.demo) registerDevSignIn(app, services);
  if (devTokens) registerDevTokenRoute(app, devTokens);
  registerUserRoutes(app, services);
  registerSpaceRoutes(app, services);
  registerMemberRoutes(app, services);
  const chat = await registerChatRoutes(app, services, o.chat);
  const { blobs } = await registerFiles(app, services, o.dataDir, o.files);
  registerBoardsRoutes(app, services);
  registerGovernance(app, services, { blobs, auditRetentionDays: o.auditRetentionDays ?? defaults.auditRetentionDays, everyMs: 6 * 3600_000 });
  registerNotifications(app, services, o.digest);
  const retentionMs = o.eventRetentionMs ?? defaults.eventRetentionMs;
  registerEventStream(app, {
    db,
    log: events,
    ephemeral: chat.ephemeral,
    options: { heartbeatMs: o.heartbeatMs ?? defaults.heartbeatMs, retentionMs, retryMs: 2000 },
  });
  if (services.demo) await registerDemoPages(app, services);
  scheduleSweep(app, { db, events, eventRetentionMs: retentionMs, idempotencyTtlMs: defaults.idempotencyTtlMs }, 10 * 60_000);
  return app;
}

async function registerOidcIfConfigured(
  app: FastifyInstance,
  o: ServerOptions,
  services: Services,
  groups: GroupMemberships | null,
): Promise<(OidcHandle & { readonly notReadyReason: string | null }) | null> {
  const config = o.auth?.oidc;
  if (!config) return null;
  if (!o.publicUrl) throw new Error('OIDC sign-in needs `publicUrl` (BUREAU_PUBLIC_URL) to build its redirect URI.');
  return registerOidc(app, {
    db: services.db,
    groups,
    config,
    publicUrl: o.publicUrl,
    allowedOrigins: o.allowedOrigins ?? [],
    async startSession(reply: FastifyReply, userId: string, idToken: string | null) {
      const created = await createSession(services.db, { userId, mode: 'oidc', idToken, ttlMs: services.sessionTtlMs });
      setSessionCookie(reply, created, services.secureCookies);
    },
  });
}
