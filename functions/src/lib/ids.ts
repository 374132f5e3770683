import { createHash, randomBytes } from 'node:crypto';
import { currentScope } from './request-scope';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A ULID-like id: 10 characters of millisecond time, 16 of randomness; sorts by creation time.
 * Inside a request with an Idempotency-Key the n-th id is the same on every attempt (the time
 * of the first attempt, and bytes derived from the key's seed), so a retry recognises what an
 * attempt whose acknowledgement was lost already wrote.
 */
export function newId(now: number = Date.now()): string {
  const seeded = currentScope()?.ids;
  const time = timePart(seeded ? seeded.time : now);
  const random = seeded
    ? createHash('sha256').update(`${seeded.seed}:${seeded.next++}`).digest().subarray(0, 16)
    : randomBytes(16);
  let tail = '';
  for (const byte of random) tail += ALPHABET[byte % 32];
  return time + tail;
}

/** The first 10 characters of every id made at `time` (ms): ids made before it sort before it. */
export function idTimePrefix(time: number): string {
  return timePart(time);
}

function timePart(ms: number): string {
  let time = '';
  let rest = ms;
  for (let index = 0; index < 10; index += 1) {
    time = ALPHABET[rest % 32] + time;
    rest = Math.floor(rest / 32);
  }
  return time;
}
