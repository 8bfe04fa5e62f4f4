/**
 * The OIDC sign-in flow end to end: a real OpenID provider (`oidc-provider`) on loopback, the real
 * Bureau server on a fresh SQLite folder, and a hand-driven "browser" (fetch, manual redirects and
 * a cookie jar) that signs in through the provider's login and consent forms.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { freshTestDatabase, type TestDatabase } from '../db/testing.js';
import { openDatabase } from '../db/index.js';
import { startServer } from '../index.js';
import { sendDigests } from '../notifications/digest.js';
import { smtpSender } from '../notifications/digest-routes.js';
import { startTestSmtp } from '../notifications/smtp-testing.js';
import {
  assertProblem,
  Browser,
  followProviderPages,
  formField,
  freePort,
  signInAtProvider as signInAt,
  startProvider,
  type TestProvider,
} from './oidc-testing.js';

const clientId = 'bureau-test';
// Characters that form-encoding changes: the default client authentication must carry them intact.
const clientSecret = 'a-long-enough_client-secret~for.the+test/provider=';
const intranet = 'https://intranet.convergence.example';

describe('OIDC sign-in against a real OpenID provider', () => {
  let issuer: string;
  let bureauUrl: string;
  let provider: TestProvider;
  let bureau: { close(): Promise<void> };
  let database: TestDatabase;
  let dataDir: string;

  before(async () => {
    bureauUrl = `http://127.0.0.1:${await freePort()}`;
    provider = await startProvider([
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [`${bureauUrl}/v1/auth/callback`],
        post_logout_redirect_uris: [`${bureauUrl}/v1/auth/logged-out`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        // What Bureau picks by default when the provider offers it.
        token_endpoint_auth_method: 'client_secret_post',
      },
    ]);
    issuer = provider.issuer;
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
    await provider?.close();
    await database.drop();
  });

  const signInAtProvider = (browser: Browser, accountId: string, returnTo = '/espace-rh'): Promise<URL> =>
    signInAt(browser, bureauUrl, accountId, returnTo);

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

  it('signs the person in with an HttpOnly, Secure, SameSite=Lax session cookie, then logs out back to the intranet', async () => {
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
    const body = (await signedIn.json()) as { user: { id: string; name: string }; mode: string; email?: string; csrfToken?: string };
    assert.equal(body.user.name, 'Léa Rousseau');
    assert.equal(body.email, 'lea.rousseau@convergence.example', 'the e-mail the provider gave');
    assert.match(body.user.id, /^usr_[A-Za-z0-9_-]+$/);
    assert.equal(body.mode, 'oidc');
    assert.ok(body.csrfToken, 'a CSRF token for the cookie session');

    const withoutCsrf = await browser.request(`${bureauUrl}/v1/auth/logout`, { method: 'POST' });
    await assertProblem(withoutCsrf, 403, 'csrf-failed');

    const refused = await browser.request(`${bureauUrl}/v1/auth/logout?returnTo=${encodeURIComponent('https://evil.example/')}`, {
      method: 'POST',
      headers: { 'x-csrf-token': body.csrfToken },
    });
    await assertProblem(refused, 400, 'bad-request');
    assert.equal((await session(browser)).status, 200, 'a refused returnTo leaves the session open');

    const logout = await browser.request(`${bureauUrl}/v1/auth/logout?returnTo=${encodeURIComponent(`${intranet}/rh?onglet=chat`)}`, {
      method: 'POST',
      headers: { 'x-csrf-token': body.csrfToken },
    });
    assert.equal(logout.status, 200);
    const { endSessionUrl } = (await logout.json()) as { endSessionUrl: string | null };
    assert.ok(endSessionUrl, 'the provider has an end-session endpoint');
    const end = new URL(endSessionUrl);
    assert.equal(end.origin, issuer);
    assert.ok(end.searchParams.get('id_token_hint'), 'with the ID token as a hint');
    assert.equal(end.searchParams.get('post_logout_redirect_uri'), `${bureauUrl}/v1/auth/logged-out`);
    assert.ok(end.searchParams.get('state'));

    assert.equal((await session(browser)).status, 401);
    const back = await followProviderPages(browser, bureauUrl, end);
    assert.equal(back.pathname, '/v1/auth/logged-out');
    const landed = await browser.request(back.href);
    assert.equal(landed.status, 302);
    assert.equal(landed.headers.get('location'), `${intranet}/rh?onglet=chat`, 'back where the person started');

    // Without the cookie of that sign-out (another browser, a replay), a page, not a redirect.
    const page = await new Browser().request(back.href, { headers: { accept: 'text/html', 'accept-language': 'fr-FR,fr;q=0.9' } });
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Vous êtes déconnecté/);
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

  it('takes the language of the mails from the locale claim, else from the browser: Léa (locale en-GB) gets her digest in English', async () => {
    const signedIn = async (accountId: string): Promise<{ browser: Browser; id: string; csrf: string }> => {
      const browser = new Browser();
      await browser.request((await signInAtProvider(browser, accountId, '/')).href);
      const body = (await (await session(browser)).json()) as { user: { id: string }; csrfToken: string };
      return { browser, id: body.user.id, csrf: body.csrfToken };
    };
    const send = async (who: { browser: Browser; csrf: string }, method: string, path: string, json: unknown): Promise<{ id: string }> => {
      const response = await who.browser.request(`${bureauUrl}${path}`, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': who.csrf },
        body: JSON.stringify(json),
      });
      assert.ok(response.ok, await response.clone().text());
      return (await response.json()) as { id: string };
    };
    const lea = await signedIn('lea-7f3a');
    const camille = await signedIn('camille-91c2');
    // Her browser says French: the claim stays. Camille's provider gives no locale: her browser's English counts.
    await lea.browser.request(`${bureauUrl}/v1/session`, { headers: { 'accept-language': 'fr-FR,fr;q=0.9' } });
    await camille.browser.request(`${bureauUrl}/v1/session`, { headers: { 'accept-language': 'de-DE, en-US;q=0.8, fr;q=0.5' } });
    const db = await openDatabase({ dataDir, url: database.url });
    const smtp = await startTestSmtp();
    try {
      const locales = await db.selectFrom('users').select(['id', 'locale', 'locale_source']).where('id', 'in', [lea.id, camille.id]).execute();
      assert.deepEqual(locales.find((row) => row.id === lea.id), { id: lea.id, locale: 'en', locale_source: 'claim' });
      assert.deepEqual(locales.find((row) => row.id === camille.id), { id: camille.id, locale: 'en', locale_source: 'browser' });

      const space = await send(lea, 'POST', '/v1/spaces', { name: 'Dialogue social' });
      await send(lea, 'PUT', `/v1/spaces/${space.id}/members/${camille.id}`, { role: 'member' });
      const room = await send(lea, 'POST', `/v1/spaces/${space.id}/rooms`, { name: 'cst' });
      await send(camille, 'POST', `/v1/rooms/${room.id}/messages`, { text: `@${lea.id} l’ordre du jour du CST est prêt` });
      const idle = new Date(Date.now() + 2 * 3600_000);
      const options = { from: 'bureau@convergence.example', publicBaseUrl: bureauUrl, intervalMs: 86_400_000, idleMs: 3600_000, links: {} };
      assert.equal(await sendDigests(db, smtpSender(smtp.url), options, idle), 1);
      assert.deepEqual(smtp.received.map((mail) => mail.to), [['lea.rousseau@convergence.example']]);
      assert.match(smtp.received[0]?.body ?? '', /Subject: Bureau: 1 unread notification/);
      assert.match(smtp.received[0]?.body ?? '', /Hello Léa Rousseau,/);
      assert.match(smtp.received[0]?.body ?? '', /Camille Martin mentioned you in cst/);
    } finally {
      await smtp.close();
      await db.destroy();
    }
  });

  it('refuses a replayed callback, a forged state and a callback from another browser', async () => {
    const browser = new Browser();
    const callback = await signInAtProvider(browser, 'lea-7f3a');
    const attacker = browser.clone();
    assert.equal((await browser.request(callback.href)).status, 302);

    await assertProblem(await attacker.request(callback.href), 400, 'sign-in-failed', 'unknown-state');

    const forged = new URL(callback);
    forged.searchParams.set('state', 'forged-state-value-forged-state-value');
    const forger = new Browser();
    forger.cookies.set('127.0.0.1', new Map([['bureau_oidc_forged-state-value', { value: 'forged-state-value-forged-state-value', path: '/' }]]));
    await assertProblem(await forger.request(forged.href), 400, 'sign-in-failed', 'unknown-state');

    const victim = new Browser();
    const stolen = await signInAtProvider(new Browser(), 'lea-7f3a');
    await assertProblem(await victim.request(stolen.href), 400, 'sign-in-failed', 'unknown-state');
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
    const problem = await assertProblem(refused, 400, 'sign-in-failed', 'provider-refused');
    assert.equal(problem.providerError, 'access_denied');
    assert.equal((await session(browser)).status, 401);
  });

  it('refuses to start with a non-loopback http issuer, and accepts loopback names over http', async () => {
    const start = (oidcIssuer: string) =>
      startServer({
        dataDir: join(dataDir, `start-${Buffer.from(oidcIssuer).toString('hex')}`),
        port: 0,
        host: '127.0.0.1',
        publicUrl: 'http://127.0.0.1:9',
        auth: { oidc: { issuer: oidcIssuer, clientId, clientSecret } },
      });
    await assert.rejects(start('http://idp.convergence.example'), /https/);
    await assert.rejects(start('http://127.0.0.1.convergence.example'), /https/);
    // Loopback names start (the provider is simply not there yet).
    for (const loopback of ['http://idp.localhost:9/', 'http://127.0.0.2:9/', 'http://[::1]:9/']) {
      const server = await start(loopback);
      await server.close();
    }
  });

  it('shows a browser a page in its language, with a way to try again and back to the intranet', async () => {
    const browser = new Browser();
    const callback = await signInAtProvider(browser, 'lea-7f3a', `${intranet}/rh`);
    const tampered = new URL(callback);
    tampered.searchParams.set('state', `${callback.searchParams.get('state')}x`);
    const navigation = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
    const fr = await browser.request(tampered.href, { headers: { ...navigation, 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.8' } });
    assert.equal(fr.status, 400);
    assert.match(fr.headers.get('content-type') ?? '', /^text\/html/);
    const html = await fr.text();
    assert.match(html, /<html lang="fr">/);
    assert.match(html, /La connexion n’a pas abouti/);
    assert.match(html, new RegExp(`href="${bureauUrl}/v1/auth/login"`), 'try again');
    assert.match(html, new RegExp(`href="${intranet}/"`), 'back to the intranet');

    const en = await browser.request(`${bureauUrl}/v1/auth/callback?state=unknown`, { headers: { ...navigation, 'accept-language': 'en-GB,en;q=0.9' } });
    assert.equal(en.status, 400);
    assert.match(await en.text(), /Sign-in did not complete/);

    // The real callback, once the state is known, offers to return where the sign-in started.
    const ok = await browser.request(callback.href, { headers: navigation });
    assert.equal(ok.status, 302);
    const again = await browser.request(callback.href, { headers: navigation });
    assert.equal(again.status, 400);
  });

  it('refuses a returnTo outside this server and its allowed origins', async () => {
    for (const returnTo of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', `${issuer}/`]) {
      const response = await new Browser().request(`${bureauUrl}/v1/auth/login?returnTo=${encodeURIComponent(returnTo)}`);
      await assertProblem(response, 400, 'bad-request');
    }
    const page = await new Browser().request(`${bureauUrl}/v1/auth/login?returnTo=${encodeURIComponent('https://evil.example/')}`, {
      headers: { accept: 'text/html', 'accept-language': 'en' },
    });
    assert.equal(page.status, 400);
    assert.match(await page.text(), /This sign-in request is not valid/);
    const absolute = await new Browser().request(`${bureauUrl}/v1/auth/login?returnTo=${encodeURIComponent(`${bureauUrl}/x?y=1`)}`);
    assert.equal(absolute.status, 302);
  });
});
