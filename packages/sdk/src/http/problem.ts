import type { Problem } from '@bureau/api';

const codeByStatus: Record<number, string> = {
  400: 'bad-request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  409: 'conflict',
  412: 'precondition-failed',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  422: 'validation-failed',
  429: 'rate-limited',
  503: 'unavailable',
};

/**
 * The problem details of an error response: its `application/problem+json` body when it has one,
 * otherwise a generic document built from the status (a proxy's HTML error page, an empty body).
 * @internal
 */
export async function readProblem(response: Response): Promise<Problem> {
  const fallback: Problem = {
    type: 'about:blank',
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
    code: codeByStatus[response.status] ?? (response.status >= 500 ? 'internal' : 'bad-request'),
  };
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return fallback;
  const body: unknown = await response.json().catch((error: unknown) => {
    // An unreadable body still yields the status-based problem; the parse error is kept as detail.
    return { detail: `Unreadable problem body: ${String(error)}` };
  });
  if (typeof body !== 'object' || body === null) return fallback;
  const candidate = body as Partial<Problem>;
  return {
    ...fallback,
    ...candidate,
    status: response.status,
    code: typeof candidate.code === 'string' ? candidate.code : fallback.code,
    title: typeof candidate.title === 'string' ? candidate.title : fallback.title,
  };
}

/** Seconds from a `Retry-After` header (delay-seconds or HTTP-date), or `undefined`. @internal */
export function parseRetryAfter(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}
