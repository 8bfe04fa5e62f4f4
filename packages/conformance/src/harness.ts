/**
 * The backend a conformance check talks to, and the client side of the Bureau API that the checks
 * use: a person signed in through the demo sign-in, with their cookie and CSRF token.
 *
 * The target is `BUREAU_CONFORMANCE_URL` (the `--url` of the `bureau-conformance` command; the older
 * `BUREAU_TEST_URL` is read too), or, when neither is set, whatever `useTargets()` registered: the
 * reference server's own suite registers a fresh in-process server per suite, so that it runs these
 * very checks.
 */
export interface Target {
  baseUrl: string;
  close(): Promise<void>;
}

let makeTarget: (() => Promise<Target>) | undefined;

/** Registers how to open a target when no URL is given (the reference server's suite does). */
export function useTargets(make: () => Promise<Target>): void {
  makeTarget = make;
}

/** The URL given in the environment, without a trailing slash, or undefined. */
export function targetUrl(): string | undefined {
  const url = process.env.BUREAU_CONFORMANCE_URL ?? process.env.BUREAU_TEST_URL;
  return url ? url.replace(/\/+$/, '') : undefined;
}

/** Opens the target of a suite: the given URL, or a target from `useTargets()`. */
export async function openTarget(): Promise<Target> {
  const url = targetUrl();
  if (url !== undefined) return { baseUrl: url, close: async () => {} };
  if (makeTarget === undefined) throw new Error('No backend to check: set BUREAU_CONFORMANCE_URL (bureau-conformance --url http://…)');
  return makeTarget();
}

/** An HTTP answer, read whole. */
export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed JSON body, or undefined when the body is not JSON. */
  body: unknown;
}

export interface CallOptions {
  /** A value sent as JSON. */
  json?: unknown;
  /** A body sent as is (with `contentType`). */
  raw?: string;
  contentType?: string;
  headers?: Record<string, string>;
  /** Leave the CSRF header out of a mutating request. */
  withoutCsrf?: boolean;
  signal?: AbortSignal;
}

async function read(response: Response): Promise<Reply> {
  const text = await response.text();
  let body: unknown;
  if (/json/.test(response.headers.get('content-type') ?? '') && text.length > 0) body = JSON.parse(text);
  return { status: response.status, headers: response.headers, text, body };
}

/** One request to the target, without any session. */
export async function call(baseUrl: string, method: string, path: string, options: CallOptions = {}): Promise<Reply> {
  return read(await fetch(`${baseUrl}${path}`, init(method, options, {})));
}

function init(method: string, options: CallOptions, auth: Record<string, string>): RequestInit {
  const headers: Record<string, string> = { ...auth, ...options.headers };
  let body: string | undefined;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['content-type'] = options.contentType ?? 'application/json';
  } else if (options.raw !== undefined) {
    body = options.raw;
    if (options.contentType !== undefined) headers['content-type'] = options.contentType;
  }
  const result: RequestInit = { method, headers, redirect: 'manual' };
  if (body !== undefined) result.body = body;
  if (options.signal) result.signal = options.signal;
  return result;
}

/** A person signed in through `POST /v1/auth/dev`, keeping their cookie and CSRF token. */
export class Person {
  private constructor(
    readonly baseUrl: string,
    readonly id: string,
    private readonly cookie: string,
    private readonly csrfToken: string,
  ) {}

