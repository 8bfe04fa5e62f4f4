/**
 * The OIDC sign-in flow end to end: a real OpenID provider (`oidc-provider`) on loopback, the real
 * Bureau server on a fresh SQLite folder, and a hand-driven "browser" (fetch, manual redirects and
 * a cookie jar) that signs in through the provider's login and consent forms.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';
import { freshTestDatabase, type TestDatabase } from '../db/testing.js';
import { startServer } from '../index.js';

const clientId = 'bureau-test';
const clientSecret = 'a-long-enough-client-secret-for-the-test-provider';
const intranet = 'https://intranet.convergence.example';

/** People the test provider knows, by account id. */
const accounts: Record<string, Record<string, string>> = {
  'lea-7f3a': { name: 'Léa Rousseau', given_name: 'Léa', family_name: 'Rousseau', email: 'lea.rousseau@convergence.example' },
  // ProConnect style: no `name`, a `usual_name` instead of `family_name`.
  'camille-91c2': { given_name: 'Camille', usual_name: 'Martin', email: 'camille.martin@convergence.example' },
};

interface StoredCookie {
  value: string;
  path: string;
}

/**
 * Just enough of a browser: cookies per host (ports share cookies, as in browsers), scoped by
 * path, and redirects followed by hand so each hop can be inspected.
 */
class Browser {
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

async function freePort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve, reject) => probe.close((error) => (error ? reject(error) : resolve())));
  return port;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function formField(html: string, pattern: RegExp): string {
  const found = pattern.exec(html)?.[1];
  assert.ok(found, `the provider's page has ${pattern}`);
  return found.replaceAll('&amp;', '&');
}

async function assertProblem(response: Response, status: number, code: string, mustNotContain: string[] = []): Promise<void> {
  const text = await response.text();
  assert.equal(response.status, status, text);
  assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
  const problem = JSON.parse(text) as { status: number; code: string };
  assert.equal(problem.status, status);
  assert.equal(problem.code, code);
  for (const secret of mustNotContain) assert.ok(!text.includes(secret), 'the problem does not echo what it was sent');
}

