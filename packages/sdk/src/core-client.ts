import type { LogoutResult } from '@bureau/api';
import { AuthService } from './auth/auth-service.js';
import { Identity } from './auth/identity.js';
import { lazyTokens } from './auth/lazy-tokens.js';
import type { BureauClient, ClientOptions } from './client.js';
import { createService, type DomainContext, type DomainName } from './domains.js';
import { isHttpError } from './errors/guards.js';
import type { Outbox } from './outbox/outbox.js';
import { Http } from './http/http.js';
import { storeOpener } from './storage/open-store.js';
import { EventStream } from './stream/stream.js';
import type { CallOptions } from './types/call-options.js';

/**
 * Creates a client of the Bureau API whose domain services are code loaded by what uses them: it
 * holds the session and the event stream, and makes `client.chat`, `client.files`… and
 * `client.outbox` on first use from the domains registered on the page ({@link registerDomains}).
 * Using a domain that is not registered throws. For pages that count their bytes (an intranet
 * header showing only the notification bell); {@link createClient} has every domain.
 *
 * @example
 * ```ts
 * import { createCoreClient, registerDomains, spacesDomain } from '@bureau/sdk';
 *
 * registerDomains(spacesDomain);
 * const client = createCoreClient({ baseUrl: 'https://bureau.mairie.example' });
 * const { items } = await client.spaces.list();
 * ```
 */
export function createCoreClient(options: ClientOptions): BureauClient {
  const apiOrigin = new URL(options.baseUrl).origin;
  const identity: Identity = new Identity({
    apiOrigin,
    openStore: storeOpener(options.storage),
    loadSession: () => auth.fetchSession(),
  });
  const tokens = options.getToken ? lazyTokens(options.getToken) : undefined;
  const http = new Http({
    baseUrl: options.baseUrl,
    identity,
    tokens,
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
  });
  const auth = new AuthService({ http, identity });
  const stream = new EventStream({ http, identity });
  const services = new Map<DomainName, unknown>();
  const context: DomainContext = {
    http,
    stream,
    identity,
    uploads: options.uploads,
    get outbox() {
      return service('outbox');
    },
  };
  /** This client's service of a domain, made on first use. */
  const service = <Name extends DomainName>(name: Name): BureauClient[Name] => {
    let made = services.get(name) as BureauClient[Name] | undefined;
    if (made === undefined) {
      made = createService(name, context);
      services.set(name, made);
    }
    return made;
  };

  return {
    baseUrl: http.baseUrl,
    auth,
    get spaces() {
      return service('spaces');
    },
    get chat() {
      return service('chat');
    },
    get boards() {
      return service('boards');
    },
    get files() {
      return service('files');
    },
    governance: async () => new (await import('./governance/governance-service.js')).GovernanceService({ http, auth }),
    get search() {
      return service('search');
    },
    get notifications() {
      return service('notifications');
    },
    stream,
    get outbox() {
      return service('outbox');
    },
    async signOut(callOptions: CallOptions & { returnTo?: string } = {}): Promise<string | null> {
      let result: LogoutResult = { endSessionUrl: null };
      let failure: unknown;
      try {
        result = (await http.request<LogoutResult>({ method: 'POST', path: `/v1/auth/logout${callOptions.returnTo ? `?returnTo=${encodeURIComponent(callOptions.returnTo)}` : ''}`, signal: callOptions.signal })).body;
      } catch (error) {
        // Already signed out on the server (expired session): that is what was asked.
        if (!(isHttpError(error) && error.status === 401)) failure = error;
      }
      // The person's queued writes go with their store (below); those awaited here end now.
      (services.get('outbox') as Outbox | undefined)?.clear();
      // Forgetting the person also disconnects the stream until the next session.
      await identity.forget();
      if (failure !== undefined) throw failure;
      return result.endSessionUrl;
    },
    close(): void {
      stream.close();
      (services.get('outbox') as Outbox | undefined)?.close();
      identity.close().catch((error: unknown) => reportError(error));
    },
  };
}
