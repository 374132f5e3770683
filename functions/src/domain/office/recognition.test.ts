import type { CommunityStore } from '../identity/ports';
import type { TeamStore } from '../timebank/ports';
import type { EarnedMonth, OfficeStore, StatsItem } from './ports';
import { CANDIDATE_PLACES, getRecognition } from './recognition';

/** Office, community and team stores holding only what the page reads (no teams unless given). */
function stores(earners: EarnedMonth[], teamRecords: object[] = [], teamStats: StatsItem[] = []) {
  const office = { earners: async () => earners, listRecognitions: async () => [] } as unknown as OfficeStore;
  const communities = {
    getMember: async (_communityId: string, memberId: string) => ({ displayName: `名-${memberId}` }),
  } as unknown as CommunityStore;
  const teams = {
    listTeams: async () => teamRecords,
    teamStats: async (_communityId: string, months: string[]) =>
      teamStats.filter((item) => months.includes(item.month)),
  } as unknown as TeamStore;
  return { office, communities, teams };
}

const earner = (memberId: string, volunteerMinutes: number, earnedPoints = 1): EarnedMonth => ({
  memberId,
  month: '2026-11',
  volunteerMinutes,
  earnedPoints,
});

describe('光荣榜 candidates (issue 12, case 10: ties)', () => {
  it('ranks equal minutes together (1, 2, 2, 4), more points first within a tie', async () => {
    const page = await getRecognition(
      { communityId: 'c1', month: '2026-11' },
      stores([earner('d', 120), earner('b', 180, 2), earner('a', 240), earner('c', 180, 3), earner('z', 0)]),
    );

    expect(page.candidates.map((candidate) => [candidate.memberId, candidate.rank])).toEqual([
      ['a', 1],
      ['c', 2],
      ['b', 2],
      ['d', 4],
    ]);
  });

  it('keeps a tie at the last place whole instead of cutting it by member id', async () => {
    const distinct = Array.from({ length: CANDIDATE_PLACES - 1 }, (_unused, index) =>
      earner(`m${index}`, 1000 - index),
    );
    const tied = ['x', 'y', 'w'].map((memberId) => earner(memberId, 60));

    const page = await getRecognition({ communityId: 'c1', month: '2026-11' }, stores([...tied, ...distinct]));

    expect(page.candidates).toHaveLength(CANDIDATE_PLACES + 2);
    expect(page.candidates.slice(-3).map((candidate) => [candidate.memberId, candidate.rank])).toEqual([
      ['w', CANDIDATE_PLACES],
      ['x', CANDIDATE_PLACES],
      ['y', CANDIDATE_PLACES],
    ]);
  });
});

describe('光荣榜 teams (issue 17)', () => {
  it('shows each team’s minutes in the month and in its year up to the month, most this month first', async () => {
    const teams = [
      { id: 't1', name: '助残扶老', memberCount: 5 },
      { id: 't2', name: '文明劝导', memberCount: 3 },
      { id: 't3', name: '环保科普', memberCount: 1 },
    ];
    const month = (value: string, values: Record<string, number>): StatsItem => ({
      month: value,
      section: 'TEAMS',
      values,
    });
    const stats = [
      month('2025-12', { 'teamMinutes:t1': 999 }),
      month('2026-01', { 'teamMinutes:t1': 300, 'teamVisits:t1': 2 }),
      month('2026-03', { 'teamMinutes:t1': 60, 'teamMinutes:t2': 120, 'teamVisits:t2': 1 }),
    ];

    const page = await getRecognition({ communityId: 'c1', month: '2026-03' }, stores([], teams, stats));

    expect(page.teams).toEqual([
      { id: 't2', name: '文明劝导', memberCount: 3, monthMinutes: 120, yearMinutes: 120 },
      { id: 't1', name: '助残扶老', memberCount: 5, monthMinutes: 60, yearMinutes: 360 },
      { id: 't3', name: '环保科普', memberCount: 1, monthMinutes: 0, yearMinutes: 0 },
    ]);
  });
});