describe('OIDC sign-in against a real OpenID provider', () => {
  let issuer: string;
  let bureauUrl: string;
  let providerServer: Server;
  let bureau: { close(): Promise<void> };
  let database: TestDatabase;
  let dataDir: string;

  before(async () => {
    providerServer = createServer();
    issuer = await listen(providerServer);
    bureauUrl = `http://127.0.0.1:${await freePort()}`;

    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: clientId,
          client_secret: clientSecret,
          redirect_uris: [`${bureauUrl}/v1/auth/callback`],
          post_logout_redirect_uris: [bureauUrl],
          grant_types: ['authorization_code'],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_basic',
        },
      ],
      jwks: { keys: [{ ...(await exportJWK(privateKey)), kid: 'test-key', use: 'sig', alg: 'RS256' }] },
      cookies: { keys: ['test-provider-cookie-key'] },
      claims: {
        openid: ['sub'],
        profile: ['name', 'given_name', 'family_name', 'usual_name'],
        email: ['email'],
      },
      features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
      findAccount: (_ctx: unknown, sub: string) => {
        const claims = accounts[sub];
        return claims && { accountId: sub, claims: () => ({ sub, ...claims }) };
      },
    });
    providerServer.on('request', provider.callback());

    database = await freshTestDatabase('bureau-oidc-');
    dataDir = database.dataDir;
    bureau = await startServer({
      ...database.options,
      port: Number(new URL(bureauUrl).port),
      host: '127.0.0.1',
      publicUrl: bureauUrl,
      allowedOrigins: [intranet],
      auth: { oidc: { issuer, clientId, clientSecret } },
    });
  });

  after(async () => {
    await bureau?.close();
    await new Promise<void>((resolve, reject) => providerServer.close((error) => (error ? reject(error) : resolve())));
    providerServer.closeAllConnections();
    await database.drop();
  });

  /**
   * Starts at Bureau's login URL and goes through the provider's login and consent pages as
   * `accountId`, stopping at the redirect back to Bureau's callback (not followed).
   */
  async function signInAtProvider(browser: Browser, accountId: string, returnTo = '/espace-rh'): Promise<URL> {
    const login = await browser.request(`${bureauUrl}/v1/auth/login?returnTo=${encodeURIComponent(returnTo)}`);
    assert.equal(login.status, 302);
    let next = new URL(login.headers.get('location') ?? '', bureauUrl);
    for (let hop = 0; hop < 20; hop += 1) {
      if (next.origin === bureauUrl) return next;
      const response = await browser.request(next.href);
      if (response.status >= 300 && response.status < 400) {
        next = new URL(response.headers.get('location') ?? '', next);
        continue;
      }
      const html = await response.text();
      assert.equal(response.status, 200, html);
      const prompt = formField(html, /name="prompt" value="([a-z]+)"/);
      const action = new URL(formField(html, /<form[^>]*action="([^"]+)"/), next);
      const body = new URLSearchParams({ prompt, ...(prompt === 'login' ? { login: accountId, password: 'any' } : {}) });
      const submitted = await browser.request(action.href, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
      assert.ok(submitted.status >= 300 && submitted.status < 400, `the ${prompt} form redirects`);
      next = new URL(submitted.headers.get('location') ?? '', action);
    }
    throw new Error('The provider never sent the browser back to Bureau');
  }

  async function session(browser: Browser): Promise<Response> {
    return browser.request(`${bureauUrl}/v1/session`);
  }

  it('redirects to the provider with state, nonce and an S256 PKCE challenge', async () => {
    const response = await new Browser().request(`${bureauUrl}/v1/auth/login?returnTo=%2Fespace-rh`);
    assert.equal(response.status, 302);
    const location = new URL(response.headers.get('location') ?? '');
    assert.equal(location.origin, issuer);
    const params = location.searchParams;
    assert.equal(params.get('response_type'), 'code');
    assert.equal(params.get('client_id'), clientId);
    assert.equal(params.get('redirect_uri'), `${bureauUrl}/v1/auth/callback`);
    assert.ok(params.get('scope')?.split(' ').includes('openid'));
    assert.ok((params.get('state') ?? '').length >= 32, 'a random state');
    assert.ok((params.get('nonce') ?? '').length >= 32, 'a random nonce');
    assert.match(params.get('code_challenge') ?? '', /^[A-Za-z0-9_-]{43}$/);
    assert.equal(params.get('code_challenge_method'), 'S256');
    assert.equal(response.headers.get('cache-control'), 'no-store');
  });

  it('signs the person in with an HttpOnly, Secure, SameSite=Lax session cookie, then logs out', async () => {
    const browser = new Browser();
    const callback = await signInAtProvider(browser, 'lea-7f3a');
    assert.equal(callback.pathname, '/v1/auth/callback');
    assert.ok(callback.searchParams.get('code'));

    const done = await browser.request(callback.href);
    assert.equal(done.status, 302, await done.clone().text());
    assert.equal(done.headers.get('location'), `${bureauUrl}/espace-rh`);
    const sessionCookie = done.headers.getSetCookie().find((line) => line.startsWith('bureau_session='));
    assert.ok(sessionCookie, 'a bureau_session cookie is set');
    const attributes = sessionCookie.split(';').map((part) => part.trim().toLowerCase());
    assert.ok(attributes.includes('httponly'));
    assert.ok(attributes.includes('secure'));
    assert.ok(attributes.includes('samesite=lax'));
    assert.ok(attributes.includes('path=/'));

    const signedIn = await session(browser);
    assert.equal(signedIn.status, 200);
    const body = (await signedIn.json()) as { user: { id: string; name: string }; mode: string; csrfToken?: string };
    assert.equal(body.user.name, 'Léa Rousseau');
    assert.match(body.user.id, /^usr_[A-Za-z0-9_-]+$/);
    assert.equal(body.mode, 'oidc');
    assert.ok(body.csrfToken, 'a CSRF token for the cookie session');

    const withoutCsrf = await browser.request(`${bureauUrl}/v1/auth/logout`, { method: 'POST' });
    await assertProblem(withoutCsrf, 403, 'csrf-failed');

    const logout = await browser.request(`${bureauUrl}/v1/auth/logout`, {
      method: 'POST',
      headers: { 'x-csrf-token': body.csrfToken },
    });
    assert.equal(logout.status, 200);
    const { endSessionUrl } = (await logout.json()) as { endSessionUrl: string | null };
    assert.ok(endSessionUrl, 'the provider has an end-session endpoint');
    const end = new URL(endSessionUrl);
    assert.equal(end.origin, issuer);
    assert.ok(end.searchParams.get('id_token_hint'), 'with the ID token as a hint');
    assert.equal(end.searchParams.get('post_logout_redirect_uri'), bureauUrl);

    assert.equal((await session(browser)).status, 401);
    const providerLogout = await browser.request(endSessionUrl);
    assert.equal(providerLogout.status, 200, 'the provider accepts the end-session request');
  });

  it('names ProConnect-style people from given_name and usual_name, and keeps one account per subject', async () => {
    const first = new Browser();
    const callback = await signInAtProvider(first, 'camille-91c2', `${intranet}/rh?onglet=chat`);
    callback.searchParams.set('session_state', 'keycloak-adds-this'); // providers add their own parameters
    const back = await first.request(callback.href);
    assert.equal(back.status, 302);
    assert.equal(back.headers.get('location'), `${intranet}/rh?onglet=chat`, 'back to the allowed intranet origin');
    const a = (await (await session(first)).json()) as { user: { id: string; name: string } };
    assert.equal(a.user.name, 'Camille Martin');

    const second = new Browser();
    await second.request((await signInAtProvider(second, 'camille-91c2', '/')).href);
    const b = (await (await session(second)).json()) as { user: { id: string } };
    assert.equal(b.user.id, a.user.id, 'the same (issuer, sub) is the same person');
  });

  it('refuses a replayed callback, a forged state and a callback from another browser', async () => {
    const browser = new Browser();
    const callback = await signInAtProvider(browser, 'lea-7f3a');
    const attacker = browser.clone();
    assert.equal((await browser.request(callback.href)).status, 302);

    await assertProblem(await attacker.request(callback.href), 400, 'bad-request');

    const forged = new URL(callback);
    forged.searchParams.set('state', 'forged-state-value-forged-state-value');
    const forger = new Browser();
    forger.cookies.set('127.0.0.1', new Map([['bureau_oidc_forged-state-value', { value: 'forged-state-value-forged-state-value', path: '/' }]]));
    await assertProblem(await forger.request(forged.href), 400, 'bad-request');

    const victim = new Browser();
    const stolen = await signInAtProvider(new Browser(), 'lea-7f3a');
    await assertProblem(await victim.request(stolen.href), 400, 'bad-request');
    assert.equal((await session(victim)).status, 401);
  });

  it('lets two tabs of one browser sign in at the same time', async () => {
    const browser = new Browser();
    const first = await signInAtProvider(browser, 'lea-7f3a', '/onglet-1');
    const second = await signInAtProvider(browser, 'lea-7f3a', '/onglet-2');
    const one = await browser.request(first.href);
    const two = await browser.request(second.href);
    assert.equal(one.headers.get('location'), `${bureauUrl}/onglet-1`);
    assert.equal(two.headers.get('location'), `${bureauUrl}/onglet-2`);
  });

  it('reports a sign-in the person cancelled at the provider as a problem, and signs nobody in', async () => {
    const browser = new Browser();
    const login = await browser.request(`${bureauUrl}/v1/auth/login`);
    let next = new URL(login.headers.get('location') ?? '');
    let page = await browser.request(next.href);
    while (page.status >= 300 && page.status < 400) {
      next = new URL(page.headers.get('location') ?? '', next);
      page = await browser.request(next.href);
    }
    const abort = new URL(formField(await page.text(), /href="([^"]*\/abort)"/), next);
    let hop = await browser.request(abort.href);
    let location = new URL(hop.headers.get('location') ?? '', abort);
    while (location.origin !== bureauUrl) {
      hop = await browser.request(location.href);
      location = new URL(hop.headers.get('location') ?? '', location);
    }
    assert.equal(location.searchParams.get('error'), 'access_denied');
    const refused = await browser.request(location.href);
    const text = await refused.clone().text();
    await assertProblem(refused, 400, 'bad-request');
    assert.match(text, /access_denied/);
    assert.equal((await session(browser)).status, 401);
  });

  it('refuses to start with a non-loopback http issuer or an unreachable provider', async () => {
    const start = (oidcIssuer: string) =>
      startServer({
        dataDir: join(dataDir, `refused-${Buffer.from(oidcIssuer).toString('hex')}`),
        port: 0,
        host: '127.0.0.1',
        publicUrl: 'http://127.0.0.1:9',
        auth: { oidc: { issuer: oidcIssuer, clientId, clientSecret } },
      });
    await assert.rejects(start('http://idp.convergence.example'), /https/);
    const gone = createServer();
    const goneUrl = await listen(gone);
    await new Promise<void>((resolve, reject) => gone.close((error) => (error ? reject(error) : resolve())));
    await assert.rejects(start(goneUrl));
  });

  it('refuses a returnTo outside this server and its allowed origins', async () => {
    for (const returnTo of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', `${issuer}/`]) {
      const response = await new Browser().request(`${bureauUrl}/v1/auth/login?returnTo=${encodeURIComponent(returnTo)}`);
      await assertProblem(response, 400, 'bad-request');
    }
    const absolute = await new Browser().request(`${bureauUrl}/v1/auth/login?returnTo=${encodeURIComponent(`${bureauUrl}/x?y=1`)}`);
    assert.equal(absolute.status, 302);
  });
});
