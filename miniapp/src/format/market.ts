import { addMonths, formatFen, monthOf as chinaMonthOf, type Offer } from '@linli/shared';
import type { Language } from '../state/preferences';

/** The certified volunteer's price as people say it: 80 → `8折`, 86 → `8.6折`; in English `20% off`. */
export function formatDiscount(pricePercent: number, language: Language): string {
  if (language === 'en') return `${100 - pricePercent}% off`;
  const tenths = pricePercent % 10;
  return `${(pricePercent - tenths) / 10}${tenths > 0 ? `.${tenths}` : ''}折`;
}

/** What a merchant types as the discount (`8`, `8.6`, `8折`) → pricePercent 80 / 86; null when it is not one. */
export function parseDiscount(text: string): number | null {
  const match = /^(\d)(?:\.(\d))?\s*折?$/.exec(text.trim());
  if (!match) return null;
  const pricePercent = Number(match[1]) * 10 + Number(match[2] ?? '0');
  return pricePercent >= 1 && pricePercent <= 99 ? pricePercent : null;
}

/** The discount input's text for an existing offer: 80 → `8`, 86 → `8.6`. */
export function discountInput(offer: Offer): string {
  return formatDiscount(offer.pricePercent, 'zh-CN').replace('折', '');
}

/** Integer fen as yuan for people: 1500 → `¥15.00`. */
export function formatYuan(amountFen: number): string {
  return `¥${formatFen(amountFen)}`;
}

/** Typed yuan (`15`, `15.5`, `15.50`) → integer fen without floating point; null when it is not an amount. */
export function parseYuanToFen(text: string): number | null {
  const match = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** A whole number typed in a form, within bounds; null otherwise. */
export function parseWholeNumber(text: string, min: number, max: number): number | null {
  if (!/^\d{1,9}$/.test(text.trim())) return null;
  const value = Number(text.trim());
  return value >= min && value <= max ? value : null;
}

/**
 * `YYYY-MM` of an instant in China time (UTC+8), the calendar the server files statistics,
 * leaderboards and recognition under — never the device's zone, which may differ.
 */
export const monthOf = (instant: Date): string => chinaMonthOf(instant);

/** `2025-01` + -1 → `2024-12`. */
export const shiftMonth = (month: string, byMonths: number): string => addMonths(month, byMonths);
