/**
 * Member numbers (编号, issue 21) for the members added before there were any. A member added since
 * gets the community's next number in the transaction that adds them (pattern 82); the ones before
 * are given theirs by this resumable backfill, run by the `numberMembers` job until it has been
 * through every community once.
 */

/** Where the backfill stands: finished, or the community it is in and where that one's listing resumes. */
export interface MemberNumberBackfillState {
  done: boolean;
  /** The community being numbered (communities are taken in the order of their ids). */
  communityId?: string;
  /** Where its listing (by join time) resumes; none: from its first member. */
  startKey?: Record<string, unknown>;
}

/** What the backfill reads and writes (`store/identity/member-numbers.ts`). */
export interface MemberNumberBackfillStore {
  backfillState(): Promise<MemberNumberBackfillState>;
  saveBackfillState(state: MemberNumberBackfillState): Promise<void>;
  /** Every community's id, in order (the public listing, pattern 5). */
  communityIds(): Promise<string[]>;
  /** One page (`limit` members) of a community's members by join time (pattern 9): their ids and numbers. */
  membersPage(
    communityId: string,
    limit: number,
    startKey?: Record<string, unknown>,
  ): Promise<{ items: { userId: string; memberNo?: number }[]; nextKey?: Record<string, unknown> }>;
  /**
   * Gives the member the community's next number if they still have none, in one transaction with the
   * counter (pattern 82): the number, or null when they have one already or are no member.
   */
  numberMember(communityId: string, userId: string): Promise<number | null>;
}

/** Members read per page of a community's listing. */
export const BACKFILL_MEMBERS_PER_PAGE = 100;
/** Pages per run of the backfill (at most 2,000 members numbered, one transaction each): the next run resumes. */
export const MEMBER_BACKFILL_PAGES_PER_RUN = 20;

/**
 * Numbers the members who have no number, community by community (in the order of their ids) and in
 * each by join time, so the longest-standing members of a community get the lowest of the numbers the
 * backfill gives (members who joined since the change have theirs already, so a community's numbers are
 * not in join order across the two). Its progress is kept (pattern 82c) after each page: a run that
 * stops (bounded by `maxPages`, or failing) is resumed by the next from there; once through every
 * community a run costs one read. Idempotent: a member is numbered only while they have no number, so
 * pages read twice and two runs at once give nobody two numbers and no number twice.
 */
export async function backfillMemberNumbers(
  store: MemberNumberBackfillStore,
  options: { maxPages?: number } = {},
): Promise<{ numbered: number; done: boolean }> {
  const state = await store.backfillState();
  if (state.done) return { numbered: 0, done: true };
  const maxPages = options.maxPages ?? MEMBER_BACKFILL_PAGES_PER_RUN;
  const communityIds = (await store.communityIds()).filter(
    (id) => state.communityId === undefined || id >= state.communityId,
  );
  let numbered = 0;
  let pages = 0;
  for (const [index, communityId] of communityIds.entries()) {
    let startKey = communityId === state.communityId ? state.startKey : undefined;
    do {
      if (pages >= maxPages) return { numbered, done: false };
      const page = await store.membersPage(communityId, BACKFILL_MEMBERS_PER_PAGE, startKey);
      pages += 1;
      for (const member of page.items) {
        if (member.memberNo === undefined && (await store.numberMember(communityId, member.userId)) !== null) {
          numbered += 1;
        }
      }
      startKey = page.nextKey;
      const next = communityIds[index + 1];
      await store.saveBackfillState(
        startKey
          ? { done: false, communityId, startKey }
          : next === undefined
            ? { done: true }
            : { done: false, communityId: next },
      );
    } while (startKey);
  }
  if (communityIds.length === 0) await store.saveBackfillState({ done: true });
  return { numbered, done: true };
}
