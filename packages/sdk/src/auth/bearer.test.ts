import { expect } from '@open-wc/testing';
import { apiUrl, closeClients, cuttableFetch, makeClient, wipeLocalData } from '../test/helpers.js';
import type { AccessTokenResult } from '../index.js';

/** A demo access token of the test server (`POST /v1/auth/dev-token`), as a host's IdP would give one. */
async function devToken(userId: string): Promise<{ accessToken: string; expiresAt: string }> {
  const response = await fetch(`${apiUrl}/v1/auth/dev-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId }),
  });
  expect(response.status).to.equal(200);
  return response.json();
}

describe('bearer mode (getToken)', () => {
  beforeEach(wipeLocalData);
  afterEach(closeClients);

  it('sends the host token on every request and the event stream, asking once while it is fresh', async () => {
    const calls: boolean[] = [];
    const network = cuttableFetch();
    const client = makeClient({
      fetch: network.fetch,
      getToken: async ({ forceRefresh }) => {
        calls.push(forceRefresh);
        return devToken('camille');
      },
    });
    const session = await client.auth.session();
    expect(session?.user.id).to.equal('camille');
    expect(session?.mode).to.equal('bearer');
    const received = new Promise<string>((resolve) => {
      client.stream.subscribe('message.created', (event) => resolve(event.data.text));
    });
    await client.stream.whenListening(new AbortController().signal);
    await client.chat.send('espace-rh-360-general', 'Bonjour depuis un autre site');
    expect(await received).to.equal('Bonjour depuis un autre site');
    expect(calls).to.deep.equal([false]);
    expect(network.requests.length).to.be.greaterThan(2);
    for (const request of network.requests) expect(request.headers.get('authorization')).to.match(/^Bearer /);
  });

  it('asks for a fresh token once when the server refuses the one it sent, then goes on', async () => {
    const calls: boolean[] = [];
    const client = makeClient({
      getToken: async ({ forceRefresh }): Promise<AccessTokenResult> => {
        calls.push(forceRefresh);
        // The first token is one the server does not accept (revoked, or from before a restart).
        return forceRefresh ? devToken('lea') : 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJsZWEifQ.bad';
      },
    });
    const session = await client.auth.session();
    expect(session?.user.id).to.equal('lea');
    expect(calls).to.deep.equal([false, true]);
  });

  it('asks again before the token expires', async () => {
    const calls: boolean[] = [];
    const client = makeClient({
      getToken: async ({ forceRefresh }) => {
        calls.push(forceRefresh);
        const token = await devToken('karim');
        // Said to lapse in 30 s: within the minute of renewal, so every request asks for another.
        return { accessToken: token.accessToken, expiresAt: new Date(Date.now() + 30_000) };
      },
    });
    await client.auth.session();
    await client.auth.session();
    expect(calls).to.deep.equal([false, false]);
  });

  it('is signed out when even a fresh token is refused', async () => {
    let calls = 0;
    const client = makeClient({
      getToken: () => {
        calls += 1;
        return 'not-a-token';
      },
    });
    expect(await client.auth.session()).to.equal(null);
    expect(calls).to.equal(2);
  });
});