  static async signIn(baseUrl: string, userId: string): Promise<Person> {
    const response = await fetch(`${baseUrl}/v1/auth/dev`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId }),
    });
    const reply = await read(response);
    if (reply.status !== 200) throw new Error(`POST /v1/auth/dev as ${userId} answered ${reply.status}: ${reply.text}`);
    const cookie = response.headers.getSetCookie().find((line) => line.startsWith('bureau_session='));
    if (!cookie) throw new Error('POST /v1/auth/dev set no bureau_session cookie');
    const { csrfToken } = reply.body as { csrfToken?: string };
    if (!csrfToken) throw new Error('POST /v1/auth/dev gave no csrfToken');
    return new Person(baseUrl, userId, cookie.split(';')[0] ?? '', csrfToken);
  }

  /**
   * Signs in several people at once, in the order given.
   * @example
   * ```ts
   * [karim, camille] = await Person.signInAll(target.baseUrl, ['karim', 'camille']);
   * ```
   */
  static signInAll<const Ids extends readonly string[]>(baseUrl: string, ids: Ids): Promise<People<Ids>> {
    return Promise.all(ids.map((id) => Person.signIn(baseUrl, id))) as Promise<People<Ids>>;
  }

  /** The headers that authenticate this person: cookie, and CSRF token on mutating requests. */
  authHeaders(method: string, withoutCsrf = false): Record<string, string> {
    const headers: Record<string, string> = { cookie: this.cookie };
    if (!['GET', 'HEAD'].includes(method) && !withoutCsrf) headers['x-csrf-token'] = this.csrfToken;
    return headers;
  }

  async call(method: string, path: string, options: CallOptions = {}): Promise<Reply> {
    return read(await this.fetch(method, path, options));
  }

  /** The raw response, for streams. */
  fetch(method: string, path: string, options: CallOptions = {}): Promise<Response> {
    return fetch(`${this.baseUrl}${path}`, init(method, options, this.authHeaders(method, options.withoutCsrf)));
  }
}

/** A role in a space. */
export type Role = 'owner' | 'member' | 'guest';

/** The people signed in for `ids`, in the same order. */
export type People<Ids extends readonly string[]> = { -readonly [K in keyof Ids]: Person };

/**
 * Opens the target (as `openTarget` does) and signs in `ids` there: the set-up of most checks.
 * @example
 * ```ts
 * ({ target, people: [karim] } = await openAs(['karim']));
 * ```
 */
export async function openAs<const Ids extends readonly string[]>(ids: Ids): Promise<{ target: Target; people: People<Ids> }> {
  const target = await openTarget();
  try {
    return { target, people: await Person.signInAll(target.baseUrl, ids) };
  } catch (error) {
    await target.close();
    throw error;
  }
}

/**
 * Signs in `ids` and gives them a fresh space named `name`, owned by the first of them; each person
 * given a role in `roles` joins it in that role (in that order), the others stay outside.
 * @example
 * ```ts
 * ({ people: [karim, camille, ines, theo], spaceId } = await signInWithSpace(target.baseUrl, ['karim', 'camille', 'ines', 'theo'], 'Chat', {
 *   camille: 'member',
 *   ines: 'guest',
 * }));
 * ```
 */
export async function signInWithSpace<const Ids extends readonly string[]>(
  baseUrl: string,
  ids: Ids,
  name: string,
  roles: Partial<Record<Ids[number], Role>>,
): Promise<{ people: People<Ids>; spaceId: string }> {
  const people = await Person.signInAll(baseUrl, ids);
  const signedIn: readonly Person[] = people;
  const byId = new Map(signedIn.map((person) => [person.id, person]));
  const members = Object.entries(roles as Record<string, Role>).map(([id, role]): [Person, Role] => {
    const person = byId.get(id);
    if (person === undefined) throw new Error(`signInWithSpace: ${id} has a role but is not among the people signed in`);
    return [person, role];
  });
  const [owner] = signedIn;
  if (owner === undefined) throw new Error('signInWithSpace: nobody to own the space');
  return { people, spaceId: await createSpace(owner, name, members) };
}

/** A fresh space owned by `owner`, with `members` added in the given roles; returns its id. */
export async function createSpace(owner: Person, name: string, members: [Person, Role][] = []): Promise<string> {
  const created = await owner.call('POST', '/v1/spaces', { json: { name } });
  if (created.status !== 201) throw new Error(`POST /v1/spaces answered ${created.status}: ${created.text}`);
  const { id } = created.body as { id: string };
  for (const [person, role] of members) {
    const added = await owner.call('PUT', `/v1/spaces/${id}/members/${person.id}`, { json: { role } });
    if (added.status !== 201) throw new Error(`PUT member ${person.id} answered ${added.status}: ${added.text}`);
  }
  return id;
}
