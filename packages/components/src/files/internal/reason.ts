import type { ProblemCode } from '@bureau/api';
import { isHttpError, isOfflineError } from '@bureau/sdk';
import type { Language } from '../../i18n/catalogues.js';

type Problems = Record<ProblemCode, string>;
let sentences: { fr: Problems; en: Problems } | undefined;

/**
 * Loads the sentences of the problem codes (`i18n/problems.ts`, a lazy chunk: a page where nothing
 * fails never downloads them). Call it when something failed, before telling why.
 */
export async function loadReasons(): Promise<void> {
  if (sentences !== undefined) return;
  const { problemsFr, problemsEn } = await import('../../i18n/problems.js');
  sentences = { fr: problemsFr, en: problemsEn };
}

/**
 * Why something failed, in the person's language: the catalogue's sentence for the server's
 * problem code (never its English `detail`); nothing for what has no sentence, or before
 * `loadReasons()` is done.
 */
export function reasonOf(error: unknown, language: Language): string {
  const problems = sentences?.[language];
  if (problems === undefined) return '';
  if (isHttpError(error)) return problems[error.problem.code as ProblemCode] ?? '';
  if (isOfflineError(error)) return problems.unavailable;
  return '';
}
