import { DISCLOSURE_PERIOD_PATTERN, periodRange, quarterOf } from './calendar';
import { FundDisclosurePath } from './schemas/fund';
import * as z from 'zod/mini';

describe('disclosure periods (China-time quarters and years)', () => {
  it('gives a quarter its China-time bounds, the end exclusive', () => {
    expect(periodRange('2026-Q4')).toEqual({
      firstDay: '2026-10-01',
      lastDay: '2026-12-31',
      from: '2026-09-30T16:00:00.000Z',
      to: '2026-12-31T16:00:00.000Z',
    });
    expect(periodRange('2026-Q1')).toMatchObject({ firstDay: '2026-01-01', lastDay: '2026-03-31' });
    expect(periodRange('2024-Q1').lastDay).toBe('2024-03-31');
    expect(periodRange('2026-Q2')).toMatchObject({ from: '2026-03-31T16:00:00.000Z', lastDay: '2026-06-30' });
  });

  it('gives a year its China-time bounds', () => {
    expect(periodRange('2025')).toEqual({
      firstDay: '2025-01-01',
      lastDay: '2025-12-31',
      from: '2024-12-31T16:00:00.000Z',
      to: '2025-12-31T16:00:00.000Z',
    });
  });

  it('puts an instant in its Beijing quarter', () => {
    expect(quarterOf('2026-09-30T15:59:59.999Z')).toBe('2026-Q3');
    expect(quarterOf('2026-09-30T16:00:00.000Z')).toBe('2026-Q4');
    expect(quarterOf('2026-12-31T16:00:00.000Z')).toBe('2027-Q1');
  });

  it.each(['2026', '2026-Q1', '2099-Q4', '2000'])('accepts %s', (period) => {
    expect(DISCLOSURE_PERIOD_PATTERN.test(period)).toBe(true);
    expect(z.safeParse(FundDisclosurePath, { cid: 'demo', period }).success).toBe(true);
  });

  it.each(['2026-Q0', '2026-Q5', '2026-q4', '26', '1999', '2026-4', '2026-Q4 ', '2026-Q4x', '２０２６', ''])(
    'refuses %j',
    (period) => {
      expect(DISCLOSURE_PERIOD_PATTERN.test(period)).toBe(false);
      expect(z.safeParse(FundDisclosurePath, { cid: 'demo', period }).success).toBe(false);
      expect(() => periodRange(period)).toThrow('not a disclosure period');
    },
  );
});
