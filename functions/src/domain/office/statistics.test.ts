import type { StatsItem } from './ports';
import { foldStatistics } from './statistics';

describe('foldStatistics', () => {
  const items: StatsItem[] = [
    { month: '2026-09', section: 'POINTS', values: { pointsIssued: 10, memberNet: 10 } },
    { month: '2026-10', section: 'POINTS', values: { pointsIssued: 5, pointsRedeemed: 3, memberNet: 2 } },
    { month: '2026-10', section: 'TIMEBANK', values: { volunteerVisits: 2, volunteersCount: 1, volunteerMinutes: 90 } },
    { month: '2026-10', section: 'FUND', values: { fundIncomeFen: 3000, fundExpenseFen: 1000 } },
    { month: '2026-11', section: 'FUND', values: { fundIncomeFen: 500, fundExpenseFen: 0 } },
  ];

  it('gives one row per month of the range with running balances from the first month', () => {
    const rows = foldStatistics(items, '2026-10', '2026-12');
    expect(rows.map((row) => row.month)).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(rows[0]).toMatchObject({
      pointsIssued: 5,
      pointsRedeemed: 3,
      pointsOutstanding: 12,
      volunteerVisits: 2,
      distinctVolunteers: 1,
      volunteerMinutes: 90,
      fundIncomeFen: 3000,
      fundBalanceFen: 2000,
    });
    expect(rows[1]).toMatchObject({ pointsOutstanding: 12, fundBalanceFen: 2500, fundIncomeFen: 500 });
    expect(rows[2]).toMatchObject({ pointsOutstanding: 12, fundBalanceFen: 2500, pointsIssued: 0 });
  });

  it('is all zeros for a community with no history', () => {
    const rows = foldStatistics([], '2026-11', '2026-11');
    expect(rows).toHaveLength(1);
    expect(Object.values(rows[0]!).filter((value) => typeof value === 'number' && value !== 0)).toEqual([]);
  });
});
