import { randomBytes } from 'node:crypto';

let lastMs = 0;
let sequence = 0;

/**
 * An id that sorts by creation: prefix + milliseconds (base 36, 9 digits) + a sequence within the
 * millisecond (4 digits) + randomness. Ids made by one process strictly increase.
 */
function timeOrdered(prefix: string): string {
  const ms = Date.now();
  if (ms > lastMs) {
    lastMs = ms;
    sequence = 0;
  } else {
    sequence += 1;
  }
  return `${prefix}_${lastMs.toString(36).padStart(9, '0')}${sequence.toString(36).padStart(4, '0')}${randomBytes(6).toString('base64url')}`;
}

const random = (prefix: string): string => `${prefix}_${randomBytes(12).toString('base64url')}`;

export const newBoardId = (): string => random('brd');
export const newLabelId = (): string => random('lbl');
export const newColumnId = (): string => random('col');
export const newCardId = (): string => random('crd');
export const newChecklistItemId = (): string => random('chk');
export const newCommentId = (): string => timeOrdered('cmt');
export const newActivityId = (): string => timeOrdered('act');
