import type { ContributionStore, LeaderboardEntry } from './ports';
import { LEADERBOARD_PLACES, getLeaderboard } from './contributions';

const board = (entries: LeaderboardEntry[]) =>
  getLeaderboard({ communityId: 'c1', month: '2026-11' }, {
    leaderboardEntries: async () => entries,
  } as unknown as ContributionStore);

describe('the contribution leaderboard (issue 12, case 10: ties)', () => {
  it('ranks 777, 777, 776 as 2, 2, 4, ties listed by name', async () => {
    const result = await board([
      { memberId: 'u1', memberName: '王阿姨', points: 777 },
      { memberId: 'u2', memberName: '张记包子铺', points: 800 },
      { memberId: 'u3', memberName: '李师傅', points: 776 },
      { memberId: 'u0', memberName: '赵大爷', points: 777 },
    ]);

    expect(result.items.map((item) => [item.memberName, item.rank])).toEqual([
      ['张记包子铺', 1],
      ['王阿姨', 2],
      ['赵大爷', 2],
      ['李师傅', 4],
    ]);
  });

  it('lists everyone tied at the last place', async () => {
    const entries = Array.from({ length: LEADERBOARD_PLACES + 5 }, (_unused, index) => ({
      memberId: `u${index}`,
      memberName: `成员${index}`,
      points: index < LEADERBOARD_PLACES - 1 ? 1000 - index : 10,
    }));

    const result = await board(entries);

    expect(result.items).toHaveLength(LEADERBOARD_PLACES + 5);
    expect(new Set(result.items.slice(LEADERBOARD_PLACES - 1).map((item) => item.rank))).toEqual(
      new Set([LEADERBOARD_PLACES]),
    );
  });
});
