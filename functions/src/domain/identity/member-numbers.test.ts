import { nextMemberNo } from '@linli/shared';
import {
  BACKFILL_MEMBERS_PER_PAGE,
  backfillMemberNumbers,
  type MemberNumberBackfillState,
  type MemberNumberBackfillStore,
} from './member-numbers';

/** Communities of members in join order (some numbered already), their counters, and the progress item. */
class FakeBackfillStore implements MemberNumberBackfillStore {
  state: MemberNumberBackfillState = { done: false };
  readonly last = new Map<string, number>();
  readonly writes: string[] = [];

  constructor(readonly members: Map<string, { userId: string; memberNo?: number }[]>) {}

  async backfillState() {
    return this.state;
  }
  async saveBackfillState(state: MemberNumberBackfillState) {
    this.state = state;
  }
  async communityIds() {
    return [...this.members.keys()].sort();
  }
  async membersPage(communityId: string, limit: number, startKey?: Record<string, unknown>) {
    const from = Number(startKey?.index ?? 0);
    const all = this.members.get(communityId) ?? [];
    const items = all.slice(from, from + limit).map((member) => ({ ...member }));
    return { items, ...(from + limit < all.length ? { nextKey: { index: from + limit } } : {}) };
  }
  async numberMember(communityId: string, userId: string) {
    const member = this.members.get(communityId)?.find((candidate) => candidate.userId === userId);
    if (!member || member.memberNo !== undefined) return null;
    member.memberNo = nextMemberNo(this.last.get(communityId));
    this.last.set(communityId, member.memberNo);
    this.writes.push(`${communityId}/${userId}`);
    return member.memberNo;
  }
}

const people = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, index) => ({ userId: `${prefix}${index}` }));

describe('the member-number backfill', () => {
  it('numbers the members without a number, community by community, each in join order', async () => {
    const store = new FakeBackfillStore(
      new Map([
        ['b-community', [{ userId: 'b0' }, { userId: 'b1', memberNo: 1001 }, { userId: 'b2' }]],
        ['a-community', people('a', 2)],
      ]),
    );
    store.last.set('b-community', 1001);

    expect(await backfillMemberNumbers(store)).toEqual({ numbered: 4, done: true });

    expect(store.members.get('a-community')).toEqual([
      { userId: 'a0', memberNo: 1001 },
      { userId: 'a1', memberNo: 1002 },
    ]);
    // b1 joined after the change and kept its number; the others come after it.
    expect(store.members.get('b-community')!.map((member) => member.memberNo)).toEqual([1002, 1001, 1003]);
    expect(store.state).toEqual({ done: true });
  });

  it('stops after maxPages and resumes where it stopped, numbering nobody twice', async () => {
    const store = new FakeBackfillStore(
      new Map([
        ['a', people('a', BACKFILL_MEMBERS_PER_PAGE + 5)],
        ['b', people('b', 3)],
      ]),
    );

    const runs = [];
    do runs.push(await backfillMemberNumbers(store, { maxPages: 1 }));
    while (!runs.at(-1)!.done);

    expect(runs).toEqual([
      { numbered: BACKFILL_MEMBERS_PER_PAGE, done: false },
      { numbered: 5, done: false },
      { numbered: 3, done: true },
    ]);
    expect(new Set(store.writes).size).toBe(store.writes.length);
    expect(store.members.get('a')!.at(-1)!.memberNo).toBe(1001 + BACKFILL_MEMBERS_PER_PAGE + 4);
    expect(await backfillMemberNumbers(store)).toEqual({ numbered: 0, done: true });
  });

  it('reads a page again after a run that failed before saving its progress, without a second number', async () => {
    const store = new FakeBackfillStore(new Map([['a', people('a', 3)]]));
    const save = store.saveBackfillState.bind(store);
    store.saveBackfillState = async () => {
      throw new Error('the Lambda ran out of time');
    };

    await expect(backfillMemberNumbers(store)).rejects.toThrow('ran out of time');
    store.saveBackfillState = save;

    expect(await backfillMemberNumbers(store)).toEqual({ numbered: 0, done: true });
    expect(store.members.get('a')!.map((member) => member.memberNo)).toEqual([1001, 1002, 1003]);
  });

  it('finishes at once on a platform without communities', async () => {
    const store = new FakeBackfillStore(new Map());

    expect(await backfillMemberNumbers(store)).toEqual({ numbered: 0, done: true });
    expect(store.state).toEqual({ done: true });
  });
});
