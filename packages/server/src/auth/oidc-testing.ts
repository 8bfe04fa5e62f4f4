/**
 * Test support for the OIDC suites (not exported by the package): a real OpenID provider
 * (`oidc-provider`) on loopback, and just enough of a browser to sign in through its pages.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';
import { freshTestDatabase, type TestDatabase } from '../db/testing.js';
import { startServer, type OidcConfig } from '../index.js';

/** People the test provider knows, by account id. */
export const accounts: Record<string, Record<string, string>> = {
  // Léa reads in English: her account's `locale` (a standard claim of the `profile` scope).
  'lea-7f3a': { name: 'Léa Rousseau', given_name: 'Léa', family_name: 'Rousseau', email: 'lea.rousseau@convergence.example', locale: 'en-GB' },
  // ProConnect style: no `name`, a `usual_name` instead of `family_name`.
  'camille-91c2': { given_name: 'Camille', usual_name: 'Martin', email: 'camille.martin@convergence.example', uid: 'cmartin', siret: '21750001600019' },
};

interface StoredCookie {
  value: string;
  path: string;
}

/**
 * Just enough of a browser: cookies per host (ports share cookies, as in browsers), scoped by
 * path, and redirects followed by hand so each hop can be inspected.
 */
export class Browser {
  readonly cookies = new Map<string, Map<string, StoredCookie>>();

  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url);
    const headers = new Headers(init.headers);
    const cookie = this.cookieHeader(target);
    if (cookie) headers.set('cookie', cookie);
    const response = await fetch(target, { ...init, headers, redirect: 'manual' });
    this.store(target, response.headers.getSetCookie());
    return response;
  }

  cookieHeader(url: URL): string {
    const jar = this.cookies.get(url.hostname) ?? new Map<string, StoredCookie>();
    return [...jar.entries()]
      .filter(([, c]) => url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`))
      .map(([name, c]) => `${name}=${c.value}`)
      .join('; ');
  }

  /** A copy of this browser's cookies: what an attacker who saved them could replay. */
  clone(): Browser {
    const copy = new Browser();
    for (const [host, jar] of this.cookies) copy.cookies.set(host, new Map(jar));
    return copy;
  }

  private store(url: URL, setCookies: string[]): void {
    const jar = this.cookies.get(url.hostname) ?? new Map<string, StoredCookie>();
    this.cookies.set(url.hostname, jar);
    for (const line of setCookies) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const attr = (key: string) => attributes.find((a) => a.toLowerCase().startsWith(`${key}=`))?.split('=')[1];
      const expires = attr('expires');
      const gone = attr('max-age') === '0' || value === '' || (expires !== undefined && Date.parse(expires) <= Date.now());
      if (gone) jar.delete(name);
      else jar.set(name, { value, path: attr('path') ?? '/' });
    }
  }
}

export async function freePort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve, reject) => probe.close((error) => (error ? reject(error) : resolve())));
  return port;
}

export async function listen(server: Server, port = 0): Promise<string> {
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export async function closeServer(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await closed;
}

export function formField(html: string, pattern: RegExp): string {
  const found = pattern.exec(html)?.[1];
  assert.ok(found, `the provider's page has ${pattern}`);
  return found.replaceAll('&amp;', '&');
}

export async function assertProblem(response: Response, status: number, code: string, reason?: string): Promise<Record<string, unknown>> {
  const text = await response.text();
  assert.equal(response.status, status, text);
  assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
  const problem = JSON.parse(text) as Record<string, unknown>;
  assert.equal(problem.status, status);
  assert.equal(problem.code, code);
  if (reason !== undefined) assert.equal(problem.reason, reason, text);
  return problem;
}

/** One client registration at the test provider. */
export type ClientMetadata = Record<string, unknown> & { client_id: string };

/** A running `oidc-provider` on a loopback port of its own. */
export interface TestProvider {
  issuer: string;
  server: Server;
  close(): Promise<void>;
}

/**
 * Starts `oidc-provider` with `clients`, the {@link accounts}, claims by scope (standard and
 * ProConnect's one-claim scopes), the dev login and consent pages, and RP-initiated logout.
 */
export async function startProvider(clients: ClientMetadata[], options: { port?: number; extra?: Record<string, unknown> } = {}): Promise<TestProvider> {
  const server = createServer();
  const issuer = await listen(server, options.port);
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const provider = new Provider(issuer, {
    clients,
    jwks: { keys: [{ ...(await exportJWK(privateKey)), kid: 'test-key', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: ['test-provider-cookie-key'] },
    claims: {
      openid: ['sub'],
      profile: ['name', 'given_name', 'family_name', 'usual_name', 'locale'],
      email: ['email'],
      given_name: ['given_name'],
      usual_name: ['usual_name'],
      uid: ['uid'],
      siret: ['siret'],
    },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true }, jwtUserinfo: { enabled: true } },
    // Its SSRF guard refuses loopback addresses, where Bureau's /v1/auth/jwks is in these tests.
    fetch: (url: string, { dispatcher: _guard, ...init }: RequestInit & { dispatcher?: unknown }) => globalThis.fetch(url, init),
    findAccount: (_ctx: unknown, sub: string) => {
      const claims = accounts[sub];
      return claims && { accountId: sub, claims: () => ({ sub, ...claims }) };
    },
    ...options.extra,
  });
  server.on('request', provider.callback());
  return { issuer, server, close: () => closeServer(server) };
}

/**
 * Starts at Bureau's login URL and goes through the provider's login and consent pages as
 * `accountId`, stopping at the redirect back to Bureau (not followed).
 */
export async function signInAtProvider(browser: Browser, bureauUrl: string, accountId: string, returnTo = '/espace-rh'): Promise<URL> {
  const login = await browser.request(`${bureauUrl}/v1/auth/login?returnTo=${encodeURIComponent(returnTo)}`);
  assert.equal(login.status, 302, await login.clone().text());
  return followProviderPages(browser, bureauUrl, new URL(login.headers.get('location') ?? '', bureauUrl), accountId);
}

/** Follows the provider's redirects and submits its login, consent and logout forms until Bureau is next. */
export async function followProviderPages(browser: Browser, bureauUrl: string, start: URL, accountId = ''): Promise<URL> {
  let next = start;
  for (let hop = 0; hop < 20; hop += 1) {
    if (next.origin === bureauUrl) return next;
    const response = await browser.request(next.href);
    if (response.status >= 300 && response.status < 400) {
      next = new URL(response.headers.get('location') ?? '', next);
      continue;
    }
    const html = await response.text();
    assert.equal(response.status, 200, html);
    const action = new URL(formField(html, /<form[^>]*action="([^"]+)"/), next);
    const body = new URLSearchParams();
    for (const [, name, value] of html.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) if (name && value !== undefined) body.set(name, value);
    const prompt = body.get('prompt');
    if (prompt === 'login') {
      body.set('login', accountId);
      body.set('password', 'any');
    }
    if (/name="logout"/.test(html)) body.set('logout', 'yes');
    const submitted = await browser.request(action.href, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    assert.ok(submitted.status >= 300 && submitted.status < 400, `the form ${action.pathname} redirects (${submitted.status})`);
    next = new URL(submitted.headers.get('location') ?? '', action);
  }
  throw new Error('The provider never sent the browser back to Bureau');
}

/** Bureau's registration at the providers of the suites that use the helpers below. */
export const clientId = 'bureau';
/** With the characters form-encoding changes: the default client authentication must carry them intact. */
export const clientSecret = 'bureau-secret_with:all%sorts+of/chars=~';
export const intranet = 'https://intranet.convergence.example';

export const running: { close(): Promise<void> }[] = [];
export const databases: TestDatabase[] = [];

/** Stops every provider and Bureau started by the helpers below, and drops their databases: `after(closeAll)`. */
export async function closeAll(): Promise<void> {
  for (const item of running.reverse()) await item.close();
  for (const database of databases.splice(0)) await database.drop();
}

/** A Bureau on a fresh database at `bureauUrl`, signing in with `oidc`. */
export async function startBureau(bureauUrl: string, oidc: Partial<OidcConfig> & { issuer: string }): Promise<{ close(): Promise<void> }> {
  const database = await freshTestDatabase('bureau-oidc-providers-');
  databases.push(database);
  const server = await startServer({
    ...database.options,
    port: Number(new URL(bureauUrl).port),
    host: '127.0.0.1',
    publicUrl: bureauUrl,
    allowedOrigins: [intranet],
    auth: { oidc: { clientId, clientSecret, ...oidc } },
  });
  running.push(server);
  return server;
}

export async function startTracked(clients: ClientMetadata[], options?: Parameters<typeof startProvider>[1]): Promise<TestProvider> {
  const provider = await startProvider(clients, options);
  running.push(provider);
  return provider;
}

export const registration = (bureauUrl: string, extra: Record<string, unknown>): ClientMetadata => ({
  client_id: clientId,
  redirect_uris: [`${bureauUrl}/v1/auth/callback`],
  post_logout_redirect_uris: [`${bureauUrl}/v1/auth/logged-out`],
  grant_types: ['authorization_code'],
  response_types: ['code'],
  ...extra,
});

/** Signs in as `accountId` through the provider and returns `GET /v1/session`. */
export async function signIn(bureauUrl: string, accountId: string, browser = new Browser()): Promise<{ user: { name: string }; email?: string; csrfToken: string }> {
  const callback = await signInAtProvider(browser, bureauUrl, accountId, '/');
  const done = await browser.request(callback.href);
  assert.equal(done.status, 302, await done.clone().text());
  const session = await browser.request(`${bureauUrl}/v1/session`);
  assert.equal(session.status, 200);
  return (await session.json()) as { user: { name: string }; email?: string; csrfToken: string };
}

/** Polls `url` until it answers `status`, at most `timeoutMs`. */
export async function waitForStatus(url: string, status: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 0;
  while (Date.now() < deadline) {
    last = (await fetch(url)).status;
    if (last === status) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  assert.fail(`${url} still answers ${last} after ${timeoutMs} ms`);
}
