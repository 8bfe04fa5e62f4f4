import type { Identity } from './auth/identity.js';
import type { BureauClient } from './client.js';
import type { UploadManagerOptions } from './files/upload-manager.js';
import type { Http } from './http/http.js';
import type { Outbox } from './outbox/outbox.js';
import type { EventStream } from './stream/stream.js';

/**
 * The domain services of a {@link BureauClient} that are code of their own, loaded by what uses them;
 * the outbox too, which only the domains that write need (a page that only reads never loads it).
 */
export type DomainName = 'spaces' | 'chat' | 'boards' | 'files' | 'search' | 'notifications' | 'outbox';

/**
 * What a domain service is made of: the parts one client shares between its domains. The domains
 * that read through the cache add it themselves (`withCache`). @internal
 */
export interface DomainContext {
  readonly http: Http;
  readonly outbox: Outbox;
  readonly stream: EventStream;
  readonly identity: Identity;
  readonly uploads: UploadManagerOptions | undefined;
}

/**
 * The code of one domain service (`chatDomain` makes `client.chat`). A client made by
 * {@link createCoreClient} has the domains registered on the page with {@link registerDomains};
 * one made by `createClient` has them all.
 */
export interface Domain<Name extends DomainName = DomainName> {
  readonly name: Name;
  /** The domains it uses, registered with it (the outbox, for the domains that write). */
  readonly requires?: ReadonlyArray<Domain<DomainName>>;
  /** @internal */
  create(context: DomainContext): BureauClient[Name];
}

/** The domains whose code this page has: like `customElements`, a registry of code, not of state. */
const registered = new Map<DomainName, Domain>();

/**
 * Makes these domain services available to every client of the page made by
 * {@link createCoreClient} (`client.chat` once `chatDomain` is registered). Registering a domain
 * again does nothing.
 *
 * @example
 * ```ts
 * import { createCoreClient, registerDomains, notificationsDomain } from '@bureau/sdk';
 * registerDomains(notificationsDomain);
 * const client = createCoreClient({ baseUrl: 'https://bureau.mairie.example' });
 * const { unreadCount } = await client.notifications.list({ limit: 1 });
 * ```
 */
export function registerDomains(...domains: ReadonlyArray<Domain<DomainName>>): void {
  for (const domain of domains) {
    if (registered.has(domain.name)) continue;
    registered.set(domain.name, domain);
    registerDomains(...(domain.requires ?? []));
  }
}

/** Makes a client's service of `name`, or says which domain to register. @internal */
export function createService<Name extends DomainName>(name: Name, context: DomainContext): BureauClient[Name] {
  const domain = registered.get(name) as Domain<Name> | undefined;
  if (domain === undefined) {
    throw new Error(`Bureau: client.${name} is not loaded on this page: call registerDomains(${name}Domain) before using it, or make the client with createClient(), which has every domain.`);
  }
  return domain.create(context);
}
