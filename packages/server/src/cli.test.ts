import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { describe, it } from 'node:test';
import { readCliConfig } from './cli-config.js';
import { moduleArgs } from './test-process.js';


/** Runs the CLI from source with only PATH in its environment. */
function runCli(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...moduleArgs('cli.ts'), ...args],
      { env: { PATH: process.env.PATH ?? '' }, timeout: 60_000 },
      (error, _stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stderr }),
    );
  });
}

describe('command line', () => {
  it('refuses to start without an auth configuration outside demo mode', async () => {
    const { code, stderr } = await runCli([]);
    assert.equal(code, 2);
    assert.match(stderr, /Refusing to start without authentication/);
    assert.match(stderr, /--demo/);
  });

  it('reads the environment', () => {
    const demo = readCliConfig(['--demo'], { PORT: '9000', BUREAU_DATA_DIR: '/tmp/x', BUREAU_ALLOWED_ORIGINS: 'https://a.fr, https://b.fr' });
    assert.ok(demo.ok);
    assert.equal(demo.options.port, 9000);
    assert.equal(demo.options.dataDir, '/tmp/x');
    assert.deepEqual(demo.options.allowedOrigins, ['https://a.fr', 'https://b.fr']);
    assert.equal(demo.options.trustProxy, undefined);
    const proxied = readCliConfig(['--demo'], { BUREAU_TRUST_PROXY: 'loopback' });
    assert.ok(proxied.ok);
    assert.equal(proxied.options.trustProxy, 'loopback');
    const bearer = readCliConfig([], { BUREAU_JWKS_URL: 'https://idp/jwks', BUREAU_JWT_ISSUER: 'https://idp', BUREAU_JWT_AUDIENCE: 'bureau' });
    assert.ok(bearer.ok);
    assert.deepEqual(bearer.options.auth?.bearer, { jwksUrl: 'https://idp/jwks', issuer: 'https://idp', audience: 'bureau' });
    const half = readCliConfig([], { BUREAU_OIDC_ISSUER: 'https://idp' });
    assert.equal(half.ok, false);
    const oidc = { BUREAU_OIDC_ISSUER: 'https://idp', BUREAU_OIDC_CLIENT_ID: 'bureau', BUREAU_PUBLIC_URL: 'https://bureau.example' };
    const post = readCliConfig([], { ...oidc, BUREAU_OIDC_CLIENT_SECRET: 's-e_c', BUREAU_OIDC_TOKEN_AUTH_METHOD: 'client_secret_post' });
    assert.ok(post.ok);
    assert.deepEqual(post.options.auth?.oidc, { issuer: 'https://idp', clientId: 'bureau', clientSecret: 's-e_c', tokenAuthMethod: 'client_secret_post' });
    const keyed = readCliConfig([], { ...oidc, BUREAU_OIDC_TOKEN_AUTH_METHOD: 'private_key_jwt', BUREAU_OIDC_PRIVATE_KEY_FILE: '/etc/bureau/key.pem' });
    assert.ok(keyed.ok, 'private_key_jwt needs no secret');
    assert.equal(keyed.options.auth?.oidc?.privateKeyFile, '/etc/bureau/key.pem');
    const keyless = readCliConfig([], { ...oidc, BUREAU_OIDC_TOKEN_AUTH_METHOD: 'private_key_jwt' });
    assert.ok(!keyless.ok && /BUREAU_OIDC_PRIVATE_KEY_FILE/.test(keyless.message));
    const unknown = readCliConfig([], { ...oidc, BUREAU_OIDC_CLIENT_SECRET: 'x', BUREAU_OIDC_TOKEN_AUTH_METHOD: 'client_secret_jwt' });
    assert.ok(!unknown.ok && /client_secret_post/.test(unknown.message), 'the message lists the methods');
    assert.equal(readCliConfig([], { PORT: 'eighty' }).ok, false);
    const mail = { BUREAU_SMTP_URL: 'smtp://u:p@mail.mairie.fr:587', BUREAU_DIGEST_FROM: 'Bureau <bureau@mairie.fr>', BUREAU_PUBLIC_URL: 'https://bureau.mairie.fr' };
    const digest = readCliConfig(['--demo'], mail);
    assert.deepEqual(digest.ok && digest.options.digest, { smtpUrl: mail.BUREAU_SMTP_URL, from: mail.BUREAU_DIGEST_FROM, intervalMs: 86_400_000 });
    const weekly = readCliConfig(['--demo'], { ...mail, BUREAU_DIGEST_INTERVAL: 'weekly' });
    assert.equal(weekly.ok && weekly.options.digest?.intervalMs, 7 * 86_400_000);
    const monthly = readCliConfig(['--demo'], { ...mail, BUREAU_DIGEST_INTERVAL: 'constructor' });
    assert.ok(!monthly.ok && /hourly, daily or weekly/.test(monthly.message));
    assert.equal(readCliConfig(['--demo'], { BUREAU_SMTP_URL: mail.BUREAU_SMTP_URL }).ok, false, 'no sender, no public URL');
    const plain = readCliConfig(['--demo'], {});
    assert.equal(plain.ok && plain.options.digest, undefined, 'no SMTP URL: no digest');
    const templates = { message: 'https://intranet.mairie.fr/rh?room={roomId}&message={messageId}', card: '/projets?card={cardId}' };
    const tuned = readCliConfig(['--demo'], { ...mail, BUREAU_DIGEST_IDLE: '2d', BUREAU_LINK_TEMPLATES: JSON.stringify(templates) });
    assert.equal(tuned.ok && tuned.options.digest?.idleMs, 2 * 86_400_000);
    assert.deepEqual(tuned.ok && tuned.options.digest?.links, templates);
    const vague = readCliConfig(['--demo'], { ...mail, BUREAU_DIGEST_IDLE: 'a while' });
    assert.ok(!vague.ok && /30m, 12h or 2d/.test(vague.message));
    const script = readCliConfig(['--demo'], { ...mail, BUREAU_LINK_TEMPLATES: '{"message":"javascript:alert(1)"}' });
    assert.ok(!script.ok && /BUREAU_LINK_TEMPLATES/.test(script.message), 'only http(s) URLs and paths');
  });

  it('reads the groups map, and says what is wrong with a bad one', () => {
    const keycloak = readCliConfig(['--demo'], { BUREAU_GROUPS_CLAIM: 'realm_access.roles', BUREAU_GROUPS_MAP: 'cn=rh,ou=groups,dc=mairie=spc_rh:owner;\n agents = spc_rh ' });
    assert.deepEqual(keycloak.ok && keycloak.options.auth?.groups, {
      claim: 'realm_access.roles',
      grants: [
        { group: 'cn=rh,ou=groups,dc=mairie', spaceId: 'spc_rh', role: 'owner' },
        { group: 'agents', spaceId: 'spc_rh', role: 'member' },
      ],
    });
    for (const map of ['rh=spc_rh:admin', 'spc_rh', '=spc_rh', 'rh=', ' ; ']) {
      const refused = readCliConfig(['--demo'], { BUREAU_GROUPS_CLAIM: 'groups', BUREAU_GROUPS_MAP: map });
      assert.ok(!refused.ok && /BUREAU_GROUPS_MAP/.test(refused.message), map);
    }
    const alone = readCliConfig(['--demo'], { BUREAU_GROUPS_CLAIM: 'groups' });
    assert.ok(!alone.ok && /together/.test(alone.message));
  });
});
