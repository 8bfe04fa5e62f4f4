import { expect } from '@open-wc/testing';
import {
  BureauError,
  HttpError,
  isBureauError,
  isConflictError,
  isHttpError,
  isNetworkError,
  isOfflineError,
  isTimeoutError,
  NetworkError,
} from '../index.js';
import { closeClients, cuttableFetch, makeClient, reportOffline, signedIn, unique, wipeLocalData } from '../test/helpers.js';

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('errors', () => {
  beforeEach(wipeLocalData);
  afterEach(closeClients);

  it('a 404 is an HttpError carrying the problem code, status, request id and the request line', async () => {
    const client = await signedIn('karim');
    const error = await caught(client.spaces.get('spc_does_not_exist'));
    expect(isHttpError(error)).to.equal(true);
    expect(isBureauError(error)).to.equal(true);
    expect(isConflictError(error)).to.equal(false);
    const http = error as HttpError;
    expect(http).to.be.instanceOf(HttpError);
    expect(http).to.be.instanceOf(BureauError);
    expect(http.name).to.equal('HttpError');
    expect(http.status).to.equal(404);
    expect(http.code).to.equal('not-found');
    expect(http.problem.code).to.equal('not-found');
    expect(http.requestId).to.be.a('string').and.not.equal('');
    expect(http.message).to.contain('GET').and.contain('/v1/spaces/spc_does_not_exist');
  });

  it('a network failure is a NetworkError with the fetch error as cause', async () => {
    const network = cuttableFetch();
    const client = makeClient({ fetch: network.fetch });
    network.offline = true;
    const error = await caught(client.auth.info());
    expect(isNetworkError(error)).to.equal(true);
    expect(isHttpError(error)).to.equal(false);
    expect(error).to.be.instanceOf(NetworkError);
    expect((error as NetworkError).code).to.equal('network');
    expect((error as NetworkError).cause).to.be.instanceOf(TypeError);
    expect((error as NetworkError).message).to.contain('GET').and.contain('/v1/auth');
  });

  it('a network failure while the browser reports offline is an OfflineError', async () => {
    const network = cuttableFetch();
    const client = makeClient({ fetch: network.fetch });
    network.offline = true;
    const backOnline = reportOffline();
    try {
      const error = await caught(client.auth.info());
      expect(isOfflineError(error)).to.equal(true);
      expect(isNetworkError(error)).to.equal(false);
      expect((error as BureauError).code).to.equal('offline');
    } finally {
      backOnline();
    }
  });

  it('a request that takes too long is a TimeoutError', async () => {
    const never: typeof fetch = (input, init) =>
      new Promise((_, reject) => {
        const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
        signal?.addEventListener('abort', () => reject(signal.reason));
      });
    const client = makeClient({ fetch: never, timeoutMs: 50 });
    const error = await caught(client.auth.info());
    expect(isTimeoutError(error)).to.equal(true);
    expect((error as BureauError).code).to.equal('timeout');
  });

  it('a stale If-Match is a ConflictError with the current space', async () => {
    const client = await signedIn('karim');
    const space = await client.spaces.create({ name: unique('Conflit') });
    await client.spaces.rename(space.id, unique('Renamed'), { ifMatch: space.version });
    const error = await caught(client.spaces.rename(space.id, unique('Late'), { ifMatch: space.version }));
    expect(isConflictError(error)).to.equal(true);
    expect(isHttpError(error)).to.equal(true);
    const conflict = error as HttpError & { current: { id: string; version: number } | undefined };
    expect(conflict.status).to.equal(412);
    expect(conflict.code).to.equal('precondition-failed');
    expect(conflict.current?.id).to.equal(space.id);
    expect(conflict.current?.version).to.be.greaterThan(space.version);
  });

  it('an abort by the caller stays an AbortError', async () => {
    const client = await signedIn('karim');
    const controller = new AbortController();
    controller.abort();
    const error = await caught(client.spaces.list({ signal: controller.signal }));
    expect(isBureauError(error)).to.equal(false);
    expect((error as Error).name).to.equal('AbortError');
  });

  it('guards recognise errors by name too (another copy of the SDK)', () => {
    const foreign = Object.assign(new Error('x'), { name: 'OfflineError', code: 'offline' });
    expect(isOfflineError(foreign)).to.equal(true);
    expect(isBureauError(foreign)).to.equal(true);
    expect(isHttpError(foreign)).to.equal(false);
    expect(isNetworkError(new TypeError('Failed to fetch'))).to.equal(false);
  });
});
