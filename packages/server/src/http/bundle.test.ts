/**
 * The drop-in as other sites load it: compressed by Accept-Encoding, public to any origin, a 304 on
 * a conditional reload, and a versioned URL whose integrity hash matches what is sent.
 * Needs the built bundle (`npm run build`, which `npm test` runs first).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startReference, type Target } from '../conformance/harness.js';
import { bundlePath } from './bundle.js';

interface RawReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A GET whose body is read as sent (fetch would decompress it). */
function get(url: string, headers: Record<string, string> = {}): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (response) => {
      const parts: Buffer[] = [];
      response.on('data', (part: Buffer) => parts.push(part));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(parts) }));
      response.on('error', reject);
    }).on('error', reject).end();
  });
}

describe('serving bureau.js to other sites', () => {
  let target: Target;
  const original = existsSync(bundlePath) ? readFileSync(bundlePath) : null;

  before(async () => {
    assert.ok(original, `${bundlePath} is missing: run \`npm run build\` first`);
    target = await startReference({ allowedOrigins: ['http://intranet.example'] });
  });
  after(async () => target?.close());

  it('sends Brotli or gzip by Accept-Encoding, the same bytes once decompressed', async () => {
    const br = await get(`${target.baseUrl}/bureau.js`, { 'accept-encoding': 'gzip, deflate, br' });
    assert.equal(br.status, 200);
    assert.equal(br.headers['content-encoding'], 'br');
    assert.match(String(br.headers.vary), /Accept-Encoding/);
    // bureau.js is a few hundred bytes since it became a loader (ADR 0009): smaller, not by much.
    assert.ok(br.body.length < original!.length, `${br.body.length} bytes of Brotli for ${original!.length}`);
    assert.deepEqual(brotliDecompressSync(br.body), original);

    const gz = await get(`${target.baseUrl}/bureau.js`, { 'accept-encoding': 'gzip' });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.deepEqual(gunzipSync(gz.body), original);

    const refused = await get(`${target.baseUrl}/bureau.js`, { 'accept-encoding': 'br;q=0, gzip;q=0' });
    assert.equal(refused.headers['content-encoding'], undefined);
    assert.deepEqual(refused.body, original);
  });

  it('answers a conditional reload with 304 and no body', async () => {
    const first = await get(`${target.baseUrl}/bureau.js`, { 'accept-encoding': 'br' });
    const etag = first.headers.etag;
    assert.equal(typeof etag, 'string');
    assert.match(String(etag), /^"[^"]+"$/, 'a strong ETag');
    assert.equal(first.headers['cache-control'], 'no-cache');
    const again = await get(`${target.baseUrl}/bureau.js`, { 'accept-encoding': 'br', 'if-none-match': String(etag) });
    assert.equal(again.status, 304);
    assert.equal(again.body.length, 0);
    assert.equal(again.headers.etag, etag);
    const other = await get(`${target.baseUrl}/bureau.js`, { 'if-none-match': '"not-this-one"' });
    assert.equal(other.status, 200);
  });

  it('is public code: any origin may read it, any page may embed it', async () => {
    for (const origin of ['http://intranet.example', 'https://commune.example']) {
      const reply = await get(`${target.baseUrl}/bureau.js`, { origin });
      assert.equal(reply.headers['access-control-allow-origin'], '*');
      assert.equal(reply.headers['access-control-allow-credentials'], undefined);
      assert.equal(reply.headers['cross-origin-resource-policy'], 'cross-origin');
      assert.equal(reply.headers['x-content-type-options'], 'nosniff');
    }
  });

  it('gives a versioned URL whose integrity hash is that of the content, cached for good', async () => {
    const described = await fetch(`${target.baseUrl}/bureau.json`);
    const { src, integrity } = (await described.json()) as { src: string; integrity: string };
    assert.equal(integrity, `sha384-${createHash('sha384').update(original!).digest('base64')}`);
    const versioned = await get(`${target.baseUrl}${src}`);
    assert.equal(versioned.status, 200);
    assert.equal(versioned.headers['cache-control'], 'public, max-age=31536000, immutable');
    const stale = await get(`${target.baseUrl}/bureau.js?v=000000000000`);
    assert.equal(stale.headers['cache-control'], 'no-cache');
  });

  it('sends content-hashed chunks compressed and immutable', async () => {
    const chunk = readdirSync(join(bundlePath, '..', 'chunks')).find((name) => name.endsWith('.js'));
    assert.ok(chunk, 'bureau.js has lazy chunks');
    const reply = await get(`${target.baseUrl}/chunks/${chunk}`, { 'accept-encoding': 'br' });
    assert.equal(reply.status, 200);
    assert.equal(reply.headers['content-encoding'], 'br');
    assert.equal(reply.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(reply.headers['access-control-allow-origin'], '*');
    assert.deepEqual(brotliDecompressSync(reply.body), readFileSync(join(bundlePath, '..', 'chunks', chunk)));
  });

  it('serves the opt-in DSFR theme as a public stylesheet, with a 304 on reload, and nothing else under /themes', async () => {
    const reply = await get(`${target.baseUrl}/themes/dsfr.css`);
    assert.equal(reply.status, 200);
    assert.match(String(reply.headers['content-type']), /^text\/css/);
    assert.equal(reply.headers['access-control-allow-origin'], '*');
    assert.equal(reply.headers['cross-origin-resource-policy'], 'cross-origin');
    assert.match(reply.body.toString(), /--bureau-color-accent: light-dark\(#000091, #8585f6\)/);
    const again = await get(`${target.baseUrl}/themes/dsfr.css`, { 'if-none-match': String(reply.headers.etag) });
    assert.equal(again.status, 304);
    for (const path of ['/themes/none.css', '/themes/..%2Fpackage.json', '/themes/dsfr.js']) {
      assert.equal((await get(`${target.baseUrl}${path}`)).status, 404, path);
    }
  });
});
