import type { ProblemCode } from '@bureau/api';
import { isHttpError, isOfflineError } from '@bureau/sdk';
import type { Language } from '../../i18n/catalogues.js';
import { problemsEn, problemsFr } from '../../i18n/problems.js';

/**
 * Why something failed, in the person's language: the catalogue's sentence for the server's
 * problem code (never its English `detail`), nothing for what has no sentence.
 */
export function reasonOf(error: unknown, language: Language): string {
  const problems = language === 'en' ? problemsEn : problemsFr;
  if (isHttpError(error)) return problems[error.problem.code as ProblemCode] ?? '';
  if (isOfflineError(error)) return problems.unavailable;
  return '';
}
