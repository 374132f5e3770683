import {
  formatDiscount,
  formatYuan,
  monthOf,
  parseDiscount,
  parseWholeNumber,
  parseYuanToFen,
  shiftMonth,
} from './market';

describe('market formatting', () => {
  it('says discounts the way people do', () => {
    expect(formatDiscount(80, 'zh-CN')).toBe('8折');
    expect(formatDiscount(86, 'zh-CN')).toBe('8.6折');
    expect(formatDiscount(5, 'zh-CN')).toBe('0.5折');
    expect(formatDiscount(80, 'en')).toBe('20% off');
  });

  it('reads a typed discount back into pricePercent', () => {
    expect(parseDiscount('8')).toBe(80);
    expect(parseDiscount('8.6折')).toBe(86);
    expect(parseDiscount('0')).toBeNull();
    expect(parseDiscount('10')).toBeNull();
    expect(parseDiscount('8.65')).toBeNull();
  });

  it('turns typed yuan into integer fen without floating point', () => {
    expect(parseYuanToFen('15')).toBe(1500);
    expect(parseYuanToFen('15.5')).toBe(1550);
    expect(parseYuanToFen('0.07')).toBe(7);
    expect(parseYuanToFen('1.005')).toBeNull();
    expect(parseYuanToFen('abc')).toBeNull();
    expect(formatYuan(1550)).toBe('¥15.50');
  });

  it('reads whole numbers within bounds and steps months across years', () => {
    expect(parseWholeNumber('5', 1, 10)).toBe(5);
    expect(parseWholeNumber('0', 1, 10)).toBeNull();
    expect(parseWholeNumber('2.5', 1, 10)).toBeNull();
    expect(shiftMonth('2025-01', -1)).toBe('2024-12');
    expect(shiftMonth('2025-12', 1)).toBe('2026-01');
  });

  it('files an instant under its China-time month whatever the device zone (the server does the same)', () => {
    // 00:30 on 1 December in Beijing is still 30 November in UTC and in Europe or America.
    expect(monthOf(new Date('2026-11-30T16:30:00Z'))).toBe('2026-12');
    expect(monthOf(new Date('2026-12-31T15:59:00Z'))).toBe('2026-12');
    expect(monthOf(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01');
  });
});
