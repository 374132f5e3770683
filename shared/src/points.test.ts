import { pointsForMinutes, roundMinutes } from './points';
import { discountedBillFen, formatFen, shareOfFen } from './money';
import type { CommunityRules } from './schemas/identity';

const rules = (overrides: Partial<CommunityRules> = {}): CommunityRules => ({
  pointsPerHour: 1,
  certificateThresholdPoints: 3,
  fundShareBps: 2000,
  minuteRounding: { unitMinutes: 30, mode: 'down' },
  ...overrides,
});

describe('roundMinutes', () => {
  it.each([
    ['down', 89, 60],
    ['up', 61, 90],
    ['nearest', 74, 60],
    ['nearest', 75, 90],
    ['down', 90, 90],
  ] as const)('rounds %s: %i → %i', (mode, minutes, expected) => {
    expect(roundMinutes(minutes, { unitMinutes: 30, mode })).toBe(expected);
  });

  it('rejects fractional and negative minutes', () => {
    expect(() => roundMinutes(1.5, { unitMinutes: 30, mode: 'down' })).toThrow(RangeError);
    expect(() => roundMinutes(-1, { unitMinutes: 30, mode: 'down' })).toThrow(RangeError);
  });
});

describe('pointsForMinutes', () => {
  it('gives whole points per rounded hour', () => {
    expect(pointsForMinutes(179, rules())).toBe(2);
    expect(pointsForMinutes(180, rules())).toBe(3);
    expect(pointsForMinutes(45, rules({ pointsPerHour: 10, minuteRounding: { unitMinutes: 15, mode: 'down' } }))).toBe(
      7,
    );
  });
});

describe('money', () => {
  it('splits 150 yuan at 20% as 30 to the fund', () => {
    expect(shareOfFen(15000, 2000)).toBe(3000);
    expect(shareOfFen(1, 2000)).toBe(0);
  });

  it('formats fen without floats', () => {
    expect(formatFen(15000)).toBe('150.00');
    expect(formatFen(5)).toBe('0.05');
    expect(formatFen(-1234)).toBe('-12.34');
  });
});

describe('discountedBillFen', () => {
  it('charges the bill × pricePercent / 100, rounded to the fen', () => {
    expect(discountedBillFen(10000, 80)).toBe(8000);
    expect(discountedBillFen(12350, 86)).toBe(10621);
    expect(discountedBillFen(1, 50)).toBe(1);
    expect(discountedBillFen(0, 80)).toBe(0);
  });
});
