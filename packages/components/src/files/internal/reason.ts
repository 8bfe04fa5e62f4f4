import { isHttpError } from '@bureau/sdk';

/** What to tell a person about a failure: the server's explanation when there is one. */
export function reasonOf(error: unknown): string {
  if (isHttpError(error)) return error.problem.detail ?? error.problem.title;
  return error instanceof Error ? error.message : '';
}
