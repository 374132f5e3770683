import type { Community } from '@linli/shared';
import { cutoffMonth, lapsingPoints, nextCutoff } from './expiry';

const community = (pointsExpiry: Community['rules']['pointsExpiry']): Community => ({
  id: 'c',
  name: 'C',
  currencyName: '积分',
  rules: {
    pointsPerHour: 1,
    certificateThresholdPoints: 3,
    fundShareBps: 0,
    minuteRounding: { unitMinutes: 30, mode: 'down' },
    pointsExpiry,
  },
});
const lots = (entries: [string, number][]) =>
  entries.map(([month, earnedPoints]) => ({ memberId: 'm', month, earnedPoints, volunteerMinutes: 0 }));

describe('points expiry', () => {
  it('finds the cutoff month of each policy', () => {
    expect(cutoffMonth(community({ mode: 'none' }), '2026-11')).toBeNull();
    expect(cutoffMonth(community(undefined), '2026-11')).toBeNull();
    expect(cutoffMonth(community({ mode: 'after_months', months: 1 }), '2026-11')).toBe('2026-10');
    expect(cutoffMonth(community({ mode: 'after_months', months: 12 }), '2027-01')).toBe('2026-01');
    expect(cutoffMonth(community({ mode: 'year_end' }), '2026-11')).toBe('2026-01');
  });

  it('lets spending consume the oldest lots first', () => {
    const months = lots([
      ['2026-08', 10],
      ['2026-09', 5],
      ['2026-11', 4],
    ]);
    // earned 19, spent 7 → balance 12; 15 earned before October, 7 of it spent → 8 lapse
    expect(
      lapsingPoints({ address: 'member:m', balancePoints: 12, earnedPoints: 19, debitedPoints: 7 }, months, '2026-10'),
    ).toBe(8);
    // everything old was spent: nothing lapses
    expect(
      lapsingPoints({ address: 'member:m', balancePoints: 4, earnedPoints: 19, debitedPoints: 15 }, months, '2026-10'),
    ).toBe(0);
    // a gift received keeps the balance up but never lapses itself
    expect(
      lapsingPoints(
        { address: 'member:m', balancePoints: 10, earnedPoints: 10, debitedPoints: 10 },
        lots([['2026-01', 10]]),
        '2026-10',
      ),
    ).toBe(0);
    // never more than the balance
    expect(
      lapsingPoints({ address: 'member:m', balancePoints: 3, earnedPoints: 19, debitedPoints: 0 }, months, '2026-10'),
    ).toBe(3);
  });

  it('knows when the cutoff moves next', () => {
    const now = new Date('2026-11-22T04:00:00Z');
    expect(nextCutoff(community({ mode: 'after_months', months: 1 }), now)).toEqual({
      at: '2026-11-30T16:00:00.000Z',
      cutoff: '2026-11',
    });
    expect(nextCutoff(community({ mode: 'year_end' }), now)).toEqual({
      at: '2026-12-31T16:00:00.000Z',
      cutoff: '2027-01',
    });
  });
});
