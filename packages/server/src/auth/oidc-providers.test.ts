/**
 * Bureau's OIDC client against `oidc-provider` set up the ways administrations run theirs: each
 * token endpoint authentication method, a ProConnect-like provider (one scope per claim,
 * `acr_values=eidas1`, signed userinfo, logout), and a wrong
 * secret. Outages: oidc-outages.test.ts.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { freshTestDatabase } from '../db/testing.js';
import {
  assertProblem,
  Browser,
  clientSecret,
  closeAll,
  databases,
  followProviderPages,
  freePort,
  intranet,
  registration,
  signIn,
  signInAtProvider,
  startBureau,
  startTracked,
} from './oidc-testing.js';

after(closeAll);

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
