import { rankTop } from './ranking';

interface Entry {
  id: string;
  points: number;
}

const entries = (...points: number[]): Entry[] => points.map((value, index) => ({ id: `m${index}`, points: value }));
const rank = (items: Entry[], limit = 20) =>
  rankTop(items, { score: (entry) => entry.points, limit, tieOrder: (left, right) => left.id.localeCompare(right.id) });

describe('standard competition ranking', () => {
  it('gives equal scores one rank and skips the places they took (1224)', () => {
    expect(rank(entries(776, 777, 800, 777)).map((entry) => [entry.points, entry.rank])).toEqual([
      [800, 1],
      [777, 2],
      [777, 2],
      [776, 4],
    ]);
  });

  it('keeps a tie at the cut whole: every entry whose rank is within the limit', () => {
    const ranked = rank(entries(9, 8, 7, 7, 7, 6), 3);

    expect(ranked.map((entry) => entry.rank)).toEqual([1, 2, 3, 3, 3]);
  });

  it('cuts right after the limit when no tie straddles it, and before a tie that starts beyond it', () => {
    expect(rank(entries(9, 8, 7, 6, 6), 3).map((entry) => entry.points)).toEqual([9, 8, 7]);
    expect(rank(entries(9, 8, 8, 6, 6), 3).map((entry) => entry.rank)).toEqual([1, 2, 2]);
  });

  it('lists a tie in the tie order, whatever order the entries came in', () => {
    const shuffled = [
      { id: 'b', points: 5 },
      { id: 'c', points: 5 },
      { id: 'a', points: 5 },
    ];

    expect(rank(shuffled).map((entry) => [entry.id, entry.rank])).toEqual([
      ['a', 1],
      ['b', 1],
      ['c', 1],
    ]);
  });

  it('keeps everyone when all are tied, and nothing from nothing', () => {
    expect(rank(entries(3, 3, 3, 3), 2)).toHaveLength(4);
    expect(rank([], 2)).toEqual([]);
  });
});
