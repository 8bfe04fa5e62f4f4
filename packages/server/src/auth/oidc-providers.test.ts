/**
 * Bureau's OIDC client against `oidc-provider` set up the ways administrations run theirs: each
 * token endpoint authentication method, a ProConnect-like provider (one scope per claim,
 * `acr_values=eidas1`, signed userinfo, logout), a provider that starts after Bureau, a wrong
 * secret, and a provider that stops in the middle of a sign-in.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { freshTestDatabase, type TestDatabase } from '../db/testing.js';
import { startServer, type OidcConfig } from '../index.js';
import { assertProblem, Browser, followProviderPages, freePort, signInAtProvider, startProvider, type ClientMetadata, type TestProvider } from './oidc-testing.js';

const clientId = 'bureau';
const clientSecret = 'bureau-secret_with:all%sorts+of/chars=~';
const intranet = 'https://intranet.convergence.example';

const running: { close(): Promise<void> }[] = [];
const databases: TestDatabase[] = [];

after(async () => {
  for (const item of running.reverse()) await item.close();
  for (const database of databases) await database.drop();
});

/** A Bureau on a fresh database at `bureauUrl`, signing in with `oidc`. */
async function startBureau(bureauUrl: string, oidc: Partial<OidcConfig> & { issuer: string }): Promise<{ close(): Promise<void> }> {
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

async function startTracked(clients: ClientMetadata[], options?: Parameters<typeof startProvider>[1]): Promise<TestProvider> {
  const provider = await startProvider(clients, options);
  running.push(provider);
  return provider;
}

const registration = (bureauUrl: string, extra: Record<string, unknown>): ClientMetadata => ({
  client_id: clientId,
  redirect_uris: [`${bureauUrl}/v1/auth/callback`],
  post_logout_redirect_uris: [`${bureauUrl}/v1/auth/logged-out`],
  grant_types: ['authorization_code'],
  response_types: ['code'],
  ...extra,
});

/** Signs in as `accountId` through the provider and returns `GET /v1/session`. */
async function signIn(bureauUrl: string, accountId: string, browser = new Browser()): Promise<{ user: { name: string }; email?: string; csrfToken: string }> {
  const callback = await signInAtProvider(browser, bureauUrl, accountId, '/');
  const done = await browser.request(callback.href);
  assert.equal(done.status, 302, await done.clone().text());
  const session = await browser.request(`${bureauUrl}/v1/session`);
  assert.equal(session.status, 200);
  return (await session.json()) as { user: { name: string }; email?: string; csrfToken: string };
}

/** Polls `url` until it answers `status`, at most `timeoutMs`. */
async function waitForStatus(url: string, status: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 0;
  while (Date.now() < deadline) {
    last = (await fetch(url)).status;
    if (last === status) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  assert.fail(`${url} still answers ${last} after ${timeoutMs} ms`);
}

describe('OIDC client authentication methods', () => {
  it('client_secret_post, the default, carries a secret of any characters', async () => {
    const bureauUrl = `http://127.0.0.1:${await freePort()}`;
    const provider = await startTracked([registration(bureauUrl, { client_secret: clientSecret, token_endpoint_auth_method: 'client_secret_post' })]);
    await startBureau(bureauUrl, { issuer: provider.issuer });
    assert.equal((await signIn(bureauUrl, 'lea-7f3a')).user.name, 'Léa Rousseau');
  });

  it('client_secret_basic, when chosen, with the secret form-encoded as RFC 6749 says', async () => {
    const bureauUrl = `http://127.0.0.1:${await freePort()}`;
    const provider = await startTracked([registration(bureauUrl, { client_secret: clientSecret, token_endpoint_auth_method: 'client_secret_basic' })]);
    await startBureau(bureauUrl, { issuer: provider.issuer, tokenAuthMethod: 'client_secret_basic' });
    assert.equal((await signIn(bureauUrl, 'lea-7f3a')).user.name, 'Léa Rousseau');
  });

  it('private_key_jwt, with the public key published at /v1/auth/jwks for the provider to fetch', async () => {
    const bureauUrl = `http://127.0.0.1:${await freePort()}`;
    const database = await freshTestDatabase('bureau-oidc-key-');
    databases.push(database);
    const keyFile = join(database.dataDir, 'client-key.pem');
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    writeFileSync(keyFile, privateKey.export({ format: 'pem', type: 'pkcs8' }));
    const provider = await startTracked([
      registration(bureauUrl, {
        token_endpoint_auth_method: 'private_key_jwt',
        token_endpoint_auth_signing_alg: 'ES256',
        jwks_uri: `${bureauUrl}/v1/auth/jwks`,
      }),
    ]);
    await startBureau(bureauUrl, { issuer: provider.issuer, clientSecret: undefined, tokenAuthMethod: 'private_key_jwt', privateKeyFile: keyFile });
    const jwks = (await (await fetch(`${bureauUrl}/v1/auth/jwks`)).json()) as { keys: Record<string, unknown>[] };
    assert.equal(jwks.keys.length, 1);
    assert.equal(jwks.keys[0]?.kty, 'EC');
    assert.equal(jwks.keys[0]?.alg, 'ES256');
    assert.equal(jwks.keys[0]?.d, undefined, 'only the public half is published');
    assert.equal((await signIn(bureauUrl, 'lea-7f3a')).user.name, 'Léa Rousseau');
  });

  it('a wrong secret is a 503 that names the configuration fault, not a 500', async () => {
    const bureauUrl = `http://127.0.0.1:${await freePort()}`;
    const provider = await startTracked([registration(bureauUrl, { client_secret: clientSecret, token_endpoint_auth_method: 'client_secret_post' })]);
    await startBureau(bureauUrl, { issuer: provider.issuer, clientSecret: 'not-the-secret' });
    const browser = new Browser();
    const callback = await signInAtProvider(browser, bureauUrl, 'lea-7f3a');
    const problem = await assertProblem(await browser.request(callback.href), 503, 'unavailable', 'client-refused');
    assert.equal(problem.providerError, 'invalid_client');
    assert.equal((await browser.request(`${bureauUrl}/v1/session`)).status, 401);
  });
});

describe('a ProConnect-like provider', () => {
  it('gets one scope per claim and acr_values=eidas1, returns signed userinfo, and takes the logout with id_token_hint, state and post_logout_redirect_uri', async () => {
    const bureauUrl = `http://127.0.0.1:${await freePort()}`;
    const provider = await startTracked(
      [
        registration(bureauUrl, {
          client_secret: clientSecret,
          token_endpoint_auth_method: 'client_secret_post',
          id_token_signed_response_alg: 'RS256',
          userinfo_signed_response_alg: 'RS256',
        }),
      ],
      { extra: { acrValues: ['eidas1'] } },
    );
    await startBureau(bureauUrl, {
      issuer: provider.issuer,
      scopes: ['openid', 'given_name', 'usual_name', 'email', 'uid', 'siret'],
      acrValues: ['eidas1'],
    });
    const login = await new Browser().request(`${bureauUrl}/v1/auth/login`);
    const authorize = new URL(login.headers.get('location') ?? '');
    assert.equal(authorize.searchParams.get('acr_values'), 'eidas1');
    assert.equal(authorize.searchParams.get('scope'), 'openid given_name usual_name email uid siret');
    assert.ok((authorize.searchParams.get('state') ?? '').length >= 32, 'ProConnect wants 32 characters at least');
    assert.ok((authorize.searchParams.get('nonce') ?? '').length >= 32);

    const browser = new Browser();
    const session = await signIn(bureauUrl, 'camille-91c2', browser);
    assert.equal(session.user.name, 'Camille Martin', 'given_name + usual_name, read from the signed userinfo');
    assert.equal(session.email, 'camille.martin@convergence.example');

    const logout = await browser.request(`${bureauUrl}/v1/auth/logout?returnTo=${encodeURIComponent(`${intranet}/accueil`)}`, {
      method: 'POST',
      headers: { 'x-csrf-token': session.csrfToken },
    });
    const { endSessionUrl } = (await logout.json()) as { endSessionUrl: string };
    const end = new URL(endSessionUrl);
    for (const name of ['id_token_hint', 'state', 'post_logout_redirect_uri', 'client_id']) assert.ok(end.searchParams.get(name), name);
    const back = await followProviderPages(browser, bureauUrl, end);
    const landed = await browser.request(back.href);
    assert.equal(landed.headers.get('location'), `${intranet}/accueil`);
  });
});

describe('an identity provider that is down', () => {
  it('at start: Bureau runs, is not ready, answers sign-ins with 503, and becomes ready once the provider answers', async () => {
    const bureauUrl = `http://127.0.0.1:${await freePort()}`;
    const providerPort = await freePort();
    await startBureau(bureauUrl, { issuer: `http://127.0.0.1:${providerPort}` });
    assert.equal((await fetch(`${bureauUrl}/v1/health`)).status, 200, 'alive');
    await assertProblem(await fetch(`${bureauUrl}/v1/ready`), 503, 'unavailable');
    await assertProblem(await fetch(`${bureauUrl}/v1/auth/login`), 503, 'unavailable', 'provider-not-ready');

    await startTracked([registration(bureauUrl, { client_secret: clientSecret, token_endpoint_auth_method: 'client_secret_post' })], { port: providerPort });
    // Retries back off 1, 2, 4… seconds: the first ones fall within this bound.
    await waitForStatus(`${bureauUrl}/v1/ready`, 200, 20_000);
    assert.equal((await signIn(bureauUrl, 'lea-7f3a')).user.name, 'Léa Rousseau');
  });

  it('during a callback: 503, and nobody is signed in', async () => {
    const bureauUrl = `http://127.0.0.1:${await freePort()}`;
    const provider = await startProvider([registration(bureauUrl, { client_secret: clientSecret, token_endpoint_auth_method: 'client_secret_post' })]);
    await startBureau(bureauUrl, { issuer: provider.issuer });
    const browser = new Browser();
    const callback = await signInAtProvider(browser, bureauUrl, 'lea-7f3a');
    await provider.close();
    await assertProblem(await browser.request(callback.href), 503, 'unavailable', 'provider-unreachable');
    assert.equal((await browser.request(`${bureauUrl}/v1/session`)).status, 401);
  });
});

describe('a provider whose clock is wrong', () => {
  it('an ID token issued two hours in the future is refused (400 response-invalid)', async () => {
    const bureauUrl = `http://127.0.0.1:${await freePort()}`;
    const client = registration(bureauUrl, { client_secret: clientSecret, token_endpoint_auth_method: 'client_secret_post' });
    const child = spawn(process.execPath, ['--import', 'tsx', new URL('./oidc-skewed-provider.test-child.ts', import.meta.url).pathname, JSON.stringify(client)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    running.push({ close: async () => void child.kill() });
    const [line] = (await Promise.race([
      once(child.stdout, 'data'),
      once(child, 'exit').then(() => assert.fail('the skewed provider exited')),
    ])) as [Buffer];
    const issuer = line.toString().trim();
    await startBureau(bureauUrl, { issuer });
    const browser = new Browser();
    const callback = await signInAtProvider(browser, bureauUrl, 'lea-7f3a');
    await assertProblem(await browser.request(callback.href), 400, 'sign-in-failed', 'response-invalid');
    assert.equal((await browser.request(`${bureauUrl}/v1/session`)).status, 401);
  });
});
