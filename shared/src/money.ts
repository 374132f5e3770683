import { assertNonNegativeInteger } from './points';

/** 15000 → "150.00" (integer fen in, no floating point on the way). */
export function formatFen(amountFen: number): string {
  const sign = amountFen < 0 ? '-' : '';
  const absoluteFen = Math.abs(amountFen);
  assertNonNegativeInteger(absoluteFen, 'amountFen');
  const yuan = (absoluteFen - (absoluteFen % 100)) / 100;
  return `${sign}${yuan}.${String(absoluteFen % 100).padStart(2, '0')}`;
}

/** The share of a gross amount in basis points, floored: 15000 fen at 2000 bps → 3000 fen. */
export function shareOfFen(grossFen: number, shareBps: number): number {
  assertNonNegativeInteger(grossFen, 'grossFen');
  assertNonNegativeInteger(shareBps, 'shareBps');
  return Math.floor((grossFen * shareBps) / 10_000);
}

/**
 * What a certified volunteer pays on a bill of `billFen` at a merchant giving `pricePercent` (80 = 8折):
 * the bill × pricePercent / 100, rounded to the fen (half up), never below 0. Integer fen in and out.
 */
export function discountedBillFen(billFen: number, pricePercent: number): number {
  return Math.max(0, Math.round((billFen * pricePercent) / 100));
}
