/**
 * Standard competition ranking ("1224"), the rule of every ranking Linli shows (the contribution
 * leaderboard, the 光荣榜 candidates): entries with equal scores share a rank, and the next rank
 * skips the places they took — 800, 777, 777, 776 rank 1, 2, 2, 4.
 *
 * The top `limit` are the entries whose rank is at most `limit`: a tie at the cut is kept whole,
 * so the list can be longer than `limit` but never drops one of several equal scores for its name
 * or id. Within a tie, entries are listed by `tieOrder` (a stable display order, not a rank).
 */
export function rankTop<Item>(
  items: readonly Item[],
  options: {
    /** Higher is better. */
    score: (item: Item) => number;
    limit: number;
    tieOrder: (left: Item, right: Item) => number;
  },
): (Item & { rank: number })[] {
  const { score, limit, tieOrder } = options;
  const sorted = [...items].sort((left, right) => score(right) - score(left) || tieOrder(left, right));
  const ranked: (Item & { rank: number })[] = [];
  for (const [index, item] of sorted.entries()) {
    const previous = ranked[index - 1];
    const rank = previous && score(previous) === score(item) ? previous.rank : index + 1;
    if (rank > limit) break;
    ranked.push({ ...item, rank });
  }
  return ranked;
}
