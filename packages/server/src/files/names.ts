import { maxNameBytes, visibleNamePattern } from '@bureau/api';
import { ProblemError } from '../http/problem.js';

/** The contract's rule for every name people see (no control, bidirectional or lone-surrogate characters, not blank). */
const visibleName = new RegExp(visibleNamePattern, 'u');
// The Unicode line and paragraph separators, which the contract's rule lets through: a file name keeps to one line.
const lineSeparators = /[\u2028\u2029]/u;
const deviceName = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/iu;

/** Why `name` cannot name a file or folder, or null when it can. */
export function nameProblem(name: string): string | null {
  if (name.length === 0) return 'A name cannot be empty.';
  if (Buffer.byteLength(name, 'utf8') > maxNameBytes) return `A name is at most ${maxNameBytes} bytes in UTF-8.`;
  if (name.includes('/') || name.includes('\\')) return 'A name cannot contain / or \\.';
  if (name === '.' || name === '..') return 'A name cannot be . or ..';
  if (!visibleName.test(name) || lineSeparators.test(name)) {
    return 'A name cannot contain control characters, bidirectional formatting characters or lone surrogates.';
  }
  if (/^[\s.]|[\s.]$/u.test(name)) return 'A name cannot start or end with a space or a dot.';
  if (deviceName.test(name)) return 'A name cannot be a reserved device name (CON, NUL, COM1…).';
  return null;
}

/** `name` unchanged when it is valid; a 422 problem pointing at `pointer` otherwise. */
export function requireName(name: string, pointer: string): string {
  const problem = nameProblem(name);
  if (problem !== null) throw new ProblemError('validation-failed', problem, { errors: [{ pointer, message: problem }] });
  return name;
}

/** The key two names of one folder must not share: NFC, then case folded. */
export const nameKey = (name: string): string => name.normalize('NFC').toLocaleLowerCase('und');
