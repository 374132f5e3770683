import { randomUUID } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { CLOSED_ACCOUNT_NAME, contracts } from '@linli/shared';
import {
  backfillMemberNumbers,
  type MemberNumberBackfillStore,
} from '../../functions/src/domain/identity/member-numbers';
import { DynamoMemberNumberBackfillStore } from '../../functions/src/store/identity/member-number-backfill-store';
import { memberItem } from '../../functions/src/store/identity/identity-store';
import { keys } from '../../functions/src/store/keys';
import { documentClient, errorOf, newUser, send } from '../support/api';
import { birthDateYearsAgo, clearOfChinaBoundary } from '../support/clock';
import { grantPoints } from '../support/timebank';
import { createCommunity, createMember, tableName } from '../support/factories';

/**
 * Attack tests of member numbers (编号, issue 21): a resident guessing numbers, staff outside their
 * community, retries with one Idempotency-Key, crowds and the backfill at once, a join racing an
 * account closure. Over HTTP against the local stack; the backfill run as its job runs it.
 */
type Person = { token: string; userId: string };

const client = documentClient();
const join = (cid: string, person: Person) => send(contracts.joinCommunity, { params: { cid }, token: person.token });
const counterOf = async (cid: string) =>
  (await client.send(new GetCommand({ TableName: tableName(), Key: keys.memberNumbers(cid), ConsistentRead: true })))
    .Item?.lastNo as number | undefined;
const storedMember = async (cid: string, userId: string) =>
  (await client.send(new GetCommand({ TableName: tableName(), Key: keys.member(cid, userId), ConsistentRead: true })))
    .Item;
const ascending = (numbers: number[]) => [...numbers].sort((a, b) => a - b);
const range = (from: number, count: number) => Array.from({ length: count }, (_, index) => from + index);

describe('attack: a resident gives points by number', () => {
  it('cannot walk the numbers to collect names: the 21st gift within the hour is 429, nothing given', async () => {
    // The limit counts in clock hours: the test runs inside one.
    await clearOfChinaBoundary('hour', 30_000);
    const { id: cid } = await createCommunity();
    const giver = await newUser('walker');
    await join(cid, giver);
    for (let index = 0; index < 3; index += 1) await join(cid, await newUser('walked'));
    await grantPoints(cid, giver.userId, 30);
    const replies = [];
    for (let index = 0; index < 21; index += 1)
      replies.push(
        await send(contracts.giftPoints, {
          params: { cid },
          token: giver.token,
          body: { toMemberNo: 1002 + (index % 3), points: 1 },
        }),
      );

    expect(replies.slice(0, 20).map((reply) => reply.status)).toEqual(Array(20).fill(201));
    expect(replies[20]!.status).toBe(429);
    expect(errorOf(replies[20]!)?.code).toBe('rate.limited');
    expect(JSON.stringify(replies[20]!.body)).not.toMatch(/walked-/);
    const me = await send(contracts.getMe, { params: { cid }, token: giver.token });
    expect(me.body.balancePoints).toBe(10);
  });

  it('cannot give to a closed account’s number (or id): the points would be lost to a tombstone', async () => {
    const { id: cid } = await createCommunity();
    const giver = await newUser('giver');
    const leaving = await newUser('leaving');
    await join(cid, giver);
    await join(cid, leaving);
    await grantPoints(cid, giver.userId, 10);
    const closed = await send(contracts.closeAccount, { token: leaving.token, body: { confirm: true } });
    expect(closed.status).toBe(200);

    const byNumber = await send(contracts.giftPoints, {
      params: { cid },
      token: giver.token,
      body: { toMemberNo: 1002, points: 3 },
    });
    const byId = await send(contracts.giftPoints, {
      params: { cid },
      token: giver.token,
      body: { toMemberId: leaving.userId, points: 3 },
    });

    expect([byNumber.status, byId.status]).toEqual([404, 404]);
    expect(errorOf(byNumber)?.code).toBe('member.not_found');
    const me = await send(contracts.getMe, { params: { cid }, token: giver.token });
    expect(me.body.balancePoints).toBe(10);
  });

  it('a number in another community is not a member here; the route of a community one is not in is 403', async () => {
    const [{ id: east }, { id: west }] = await Promise.all([createCommunity(), createCommunity()]);
    const giver = await newUser('giver');
    const westerner = await newUser('west');
    await join(east, giver);
    await join(west, await newUser('west-first'));
    await join(west, westerner); // 1002 in west; east has only 1001
    await grantPoints(east, giver.userId, 10);

    const here = await send(contracts.giftPoints, {
      params: { cid: east },
      token: giver.token,
      body: { toMemberNo: 1002, points: 1 },
    });
    const there = await send(contracts.giftPoints, {
      params: { cid: west },
      token: giver.token,
      body: { toMemberNo: 1002, points: 1 },
    });

    expect(here.status).toBe(404);
    expect(there.status).toBe(403);
  });

  it('a resident cannot look members up by number (the member search is the office’s)', async () => {
    const { id: cid } = await createCommunity();
    const resident = await createMember(cid, ['resident'], 'resident');
    await createMember(cid, ['resident'], 'neighbour');

    const found = await send(contracts.listMembers, { params: { cid }, token: resident.token, query: { q: '1002' } });

    expect(found.status).toBe(403);
  });
});

