const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A fresh key for one user action (8-128 characters of [A-Za-z0-9_.:-]); the server
 * replays the first answer when the same key and body arrive again.
 */
export function newIdempotencyKey(): string {
  const random = Array.from({ length: 24 }, () => ALPHABET[Math.floor(Math.random() * ALPHABET.length)]).join('');
  return `mp-${Date.now().toString(36)}-${random}`;
}
