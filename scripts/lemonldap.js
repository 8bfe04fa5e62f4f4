// LemonLDAP::NG from Debian's packages (liblemonldap-ng-portal-perl, lemonldap-ng-fastcgi-server, nginx),
// run as an OpenID provider on loopback for Bureau's sign-in tests: its portal under the packaged
// FastCGI server, behind an nginx of its own, with the packaged demo users (dwho, rtyler, msmith;
// the password is the login) and one OpenID Connect relying party, Bureau. Everything lives in a
// fresh folder (configuration, sessions, keys, sockets, logs); nothing under /etc or /var is
// changed, and nothing in the configuration points outside loopback.
//
//   node scripts/lemonldap.js           starts one on a free port and prints its issuer (Ctrl-C stops it)
//   import { startLemonLdap } from '../scripts/lemonldap.js'   what the tests do
//
// Needs root (nginx's master and the FastCGI server drop to www-data) and the packages that
// scripts/provision.sh installs.
import { spawn, spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const debianConfig = '/var/lib/lemonldap-ng/conf/lmConf-1.json';
const fastcgiServer = '/usr/sbin/llng-fastcgi-server';
const nginx = '/usr/sbin/nginx';
const portalRoot = '/usr/share/lemonldap-ng/portal';

/** Why this machine cannot run LemonLDAP::NG here, or null when it can. */
export function lemonLdapUnavailable() {
  if (process.getuid?.() !== 0) return 'LemonLDAP::NG runs as root here (nginx and its FastCGI server drop to www-data); run the tests as root';
  for (const path of [debianConfig, fastcgiServer, nginx]) {
    if (!existsSync(path)) return `${path} is missing: run scripts/provision.sh as root (it installs LemonLDAP::NG from Debian)`;
  }
  if (spawnSync('id', ['www-data']).status !== 0) return 'there is no www-data user';
  return null;
}

async function freePort() {
  const probe = createServer();
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/**
 * The LemonLDAP::NG configuration (what its manager would save as lmConf-1.json): Debian's demo
 * configuration with the portal on `portal`, sessions in `dir`, and Bureau as an OIDC relying party.
 */
function configuration({ portal, dir, client }) {
  const base = JSON.parse(readFileSync(debianConfig, 'utf8'));
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const host = new URL(portal).hostname;
  return {
    ...base,
    cfgNum: 1,
    cfgAuthor: 'scripts/lemonldap.js',
    cfgDate: Math.floor(Date.now() / 1000),
    portal,
    domain: host,
    securedCookie: 0,
    applicationList: {},
    reloadUrls: {},
    notification: 0,
    loginHistoryEnabled: 0,
    portalCheckLogins: 0,
    // Debian only recommends the captcha's GD module; these tests use neither captcha nor registration.
    captcha_mail_enabled: 0,
    captcha_register_enabled: 0,
    captcha_login_enabled: 0,
    registerDB: 'Null',
    portalDisplayResetPassword: 0,
    locationRules: { [host]: { default: 'accept' } },
    globalStorageOptions: { ...base.globalStorageOptions, Directory: join(dir, 'sessions'), LockDirectory: join(dir, 'sessions/lock') },
    persistentStorageOptions: { Directory: join(dir, 'psessions'), LockDirectory: join(dir, 'psessions/lock') },
    localSessionStorageOptions: { ...base.localSessionStorageOptions, cache_root: join(dir, 'cache') },
    notificationStorageOptions: { dirName: join(dir, 'notifications') },
    issuerDBOpenIDConnectActivation: 1,
    oidcServicePrivateKeySig: privateKey,
    oidcServicePublicKeySig: publicKey,
    oidcServiceKeyIdSig: randomUUID(),
    oidcRPMetaDataExportedVars: {
      bureau: { name: 'cn', email: 'mail', preferred_username: 'uid' },
    },
    oidcRPMetaDataOptions: {
      bureau: {
        oidcRPMetaDataOptionsDisplayName: 'Bureau',
        oidcRPMetaDataOptionsClientID: client.id,
        oidcRPMetaDataOptionsClientSecret: client.secret,
        oidcRPMetaDataOptionsPublic: 0,
        oidcRPMetaDataOptionsRequirePKCE: 1,
        oidcRPMetaDataOptionsRedirectUris: client.redirectUris.join(' '),
        oidcRPMetaDataOptionsPostLogoutRedirectUris: client.postLogoutRedirectUris.join(' '),
        oidcRPMetaDataOptionsIDTokenSignAlg: 'RS256',
        oidcRPMetaDataOptionsBypassConsent: 1,
        oidcRPMetaDataOptionsLogoutBypassConfirm: 1,
        oidcRPMetaDataOptionsIDTokenExpiration: 3600,
        oidcRPMetaDataOptionsAccessTokenExpiration: 3600,
      },
    },
  };
}

const ini = (dir) => `[all]
logLevel = warn
checkTime = 1
[configuration]
type = File
dirName = ${dir}/conf
localStorage = Cache::FileCache
localStorageOptions = { 'namespace' => 'lemonldap-ng-config', 'default_expires_in' => 600, 'directory_umask' => '007', 'cache_root' => '${dir}/cache', 'cache_depth' => 3 }
[portal]
staticPrefix = /static
templateDir = ${portalRoot}/templates
languages = fr, en
[handler]
status = 0
`;

/** Debian's /etc/lemonldap-ng/portal-nginx.conf, on a loopback port, with its own pid and logs. */
const nginxConf = (dir, port) => `user www-data;
worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/nginx-error.log warn;
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  client_body_temp_path ${dir}/nginx-tmp/body;
  fastcgi_temp_path ${dir}/nginx-tmp/fastcgi;
  proxy_temp_path ${dir}/nginx-tmp/proxy;
  uwsgi_temp_path ${dir}/nginx-tmp/uwsgi;
  scgi_temp_path ${dir}/nginx-tmp/scgi;
  upstream llng_portal_upstream { server unix:${dir}/llng-fastcgi.sock; }
  server {
    listen 127.0.0.1:${port};
    root ${portalRoot}/htdocs/;
    if ($uri !~ ^/((static|javascript|favicon).*|.*\\.psgi)) {
      rewrite ^/(.*)$ /index.psgi/$1 break;
    }
    location ~ ^(?<sc>/.*\\.psgi)(?:$|/) {
      include /etc/nginx/fastcgi_params;
      fastcgi_pass llng_portal_upstream;
      fastcgi_param HTTP_HOST $host:$server_port;
      fastcgi_param LLTYPE psgi;
      fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;
      fastcgi_split_path_info ^(.*\\.psgi)(/.*)$;
      fastcgi_param PATH_INFO $fastcgi_path_info;
    }
    location /static/ { alias ${portalRoot}/htdocs/static/; }
    location /javascript/ { alias /usr/share/javascript/; }
  }
}
`;

/** Resolves once `url` answers 200, or rejects after `timeoutMs`. */
async function waitFor(url, timeoutMs, isDead) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    const dead = isDead();
    if (dead) throw new Error(dead);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(15_000) });
      if (response.ok) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`LemonLDAP::NG did not answer at ${url} within ${timeoutMs} ms (${last})`);
}

