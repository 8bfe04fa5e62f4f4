// Signing in to Bureau with LemonLDAP::NG, installed from Debian's packages and configured by
// scripts/lemonldap.js (its demo users, Bureau as an OpenID Connect relying party whose secret has
// `-` and `_`), in headless Chromium: an intranet page on its own origin sends people to Bureau's
// sign-in, which sends them to LemonLDAP's login form and back. Two people in turn, a space
// created, sign-out back to the intranet page, tampered state and code, a wrong secret, and the
// provider stopping during a callback. Needs root and the packages scripts/provision.sh installs;
// elsewhere it is skipped with the reason printed. Needs `npm run build` (the server's dist).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
// @ts-expect-error: plain JavaScript shared with the benchmarks.
import { chromiumArgs, chromiumPath } from '../bench/chromium.js';
// @ts-expect-error: plain JavaScript, also run on its own.
import { lemonLdapUnavailable, startLemonLdap } from '../scripts/lemonldap.js';
import { startServer } from '../packages/server/dist/index.js';

const unavailable: string | null = lemonLdapUnavailable();
// CI provisions the machine (scripts/provision.sh): there, a missing LemonLDAP is an error, not a skip.
if (unavailable && process.env.CI === 'true') throw new Error(`LemonLDAP::NG sign-in tests cannot run in CI: ${unavailable}`);
if (unavailable) console.log(`# LemonLDAP::NG sign-in tests skipped: ${unavailable}`);

/** A secret with the characters that broke client_secret_basic with LemonLDAP. */
const clientSecret = 'bureau-secret_change-me';
const WAIT = 20_000;

interface LemonLdap {
  issuer: string;
  stopWeb(): Promise<void>;
  close(): Promise<void>;
  log(): string;
}

async function listenOn(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  const url = await listenOn(probe);
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return Number(new URL(url).port);
}

/**
 * The intranet page: a sign-in link to Bureau, who is signed in (read with CORS and the session
 * cookie), and a sign-out button that goes through the provider's logout and back here.
 */