describe('attack: staff and numbers of another community', () => {
  it('staff of one community cannot search another by number; their own search does not find the other’s member', async () => {
    const [{ id: east }, { id: west }] = await Promise.all([createCommunity(), createCommunity()]);
    const staff = await createMember(east, ['staff'], 'staff'); // east 1001
    const westerner = await createMember(west, ['resident'], 'west'); // west 1001
    await createMember(west, ['resident'], 'west2'); // west 1002

    const there = await send(contracts.listMembers, {
      params: { cid: west },
      token: staff.token,
      query: { q: '1002' },
    });
    const here = await send(contracts.listMembers, { params: { cid: east }, token: staff.token, query: { q: '1002' } });
    const mine = await send(contracts.listMembers, { params: { cid: east }, token: staff.token, query: { q: '1001' } });

    expect(there.status).toBe(403);
    expect(here.body.items).toEqual([]);
    expect(mine.body.items.map((member) => member.id)).toEqual([staff.userId]);
    expect(mine.body.items.map((member) => member.id)).not.toContain(westerner.userId);
  });
});

describe('attack: a number as staff type it on a Chinese keyboard', () => {
  it('finds the member by 编号：1024 (full-width colon), 编号:1024 and full-width digits (１０２４)', async () => {
    const { id: cid } = await createCommunity();
    const staff = await createMember(cid, ['staff'], 'staff'); // 1001
    const wanted = await createMember(cid, ['resident'], 'wanted'); // 1002

    const found: Record<string, string[]> = {};
    for (const q of ['编号：1002', '编号:1002', '１００２', 'Ｎｏ．１００２', '№1002']) {
      const reply = await send(contracts.listMembers, { params: { cid }, token: staff.token, query: { q } });
      found[q] = reply.body.items.map((member) => member.id);
    }

    expect(found).toEqual({
      '编号：1002': [wanted.userId],
      '编号:1002': [wanted.userId],
      '１００２': [wanted.userId],
      'Ｎｏ．１００２': [wanted.userId],
      '№1002': [wanted.userId],
    });
  });
});

