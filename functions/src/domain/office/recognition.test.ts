import type { CommunityStore } from '../identity/ports';
import type { EarnedMonth, OfficeStore } from './ports';
import { CANDIDATE_PLACES, getRecognition } from './recognition';

/** Office and community stores holding only what the candidate list reads. */
function stores(earners: EarnedMonth[]) {
  const office = { earners: async () => earners, listRecognitions: async () => [] } as unknown as OfficeStore;
  const communities = {
    getMember: async (_communityId: string, memberId: string) => ({ displayName: `名-${memberId}` }),
  } as unknown as CommunityStore;
  return { office, communities };
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
