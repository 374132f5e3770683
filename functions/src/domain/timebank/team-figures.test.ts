import type { StatsItem } from '../office/ports';
import { teamFiguresOf, teamMonths, teamStatsDraft, teamTotal, yearToMonth } from './team-figures';

const item = (month: string, section: string, values: Record<string, number>): StatsItem => ({
  month,
  section,
  values,
});

describe('team figures (issue 17)', () => {
  it('moves a team’s month by an approval and back by its reversal, in the TEAMS section', () => {
    expect(teamStatsDraft('c1', '2026-11', 't1', { minutes: 90, visits: 1 })).toEqual({
      communityId: 'c1',
      month: '2026-11',
      section: 'TEAMS',
      add: { 'teamMinutes:t1': 90, 'teamVisits:t1': 1 },
    });
    expect(teamStatsDraft('c1', '2026-11', 't1', { minutes: -90, visits: -1 }).add).toEqual({
      'teamMinutes:t1': -90,
      'teamVisits:t1': -1,
    });
  });

  it('reads each team’s months from the TEAMS items only, and sums a range', () => {
    const items = [
      item('2026-01', 'TEAMS', { 'teamMinutes:t1': 60, 'teamVisits:t1': 1, 'teamMinutes:t2': 30 }),
      item('2026-02', 'TEAMS', { 'teamMinutes:t1': 120, 'teamVisits:t1': 2 }),
      item('2026-02', 'TIMEBANK', { volunteerMinutes: 999, 'teamMinutes:t1': 999 }),
    ];

    const months = teamMonths(items);

    expect(teamTotal(months.get('t1'), '2026-01', '2026-02')).toEqual({ minutes: 180, visits: 3 });
    expect(teamTotal(months.get('t1'), '2026-02', '2026-02')).toEqual({ minutes: 120, visits: 2 });
    expect(teamTotal(months.get('t2'), '2026-01', '2026-12')).toEqual({ minutes: 30, visits: 0 });
    expect(teamTotal(months.get('t3'), '2026-01', '2026-12')).toEqual({ minutes: 0, visits: 0 });
  });

  it('counts a year from its January to the month', () => {
    expect(yearToMonth('2026-03')).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(yearToMonth('2026-01')).toEqual(['2026-01']);
  });

  it('lists every team over the range with its months, most minutes first', () => {
    const teams = [
      { id: 't1', name: '助残扶老', memberCount: 4 },
      { id: 't2', name: '文明劝导', memberCount: 2 },
    ];
    const items = [
      item('2025-12', 'TEAMS', { 'teamMinutes:t1': 500 }),
      item('2026-01', 'TEAMS', { 'teamMinutes:t2': 45, 'teamVisits:t2': 1 }),
    ];

    expect(teamFiguresOf(teams, items, '2026-01', '2026-02')).toEqual([
      {
        id: 't2',
        name: '文明劝导',
        memberCount: 2,
        volunteerMinutes: 45,
        volunteerVisits: 1,
        months: [
          { month: '2026-01', volunteerMinutes: 45 },
          { month: '2026-02', volunteerMinutes: 0 },
        ],
      },
      {
        id: 't1',
        name: '助残扶老',
        memberCount: 4,
        volunteerMinutes: 0,
        volunteerVisits: 0,
        months: [
          { month: '2026-01', volunteerMinutes: 0 },
          { month: '2026-02', volunteerMinutes: 0 },
        ],
      },
    ]);
  });
});