describe('attack: a retry with the same Idempotency-Key gives one number', () => {
  it('staff registering an offline resident twice with one key: one member, one number; the next is the next', async () => {
    const { id: cid } = await createCommunity();
    const staff = await createMember(cid, ['staff'], 'staff');
    const key = `offline-${randomUUID()}`;
    const register = () =>
      send(contracts.createOfflineMember, {
        params: { cid },
        token: staff.token,
        headers: { 'idempotency-key': key },
        body: { displayName: '孙奶奶' },
      });

    const first = await register();
    const again = await register();
    const atOnce = await Promise.all([register(), register(), register()]);

    expect(first.status).toBe(201);
    expect(again.body.member).toEqual(first.body.member);
    for (const reply of atOnce) expect(reply.body.member).toEqual(first.body.member);
    expect(first.body.member.memberNo).toBe(1002);
    expect(await counterOf(cid)).toBe(1002);
    const next = await newUser('next');
    expect((await join(cid, next)).body.member.memberNo).toBe(1003);
  });

  it('a guardian adding a child twice at once with one key: one child, one number', async () => {
    const { id: cid } = await createCommunity();
    const guardian = await createMember(cid, ['resident'], 'parent');
    const key = `child-${randomUUID()}`;
    const add = () =>
      send(contracts.addChild, {
        params: { cid },
        token: guardian.token,
        headers: { 'idempotency-key': key },
        body: { displayName: '小明', birthDate: birthDateYearsAgo(9), guardianConsent: true },
      });

    const replies = await Promise.all([add(), add(), add()]);
    const again = await add();

    const succeeded = [...replies, again].filter((reply) => reply.status === 201);
    expect(succeeded.length).toBeGreaterThan(0);
    for (const reply of succeeded) expect(reply.body.child.memberNo).toBe(1002);
    const children = await send(contracts.listMyChildren, { params: { cid }, token: guardian.token });
    expect(children.body.items.map((child) => child.memberNo)).toEqual([1002]);
    expect(await counterOf(cid)).toBe(1002);
  });

  it('a join retried with one key, at once: one number', async () => {
    const { id: cid } = await createCommunity();
    const person = await newUser('retry');
    const key = `join-${randomUUID()}`;
    const attempt = () =>
      send(contracts.joinCommunity, { params: { cid }, token: person.token, headers: { 'idempotency-key': key } });

    const replies = await Promise.all([attempt(), attempt(), attempt()]);

    for (const reply of replies.filter((reply) => reply.status < 300)) expect(reply.body.member.memberNo).toBe(1001);
    expect(await counterOf(cid)).toBe(1001);
  });
});

describe('attack: crowds', () => {
  it('thirty people joining at the same moment (a QR code on the notice board at a gathering) all get a number', async () => {
    const { id: cid } = await createCommunity();
    const people = await Promise.all(range(0, 30).map((index) => newUser(`crowd${index}`)));

    const replies = await Promise.all(people.map((person) => join(cid, person)));

    expect(replies.map((reply) => reply.status)).toEqual(Array(30).fill(201));
    expect(ascending(replies.map((reply) => reply.body.member.memberNo!))).toEqual(range(1001, 30));
    expect(await counterOf(cid)).toBe(1030);
  });
});