function intranetPage(bureau: string): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Intranet de la Mairie de Convergence</title></head>
<body><h1>Intranet de la Mairie de Convergence</h1>
<p id="who">…</p>
<a id="sign-in" href="${bureau}/v1/auth/login?returnTo=${encodeURIComponent('INTRANET/')}">Se connecter</a>
<button id="sign-out" type="button">Se déconnecter</button>
<script type="module">
const bureau = ${JSON.stringify(bureau)};
const response = await fetch(bureau + '/v1/session', { credentials: 'include' });
const session = response.ok ? await response.json() : null;
document.querySelector('#who').textContent = session ? 'Connecté : ' + session.user.name + ' <' + session.email + '>' : 'Non connecté';
window.bureauSession = session;
document.querySelector('#sign-out').addEventListener('click', async () => {
  const out = await fetch(bureau + '/v1/auth/logout?returnTo=' + encodeURIComponent(location.href), {
    method: 'POST', credentials: 'include', headers: { 'x-csrf-token': session.csrfToken },
  });
  const { endSessionUrl } = await out.json();
  location.assign(endSessionUrl ?? location.href);
});
</script></body></html>`;
}

describe('sign-in with LemonLDAP::NG from Debian', { skip: unavailable ?? false, timeout: 150_000 }, () => {
  let lemon: LemonLdap;
  let bureauUrl: string;
  let wrongUrl: string;
  let intranet: string;
  let intranetServer: Server;
  let browser: Browser;
  const closers: (() => Promise<void>)[] = [];
  const dataDirs: string[] = [];

  const startBureau = async (publicUrl: string, secret: string) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'bureau-e2e-lemonldap-'));
    dataDirs.push(dataDir);
    const server = await startServer({
      dataDir,
      port: Number(new URL(publicUrl).port),
      host: '127.0.0.1',
      publicUrl,
      allowedOrigins: [intranet],
      logger: false,
      auth: { oidc: { issuer: lemon.issuer, clientId: 'bureau', clientSecret: secret } },
    });
    closers.push(() => server.close());
  };

  before(async () => {
    bureauUrl = `http://127.0.0.1:${await freePort()}`;
    wrongUrl = `http://127.0.0.1:${await freePort()}`;
    intranetServer = createServer((request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(intranetPage(bureauUrl).replace('INTRANET', intranet));
    });
    intranet = await listenOn(intranetServer);
    lemon = (await startLemonLdap({
      client: {
        id: 'bureau',
        secret: clientSecret,
        redirectUris: [`${bureauUrl}/v1/auth/callback`, `${wrongUrl}/v1/auth/callback`],
        postLogoutRedirectUris: [`${bureauUrl}/v1/auth/logged-out`],
      },
    })) as LemonLdap;
    await startBureau(bureauUrl, clientSecret);
    await startBureau(wrongUrl, 'not-the-secret');
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  });

  after(async () => {
    assert.deepEqual(outside, [], 'neither LemonLDAP nor Bureau sends the browser off loopback');
    await browser?.close();
    for (const close of closers) await close();
    await lemon?.close();
    await new Promise<void>((resolve) => (intranetServer ? intranetServer.close(() => resolve()) : resolve()));
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  });

  /** Requests the pages tried to send off loopback (the closed network would refuse them): none. */
  const outside: string[] = [];

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ locale: 'fr-FR' });
    await context.route(
      (url) => url.hostname !== '127.0.0.1',
      async (route) => {
        outside.push(route.request().url());
        await route.abort();
      },
    );
    return context.newPage();
  }

  /** From the intranet page, through LemonLDAP's login form, back to the intranet page. */
  async function signInAs(page: Page, user: string): Promise<void> {
    await page.goto(`${intranet}/`);
    await page.locator('#who').getByText('Non connecté').waitFor({ timeout: WAIT });
    await page.click('#sign-in');
    await page.locator('#userfield').waitFor({ timeout: WAIT });
    await page.fill('#userfield', user);
    await page.fill('#passwordfield', user);
    await page.locator('#passwordfield').press('Enter');
    await page.waitForURL(`${intranet}/`, { timeout: WAIT });
    await page.locator('#who').getByText(/^Connecté/).waitFor({ timeout: WAIT });
  }

  async function signOut(page: Page): Promise<void> {
    await page.click('#sign-out');
    await page.waitForURL(`${intranet}/`, { timeout: WAIT });
    await page.locator('#who').getByText('Non connecté').waitFor({ timeout: WAIT });
  }

  it('signs two people in turn in, one creating a space, each signing out back to the intranet page', async () => {
    const page = await newPage();
    await signInAs(page, 'dwho');
    assert.equal(await page.textContent('#who'), 'Connecté : Doctor Who <dwho@badwolf.org>');
    const created = await page.evaluate(async (bureau) => {
      const session = (window as unknown as { bureauSession: { csrfToken: string } }).bureauSession;
      const response = await fetch(`${bureau}/v1/spaces`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken, 'idempotency-key': crypto.randomUUID() },
        body: JSON.stringify({ name: 'Cellule de crise TARDIS' }),
      });
      return { status: response.status, body: (await response.json()) as { name: string } };
    }, bureauUrl);
    assert.equal(created.status, 201);
    assert.equal(created.body.name, 'Cellule de crise TARDIS');
    await signOut(page);

    // LemonLDAP's own session ended too: the next person meets the login form.
    await signInAs(page, 'rtyler');
    assert.match((await page.textContent('#who')) ?? '', /^Connecté : Rose Tyler/);
    await signOut(page);
    await page.context().close();
  });

  /**
   * Signs in through LemonLDAP's form once (its single sign-on session), then asks Bureau for
   * another sign-in and follows the redirects by hand (they share the browser's cookies) up to
   * Bureau's callback: its URL, not yet visited. Chromium's request interception cannot stop
   * a redirect chain half-way, hence the hand-followed hops.
   */
  async function callbackUrl(page: Page, user: string, bureau = bureauUrl): Promise<string> {
    await page.goto(`${bureauUrl}/v1/auth/login?returnTo=${encodeURIComponent(`${intranet}/`)}`);
    await page.fill('#userfield', user);
    await page.fill('#passwordfield', user);
    await page.locator('#passwordfield').press('Enter');
    await page.waitForURL(`${intranet}/`, { timeout: WAIT });
    let url = `${bureau}/v1/auth/login?returnTo=${encodeURIComponent(`${intranet}/`)}`;
    for (let hop = 0; hop < 10; hop += 1) {
      const response = await page.request.get(url, { maxRedirects: 0 });
      const location = response.headers().location;
      assert.ok(location, `${url} redirects (${response.status()})`);
      url = new URL(location, url).href;
      if (url.startsWith(`${bureau}/v1/auth/callback`)) return url;
    }
    throw new Error('LemonLDAP never sent the browser back to Bureau');
  }

  it('refuses a tampered state and a tampered code with 400, in a page in French', async () => {
    const page = await newPage();
    const real = new URL(await callbackUrl(page, 'msmith'));
    const badState = new URL(real);
    badState.searchParams.set('state', `${real.searchParams.get('state')}x`);
    const stateAnswer = await page.goto(badState.href);
    assert.equal(stateAnswer?.status(), 400);
    await page.getByText('La connexion n’a pas abouti').waitFor({ timeout: WAIT });
    assert.ok(await page.getByRole('link', { name: 'Réessayer de se connecter' }).isVisible());
    assert.ok(await page.getByRole('link', { name: 'Retour à l’intranet' }).isVisible());

    const badCode = new URL(real);
    badCode.searchParams.set('code', `${real.searchParams.get('code')}x`);
    const codeAnswer = await page.goto(badCode.href);
    assert.equal(codeAnswer?.status(), 400);
    await page.getByText('a refusé le code de connexion').waitFor({ timeout: WAIT });
    await page.context().close();
  });

  it('names a wrong client secret as a configuration fault (503 unavailable, client-refused)', async () => {
    const page = await newPage();
    const callback = await callbackUrl(page, 'dwho', wrongUrl);
    const answer = await page.request.get(callback, { headers: { accept: 'application/json' } });
    assert.equal(answer.status(), 503);
    const problem = (await answer.json()) as { code: string; reason: string; providerError: string };
    assert.equal(problem.code, 'unavailable');
    assert.equal(problem.reason, 'client-refused');
    assert.equal(problem.providerError, 'invalid_client');
    await page.context().close();
  });

  it('answers 503 when the provider stops during a callback', async () => {
    const page = await newPage();
    const callback = await callbackUrl(page, 'dwho');
    await lemon.stopWeb();
    const answer = await page.goto(callback);
    assert.equal(answer?.status(), 503);
    await page.getByText('Le fournisseur d’identité ne répond pas').waitFor({ timeout: WAIT });
    await page.context().close();
  });
});
