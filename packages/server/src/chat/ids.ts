import { randomBytes } from 'node:crypto';

let lastMs = 0;
let sequence = 0;

/** Random bytes drawn 6 at a time from a pool filled 4 kB at once (a `randomBytes` call per id was 3% of a POST). */
let pool = Buffer.alloc(0);
let taken = 0;
function sixRandomBytes(): string {
  if (taken + 6 > pool.length) {
    pool = randomBytes(4096);
    taken = 0;
  }
  taken += 6;
  return pool.toString('base64url', taken - 6, taken);
}

const format = (ms: number, seq: number): string => `msg_${ms.toString(36).padStart(9, '0')}${seq.toString(36).padStart(4, '0')}${sixRandomBytes()}`;

/**
 * A message id that sorts by creation: `msg_` + milliseconds (base 36, 9 digits) + a sequence
 * within the millisecond (4 digits) + randomness. Ids made by one process strictly increase, even
 * when the clock steps back.
 */
export function newMessageId(): string {
  const now = Date.now();
  if (now > lastMs) {
    lastMs = now;
    sequence = 0;
  } else {
    sequence += 1;
  }
  return format(lastMs, sequence);
}

/** The id of a message created at `ms` (seeded history), `seq` ordering messages of one millisecond. */
export const messageIdAt = (ms: number, seq: number): string => format(ms, seq);

export const newRoomId = (): string => `room_${randomBytes(12).toString('base64url')}`;
