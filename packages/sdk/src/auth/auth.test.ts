import { expect } from '@open-wc/testing';
import { apiUrl, closeClients, makeClient, signedIn, unique, wipeLocalData } from '../test/helpers.js';

describe('auth', () => {
  beforeEach(wipeLocalData);
  afterEach(closeClients);

  it('session() is null when signed out, the session when signed in', async () => {
    const client = makeClient();
    if ((await client.auth.session()) !== null) await client.signOut();
    expect(await client.auth.session()).to.equal(null);
    const session = await client.auth.signInDev('camille');
    expect(session.user.id).to.equal('camille');
    expect(session.mode).to.equal('dev');
    expect(session.csrfToken).to.be.a('string');
    const again = await client.auth.session();
    expect(again?.user.name).to.equal('Camille Martin');
  });

  it('info() lists the demo people; loginUrl() points at the server with returnTo', async () => {
    const client = makeClient();
    const info = await client.auth.info();
    expect(info.modes).to.include('dev');
    expect(info.devUsers?.map((user) => user.id)).to.include.members(['karim', 'camille', 'lea', 'ines', 'theo']);
    const url = new URL(client.auth.loginUrl('http://localhost:8765/page?x=1'));
    expect(url.origin).to.equal(new URL(apiUrl).origin);
    expect(url.pathname).to.equal('/v1/auth/login');
    expect(url.searchParams.get('returnTo')).to.equal('http://localhost:8765/page?x=1');
  });

  it('a write with a stale CSRF token refreshes the session and goes through', async () => {
    const client = await signedIn('karim');
    // A second sign-in on this browser replaces the cookie: the first client's token is stale.
    const other = makeClient({ storage: 'memory' });
    await other.auth.signInDev('karim');
    const name = unique('Jeton renouvelé');
    const space = await client.spaces.create({ name });
    expect(space.name).to.equal(name);
  });

  it('signOut() signs out on the server too', async () => {
    const client = await signedIn('lea');
    expect(await client.signOut()).to.equal(null);
    expect(await client.auth.session()).to.equal(null);
  });
});
