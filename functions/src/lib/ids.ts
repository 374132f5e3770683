import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID-like id: 10 characters of millisecond time, 16 of randomness; sorts by creation time. */
export function newId(now: number = Date.now()): string {
  let time = '';
  let rest = now;
  for (let index = 0; index < 10; index += 1) {
    time = ALPHABET[rest % 32] + time;
    rest = Math.floor(rest / 32);
  }
  const random = randomBytes(16);
  let tail = '';
  for (const byte of random) tail += ALPHABET[byte % 32];
  return time + tail;
}

/** The first 10 characters of every id made at `time` (ms): ids made before it sort before it. */
export function idTimePrefix(time: number): string {
  return newId(time).slice(0, 10);
}