/**
 * Starts LemonLDAP::NG's portal as an OpenID provider on a free loopback port.
 * @param {{ client: { id: string, secret: string, redirectUris: string[], postLogoutRedirectUris: string[] }, host?: string }} options
 * @returns {Promise<{ issuer: string, portal: string, dir: string, stopWeb(): Promise<void>, startWeb(): Promise<void>, close(): Promise<void>, log(): string }>}
 */
export async function startLemonLdap({ client, host = '127.0.0.1' }) {
  const unavailable = lemonLdapUnavailable();
  if (unavailable) throw new Error(unavailable);
  const port = await freePort();
  const portal = `http://${host}:${port}/`;
  const dir = mkdtempSync(join(tmpdir(), 'bureau-lemonldap-'));
  for (const sub of ['conf', 'sessions/lock', 'psessions/lock', 'cache', 'notifications', 'captcha', 'nginx-tmp']) {
    mkdirSync(join(dir, sub), { recursive: true });
  }
  writeFileSync(join(dir, 'lemonldap-ng.ini'), ini(dir));
  writeFileSync(join(dir, 'conf/lmConf-1.json'), JSON.stringify(configuration({ portal, dir, client }), null, 1));
  writeFileSync(join(dir, 'nginx.conf'), nginxConf(dir, port));
  const www = spawnSync('id', ['-u', 'www-data'], { encoding: 'utf8' });
  const uid = Number(www.stdout.trim());
  const gid = Number(spawnSync('id', ['-g', 'www-data'], { encoding: 'utf8' }).stdout.trim());
  spawnSync('chown', ['-R', `${uid}:${gid}`, dir]);
  chownSync(dir, uid, gid);

  let output = '';
  const collect = (chunk) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  const fastcgi = spawn(
    fastcgiServer,
    ['--foreground', '--proc', '2', '--socket', join(dir, 'llng-fastcgi.sock'), '--pid', join(dir, 'llng.pid'), '--user', 'www-data', '--group', 'www-data'],
    {
      env: { ...process.env, LLNG_DEFAULTCONFFILE: join(dir, 'lemonldap-ng.ini'), LLNG_DEFAULTLOGGER: 'Lemonldap::NG::Common::Logger::Std' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  fastcgi.stdout.on('data', collect);
  fastcgi.stderr.on('data', collect);
  let web = null;
  const startWeb = async () => {
    web = spawn(nginx, ['-c', join(dir, 'nginx.conf'), '-p', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    web.stdout.on('data', collect);
    web.stderr.on('data', collect);
    const started = web;
    await waitFor(`${portal}.well-known/openid-configuration`, 60_000, () =>
      fastcgi.exitCode !== null ? `the FastCGI server exited: ${output}` : started.exitCode !== null ? `nginx exited: ${output}` : null,
    );
  };
  const stopProcess = async (child) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  try {
    await startWeb();
  } catch (error) {
    await stopProcess(web);
    await stopProcess(fastcgi);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    issuer: portal,
    portal,
    dir,
    log: () => output,
    /** Stops the web server in front of the portal: the provider no longer answers. */
    stopWeb: () => stopProcess(web),
    startWeb,
    async close() {
      await stopProcess(web);
      await stopProcess(fastcgi);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const redirect = process.env.BUREAU_PUBLIC_URL ?? 'http://127.0.0.1:8080';
  const provider = await startLemonLdap({
    client: {
      id: 'bureau',
      secret: process.env.BUREAU_OIDC_CLIENT_SECRET ?? 'bureau-secret_change-me',
      redirectUris: [`${redirect}/v1/auth/callback`],
      postLogoutRedirectUris: [`${redirect}/v1/auth/logged-out`],
    },
  });
  console.log(`LemonLDAP::NG answers at ${provider.issuer} (users dwho, rtyler, msmith; password = login); configuration in ${provider.dir}`);
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => void provider.close().then(() => process.exit(0)));
}
