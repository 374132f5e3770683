import { formatFen } from '@linli/shared';
import { parseYuanToFen } from './market';

/** Signed yuan for a ledger: 3000 → `+¥30.00`, -1200 → `-¥12.00`. */
export function formatSignedYuan(amountFen: number): string {
  if (amountFen > 0) return `+¥${formatFen(amountFen)}`;
  if (amountFen < 0) return `-¥${formatFen(-amountFen)}`;
  return '¥0.00';
}

/** How many hex digits of a hash people compare at a glance. */
export const SHORT_HASH_LENGTH = 12;

/** The first digits of a SHA-256 hash, enough to compare by eye. */
export function shortHash(hash: string): string {
  return hash.slice(0, SHORT_HASH_LENGTH);
}

/** A money amount typed in yuan (`150`, `150.5`, `150.05`) → positive integer fen; null when it is not one. */
export function parsePositiveYuan(text: string): number | null {
  const amountFen = parseYuanToFen(text);
  return amountFen !== null && amountFen > 0 ? amountFen : null;
}
