/**
 * Bearer tokens end to end: a key pair made here, its JWKS served from a tiny HTTP server on
 * loopback, and the real Bureau server on a fresh database verifying tokens against it.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import { freshTestDatabase, type TestDatabase } from '../db/testing.js';
import { readCliConfig } from '../cli-config.js';
import { startServer } from '../index.js';

const issuer = 'https://idp.convergence.example/realms/mairie';
const audience = 'bureau';

interface Running {
  url: string;
  close(): Promise<void>;
}

async function serveJwks(keys: JWK[]): Promise<{ server: Server; url: string }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks` };
}

async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('bearer tokens verified against the issuer JWKS', () => {
  let signingKey: CryptoKey;
  let publicJwk: JWK;
  let jwks: { server: Server; url: string };
  let bureau: Running;
  const databases: TestDatabase[] = [];

  async function startBureau(jwksUrl: string): Promise<Running> {
    const database = await freshTestDatabase('bureau-bearer-');
    databases.push(database);
    return startServer({ ...database.options, port: 0, host: '127.0.0.1', auth: { bearer: { jwksUrl, issuer, audience } } });
  }

  function token(claims: JWTPayload, options: { key?: CryptoKey; kid?: string; expiresIn?: string | number } = {}): Promise<string> {
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: options.kid ?? 'bureau-test-key', typ: 'JWT' })
      .setIssuer(claims.iss ?? issuer)
      .setAudience(claims.aud ?? audience)
      .setIssuedAt()
      .setExpirationTime(options.expiresIn ?? '5m')
      .sign(options.key ?? signingKey);
  }

  function call(path: string, bearer: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${bearer}`);
    return fetch(`${bureau.url}${path}`, { ...init, headers });
  }

  async function assertRefused(bearer: string): Promise<void> {
    const response = await call('/v1/session', bearer);
    const text = await response.text();
    assert.equal(response.status, 401, text);
    assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
    const problem = JSON.parse(text) as { code: string; status: number };
    assert.equal(problem.code, 'unauthenticated');
    assert.equal(problem.status, 401);
    for (const part of bearer.split('.').filter((p) => p.length > 8)) {
      assert.ok(!text.includes(part), 'the problem document does not echo the token');
    }
    assert.ok(!/alg|kid|JWS|JWT|signature|claim/i.test(text), 'nor say what was wrong with it');
  }

  before(async () => {
    const pair = await generateKeyPair('ES256');
    signingKey = pair.privateKey;
    publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'bureau-test-key', alg: 'ES256', use: 'sig' };
    jwks = await serveJwks([publicJwk]);
    bureau = await startBureau(jwks.url);
  });

  after(async () => {
    await bureau?.close();
    await closeServer(jwks.server);
    await Promise.all(databases.map((database) => database.drop()));
  });

  it('lets a valid token in as that person, without a CSRF token', async () => {
    const bearer = await token({ sub: 'agent-1024', name: 'Inès Moreau' });
    const response = await call('/v1/session', bearer);
    assert.equal(response.status, 200);
    const session = (await response.json()) as { user: { id: string; name: string }; mode: string; csrfToken?: string };
    assert.equal(session.user.name, 'Inès Moreau');
    assert.match(session.user.id, /^usr_[A-Za-z0-9_-]+$/);
    assert.equal(session.mode, 'bearer');
    assert.equal(session.csrfToken, undefined);

    const created = await call('/v1/spaces', bearer, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Accueil du public' }),
    });
    assert.equal(created.status, 201, await created.clone().text());
    const space = (await created.json()) as { name: string };
    assert.equal(space.name, 'Accueil du public');
  });

  it('keeps one person per subject and follows their name, falling back to preferred_username', async () => {
    const first = (await (await call('/v1/session', await token({ sub: 'agent-2048', preferred_username: 'tgarnier' }))).json()) as {
      user: { id: string; name: string };
    };
    assert.equal(first.user.name, 'tgarnier');
    const renamed = (await (await call('/v1/session', await token({ sub: 'agent-2048', name: 'Théo Garnier' }))).json()) as {
      user: { id: string; name: string };
    };
    assert.equal(renamed.user.id, first.user.id);
    assert.equal(renamed.user.name, 'Théo Garnier');
  });

  it('refuses an expired token', async () => {
    await assertRefused(await token({ sub: 'agent-1024' }, { expiresIn: Math.floor(Date.now() / 1000) - 3600 }));
  });

  it('refuses a token for another audience or from another issuer', async () => {
    await assertRefused(await token({ sub: 'agent-1024', aud: 'another-app' }));
    await assertRefused(await token({ sub: 'agent-1024', iss: 'https://evil.example' }));
  });

  it('refuses a token without a subject', async () => {
    await assertRefused(await token({ name: 'Nobody' }));
  });

  it('refuses an unsigned (alg: none) token', async () => {
    const now = Math.floor(Date.now() / 1000);
    const payload = { sub: 'agent-1024', iss: issuer, aud: audience, iat: now, exp: now + 300 };
    await assertRefused(`${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(payload)}.`);
  });

  it('refuses an HS256 token keyed with the public key', async () => {
    const secret = new TextEncoder().encode(JSON.stringify(publicJwk));
    const forged = await new SignJWT({ sub: 'agent-1024' })
      .setProtectedHeader({ alg: 'HS256', kid: 'bureau-test-key' })
      .setIssuer(issuer)
      .setAudience(audience)
      .setExpirationTime('5m')
      .sign(secret);
    await assertRefused(forged);
  });

  it('refuses a token signed by a key the issuer does not publish', async () => {
    const stranger = await generateKeyPair('ES256');
    await assertRefused(await token({ sub: 'agent-1024' }, { key: stranger.privateKey, kid: 'bureau-test-key' }));
    await assertRefused(await token({ sub: 'agent-1024' }, { key: stranger.privateKey, kid: 'unknown-key' }));
  });

  it('answers 503 while the key set cannot be fetched', async () => {
    const gone = await serveJwks([publicJwk]);
    await closeServer(gone.server);
    const orphan = await startBureau(gone.url);
    try {
      const response = await fetch(`${orphan.url}/v1/session`, {
        headers: { authorization: `Bearer ${await token({ sub: 'agent-1024' })}` },
      });
      const problem = (await response.json()) as { code: string };
      assert.equal(response.status, 503);
      assert.equal(problem.code, 'unavailable');
    } finally {
      await orphan.close();
    }
  });
});

describe('a groups claim maps groups to space memberships (BUREAU_GROUPS_CLAIM, BUREAU_GROUPS_MAP)', () => {
  let signingKey: CryptoKey;
  let jwks: { server: Server; url: string };
  let bureau: Running;
  let database: TestDatabase;
  let spaceId: string;
  const karim = { sub: 'karim', name: 'Karim Benali' };

  const sign = (claims: JWTPayload): Promise<string> =>
    new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: 'groups-key' }).setIssuer(issuer).setAudience(audience).setExpirationTime('5m').sign(signingKey);

  async function call(path: string, claims: JWTPayload, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${await sign(claims)}`);
    if (init.body !== undefined) headers.set('content-type', 'application/json');
    return fetch(`${bureau.url}${path}`, { ...init, headers });
  }

  /** The role the person of these claims has in the mapped space, as their space list tells it. */
  async function roleOf(claims: JWTPayload): Promise<string | undefined> {
    const response = await call('/v1/spaces', claims);
    assert.equal(response.status, 200);
    const page = (await response.json()) as { items: { id: string; role: string }[] };
    return page.items.find((space) => space.id === spaceId)?.role;
  }

  before(async () => {
    const pair = await generateKeyPair('ES256');
    signingKey = pair.privateKey;
    jwks = await serveJwks([{ ...(await exportJWK(pair.publicKey)), kid: 'groups-key', alg: 'ES256', use: 'sig' }]);
    database = await freshTestDatabase('bureau-groups-');
    const bearer = { jwksUrl: jwks.url, issuer, audience };
    // The space exists before the map names it, as it does when a DSI writes BUREAU_GROUPS_MAP.
    bureau = await startServer({ ...database.options, port: 0, host: '127.0.0.1', auth: { bearer } });
    const created = await call('/v1/spaces', karim, { method: 'POST', body: JSON.stringify({ name: 'Espace RH 360' }) });
    spaceId = ((await created.json()) as { id: string }).id;
    await bureau.close();
    const map = `/mairie/rh=${spaceId}\n/mairie/rh/responsables=${spaceId}:owner; 21750001600019=${spaceId}:guest`;
    const parsed = readCliConfig([], { BUREAU_GROUPS_CLAIM: 'groups', BUREAU_GROUPS_MAP: map, BUREAU_JWKS_URL: jwks.url, BUREAU_JWT_ISSUER: issuer, BUREAU_JWT_AUDIENCE: audience });
    assert.ok(parsed.ok, parsed.ok ? '' : parsed.message);
    bureau = await startServer({ ...database.options, port: 0, host: '127.0.0.1', auth: parsed.options.auth });
  });

  after(async () => {
    await bureau?.close();
    await closeServer(jwks.server);
    await database?.drop();
  });

  it('adds a person to the spaces of their groups, at the highest role, and follows their groups as they change', async () => {
    const camille = { sub: 'camille', name: 'Camille Martin' };
    assert.equal(await roleOf({ ...camille, groups: ['/mairie/rh'] }), 'member');
    assert.equal(await roleOf({ ...camille, groups: ['/mairie/rh', '/mairie/rh/responsables'] }), 'owner');
    assert.equal(await roleOf({ ...camille, groups: ['/mairie/rh', '/mairie/accueil'] }), 'member');
    assert.equal(await roleOf({ ...camille, groups: ['/mairie/accueil'] }), undefined, 'leaving the group leaves the space');
    assert.equal(await roleOf({ ...camille, groups: ['/mairie/rh'] }), 'member');
    assert.equal(await roleOf(camille), undefined, 'a token without the claim lists no group');
    // ProConnect's `siret` is one string, not an array.
    assert.equal(await roleOf({ ...camille, groups: '21750001600019' }), 'guest');

    const members = await call(`/v1/spaces/${spaceId}/members`, karim);
    const names = ((await members.json()) as { items: { name: string; role: string }[] }).items.map((m) => `${m.name}:${m.role}`);
    assert.deepEqual(names.sort(), ['Camille Martin:guest', 'Karim Benali:owner'], 'the owner sees who the groups brought in');
  });

  it('never touches a membership an owner made by hand', async () => {
    const lea = { sub: 'lea', name: 'Léa Rousseau' };
    assert.equal(await roleOf(lea), undefined);
    const leaId = ((await (await call('/v1/session', lea)).json()) as { user: { id: string } }).user.id;
    const put = await call(`/v1/spaces/${spaceId}/members/${leaId}`, karim, { method: 'PUT', body: JSON.stringify({ role: 'owner' }) });
    assert.equal(put.status, 201);
    assert.equal(await roleOf({ ...lea, groups: ['/mairie/rh'] }), 'owner', 'a group granting less does not lower a role given by hand');
    assert.equal(await roleOf({ ...lea, groups: [] }), 'owner', 'nor does leaving every group remove it');
    // Karim, the space's first owner, is a member by hand too: his token's groups change nothing.
    assert.equal(await roleOf({ ...karim, groups: ['/mairie/accueil'] }), 'owner');
  });
});
