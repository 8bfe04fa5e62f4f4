/** A finished check: its name (`suite › check`) and, when it failed, why. */
export interface Outcome {
  ok: boolean;
  name: string;
  reason?: string;
}

interface TestEventData {
  name: string;
  nesting: number;
  details?: { type?: string; error?: unknown };
}

type TestEvent = { type: 'test:start' | 'test:pass' | 'test:fail'; data: TestEventData } | { type: string; data: unknown };

/** The first line of what went wrong, from the runner's wrapper down to the assertion or fetch error. */
function reasonOf(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 5; depth += 1) {
    const cause = (current as { cause?: unknown } | null)?.cause;
    const code = (current as { code?: unknown } | null)?.code;
    if (code === 'ERR_TEST_FAILURE' && cause !== undefined) current = cause;
    else break;
  }
  if (current instanceof Error) {
    const cause = current.cause instanceof Error ? ` (${current.cause.message})` : '';
    return `${current.name === 'Error' ? '' : `${current.name}: `}${current.message}${cause}`.split('\n').slice(0, 6).join(' ').trim();
  }
  return String(current);
}

/**
 * The finished checks of a `node:test` run (the events of `run()`), one outcome each. Suites are
 * reported only when they fail on their own (a `before` hook that could not sign in, say): that is
 * where the reason is; their checks then fail as cancelled.
 */
export async function* outcomesOf(source: AsyncIterable<TestEvent>): AsyncGenerator<Outcome> {
  const path: string[] = [];
  for await (const event of source) {
    if (event.type !== 'test:start' && event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const data = event.data as TestEventData;
    if (event.type === 'test:start') {
      path.length = data.nesting;
      path[data.nesting] = data.name;
      continue;
    }
    const name = [...path.slice(0, data.nesting), data.name].join(' › ');
    const suite = data.details?.type === 'suite';
    if (event.type === 'test:pass') {
      if (!suite) yield { ok: true, name };
      continue;
    }
    const failure = data.details?.error as { failureType?: string } | undefined;
    // A suite whose checks failed is not a failure of its own; one whose hook failed is.
    if (suite && failure?.failureType === 'subtestsFailed') continue;
    const reason = failure?.failureType === 'cancelledByParent' ? 'not run: its suite could not be set up (reason below)' : reasonOf(data.details?.error);
    yield { ok: false, name, reason };
  }
}