describe('attack: the backfill', () => {
  /** A membership as the code before numbers wrote it: no `memberNo`. */
  async function earlierMember(communityId: string, index: number, joinedAt?: string) {
    const userId = `early-${communityId}-${index}`;
    await client.send(
      new PutCommand({
        TableName: tableName(),
        Item: memberItem({
          communityId,
          userId,
          roles: ['resident'],
          displayName: `老邻居${index}`,
          joinedAt: joinedAt ?? new Date(Date.UTC(2024, 0, 1, 0, 0, index)).toISOString(),
        }),
      }),
    );
    return userId;
  }

  function backfillStore(communityIds: string[]): MemberNumberBackfillStore {
    const store = new DynamoMemberNumberBackfillStore(client, tableName());
    return Object.assign(Object.create(store) as DynamoMemberNumberBackfillStore, {
      communityIds: async () => (await store.communityIds()).filter((id) => communityIds.includes(id)),
    });
  }

  const storedNumbers = async (cid: string, userIds: string[]) =>
    Promise.all(userIds.map(async (userId) => (await storedMember(cid, userId))?.memberNo as number | undefined));

  it('joins while the backfill runs: every member one number, none twice, the counter at the highest', async () => {
    const { id: cid } = await createCommunity();
    const early = await Promise.all(range(0, 40).map((index) => earlierMember(cid, index)));
    const people = await Promise.all(range(0, 10).map((index) => newUser(`during${index}`)));
    await client.send(new DeleteCommand({ TableName: tableName(), Key: keys.memberNumberBackfill() }));
    const store = backfillStore([cid]);

    const [backfill, replies] = await Promise.all([
      backfillMemberNumbers(store),
      Promise.all(people.map((person) => join(cid, person))),
    ]);

    expect(backfill.numbered).toBe(40);
    expect(replies.map((reply) => reply.status)).toEqual(Array(10).fill(201));
    const all = [...(await storedNumbers(cid, early)), ...replies.map((reply) => reply.body.member.memberNo)];
    expect(ascending(all as number[])).toEqual(range(1001, 50));
    expect(await counterOf(cid)).toBe(1050);
  });

  it('interrupted half-way through a page, then run again: nobody numbered twice, nobody left out', async () => {
    const { id: cid } = await createCommunity();
    const early = await Promise.all(range(0, 7).map((index) => earlierMember(cid, index)));
    await client.send(new DeleteCommand({ TableName: tableName(), Key: keys.memberNumberBackfill() }));
    const store = backfillStore([cid]);
    let calls = 0;
    const failing = Object.assign(Object.create(store) as MemberNumberBackfillStore, {
      numberMember: async (communityId: string, userId: string) => {
        calls += 1;
        if (calls === 4) throw new Error('Lambda timed out');
        return store.numberMember(communityId, userId);
      },
    });

    await expect(backfillMemberNumbers(failing)).rejects.toThrow('Lambda timed out');
    const resumed = await backfillMemberNumbers(store);

    expect(resumed).toEqual({ numbered: 4, done: true });
    expect(await storedNumbers(cid, early)).toEqual(range(1001, 7));
  });

  it('a member closed before the backfill reaches them keeps their record closed and gets a retired number', async () => {
    const { id: cid } = await createCommunity();
    const early = await earlierMember(cid, 0);
    await client.send(new DeleteCommand({ TableName: tableName(), Key: keys.memberNumberBackfill() }));
    await client.send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...memberItem({
            communityId: cid,
            userId: early,
            roles: ['resident'],
            displayName: CLOSED_ACCOUNT_NAME,
            joinedAt: '2024-01-01T00:00:00.000Z',
          }),
          closedAt: '2024-06-01T00:00:00.000Z',
        },
      }),
    );

    await backfillMemberNumbers(backfillStore([cid]));

    const stored = await storedMember(cid, early);
    expect(stored).toMatchObject({
      memberNo: 1001,
      displayName: CLOSED_ACCOUNT_NAME,
      closedAt: '2024-06-01T00:00:00.000Z',
    });
  });
});

/**
 * Left failing (not a small fix): `closeAccount` lists the caller's memberships first, then erases each
 * (names, points, board entries — seconds for a long-standing member) and tombstones the user last. A
 * join (or a child added, or an invitation accepted) that lands in between is given a number and a
 * membership under the person's name that nothing erases: after the closure the record keeps its name,
 * roles and number, with no `closedAt` — PIPL Art. 47 erasure incomplete. A fix: the join's transaction
 * checks the user record is not closing (a `closingAt` mark set before the listing), or the closure lists
 * the memberships again after the tombstone and erases those too.
 */
describe('attack: a join racing an account closure', () => {
  it('a join made while the account is closing leaves no a live, named membership with a number behind the tombstone', async () => {
    const [{ id: old }, { id: other }] = await Promise.all([createCommunity(), createCommunity()]);
    const person = await newUser('closing');
    // A member since 1995: the closure erases the name from every month's board since, which takes a while.
    await client.send(
      new PutCommand({
        TableName: tableName(),
        Item: memberItem({
          communityId: old,
          userId: person.userId,
          roles: ['resident'],
          displayName: '王大爷',
          joinedAt: '1995-01-01T00:00:00.000Z',
        }),
      }),
    );

    const closing = send(contracts.closeAccount, { token: person.token, body: { confirm: true } });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const joined = await join(other, person);
    const closed = await closing;

    expect(closed.status).toBe(200);
    // Either the join is refused, or the closure erases the membership it made.
    const left = await storedMember(other, person.userId);
    if (joined.status === 201) expect(left).toMatchObject({ displayName: CLOSED_ACCOUNT_NAME });
    else expect(left).toBeUndefined();
  });
});
