/**
 * Bureau's OIDC client when the provider fails it: down when Bureau starts, stopped in the middle
 * of a sign-in, or on a clock two hours ahead.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { after, describe, it } from 'node:test';
import {
  assertProblem,
  Browser,
  clientSecret,
  closeAll,
  freePort,
  registration,
  running,
  signIn,
  signInAtProvider,
  startBureau,
  startProvider,
  startTracked,
  waitForStatus,
} from './oidc-testing.js';
import { moduleArgs } from '../test-process.js';

after(closeAll);

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
    const child = spawn(process.execPath, [...moduleArgs('auth/oidc-skewed-provider.test-child.ts'), JSON.stringify(client)], {
      stdio: ['pipe', 'pipe', 'inherit'],
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
