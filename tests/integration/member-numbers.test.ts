import { randomUUID } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { CLOSED_ACCOUNT_NAME, contracts, type MemberView } from '@linli/shared';
import {
  backfillMemberNumbers,
  type MemberNumberBackfillStore,
} from '../../functions/src/domain/identity/member-numbers';
import { handler as numberMembers } from '../../functions/src/jobs/number-members';
import { DynamoMemberNumberBackfillStore } from '../../functions/src/store/identity/member-number-backfill-store';
import { memberItem } from '../../functions/src/store/identity/identity-store';
import { keys } from '../../functions/src/store/keys';
import { documentClient, login, newUser, send } from '../support/api';
import { birthDateYearsAgo } from '../support/clock';
import { grantPoints } from '../support/timebank';
import { createCommunity, createMember, tableName } from '../support/factories';

/**
 * Issue 21: every member of a community has a short number (编号) to read out — 1001, 1002, … given in
 * the transaction that adds them, on every path that adds a member; numbers are unique and increasing
 * per community, never given twice (not when ten join at once, not after an account closes), and staff
 * find a member by theirs. Members added before numbers get theirs from a resumable backfill.
 * Over HTTP against the local stack (DynamoDB Local), but the backfill, run as its job runs it.
 */
type Person = { token: string; userId: string };

const join = (cid: string, person: Person) => send(contracts.joinCommunity, { params: { cid }, token: person.token });
const numberOf = async (cid: string, person: Person) =>
  (await send(contracts.getMe, { params: { cid }, token: person.token })).body.member.memberNo;
const search = async (cid: string, staff: Person, q: string) =>
  (await send(contracts.listMembers, { params: { cid }, token: staff.token, query: { q } })).body.items;

describe('member numbers: given when a member is added', () => {
  it('on joining: 1001, 1002, … in the order people join, shown on 我的; joining again keeps it', async () => {
    const { id: cid } = await createCommunity();
    const first = await newUser('first');
    const second = await newUser('second');

    const joined = await join(cid, first);
    const joinedSecond = await join(cid, second);
    const again = await join(cid, first);

    expect(joined.status).toBe(201);
    expect(joined.body.member.memberNo).toBe(1001);
    expect(joinedSecond.body.member.memberNo).toBe(1002);
    expect(again.status).toBe(200);
    expect(again.body.member.memberNo).toBe(1001);
    expect(await numberOf(cid, first)).toBe(1001);
    expect(await numberOf(cid, second)).toBe(1002);
  });

  it('per community: each counts from 1001 on its own, and one person has a number in each', async () => {
    const [{ id: east }, { id: west }] = await Promise.all([createCommunity(), createCommunity()]);
    const person = await newUser('both');
    const other = await newUser('west');

    await join(east, person);
    await join(west, other);
    await join(west, person);

    expect(await numberOf(east, person)).toBe(1001);
    expect(await numberOf(west, other)).toBe(1001);
    expect(await numberOf(west, person)).toBe(1002);
    const mine = await send(contracts.listMyCommunities, { token: person.token });
    expect(Object.fromEntries(mine.body.items.map((item) => [item.community.id, item.member.memberNo]))).toEqual({
      [east]: 1001,
      [west]: 1002,
    });
  });

  it('ten people joining at the same moment get ten different numbers, 1001 to 1010', async () => {
    const { id: cid } = await createCommunity();
    const people = await Promise.all(Array.from({ length: 10 }, (_, index) => newUser(`crowd${index}`)));

    const replies = await Promise.all(people.map((person) => join(cid, person)));

    expect(replies.map((reply) => reply.status)).toEqual(Array(10).fill(201));
    const numbers = replies.map((reply) => reply.body.member.memberNo!);
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, index) => 1001 + index));
    // Each is the number that member keeps.
    for (const [index, person] of people.entries()) expect(await numberOf(cid, person)).toBe(numbers[index]);
  });

  it('on accepting an invitation (staff, merchant, maker): a new member gets the next; a member keeps theirs', async () => {
    const { id: cid } = await createCommunity();
    const admin = await createMember(cid, ['admin', 'staff'], 'admin');
    const resident = await createMember(cid, ['resident'], 'resident');
    const invite = await send(contracts.createInvitation, {
      token: admin.token,
      params: { cid },
      body: { roles: ['staff', 'merchant', 'maker'], maxUses: 2 },
    });
    const newcomer = await newUser('invited');

    const accepted = await send(contracts.acceptInvitation, {
      token: newcomer.token,
      params: { code: invite.body.code },
    });
    const promoted = await send(contracts.acceptInvitation, {
      token: resident.token,
      params: { code: invite.body.code },
    });

    expect(await numberOf(cid, admin)).toBe(1001);
    expect(accepted.status).toBe(200);
    expect(accepted.body.member.memberNo).toBe(1003);
    expect(accepted.body.member.roles).toEqual(expect.arrayContaining(['staff', 'merchant', 'maker']));
    expect(promoted.body.member).toMatchObject({ memberNo: 1002 });
    expect(promoted.body.member.roles).toEqual(expect.arrayContaining(['resident', 'staff']));
    expect(await numberOf(cid, resident)).toBe(1002);
  });

  it('when staff register a resident without a phone, and when a guardian adds a child', async () => {
    const { id: cid } = await createCommunity();
    const staff = await createMember(cid, ['staff'], 'staff');
    const guardian = await createMember(cid, ['resident'], 'parent');

    const offline = await send(contracts.createOfflineMember, {
      params: { cid },
      token: staff.token,
      body: { displayName: '孙奶奶' },
    });
    const child = await send(contracts.addChild, {
      params: { cid },
      token: guardian.token,
      body: { displayName: '小明', birthDate: birthDateYearsAgo(9), guardianConsent: true },
    });

    expect(offline.status).toBe(201);
    expect(offline.body.member).toMatchObject({ offline: true, memberNo: 1003 });
    expect(child.status).toBe(201);
    expect(child.body.child).toMatchObject({ guardianId: guardian.userId, memberNo: 1004 });
    const children = await send(contracts.listMyChildren, { params: { cid }, token: guardian.token });
    expect(children.body.items.map((member) => member.memberNo)).toEqual([1004]);
  });

  it('when a platform operator names a new community’s first admin', async () => {
    const operator = await login('demo-platform', '平台运营');
    const cid = `mn-${randomUUID().slice(0, 8)}`;
    await send(contracts.createCommunity, {
      token: operator.token,
      body: { id: cid, name: '新社区', currencyName: '币' },
    });
    const openid = `first-admin-${cid}`;

    const named = await send(contracts.setCommunityAdmin, { token: operator.token, params: { cid }, body: { openid } });
    const admin = await login(openid);

    expect(named.status).toBe(200);
    expect(named.body.member.memberNo).toBe(1001);
    expect(await numberOf(cid, admin)).toBe(1001);
  });

  it('never gives a number twice: a closed account keeps its own, retired', async () => {
    const { id: cid } = await createCommunity();
    const staff = await createMember(cid, ['staff'], 'staff');
    const leaving = await newUser('leaving');
    await join(cid, leaving);

    const closed = await send(contracts.closeAccount, { token: leaving.token, body: { confirm: true } });
    const next = await newUser('next');
    const joined = await join(cid, next);

    expect(closed.status).toBe(200);
    expect(joined.body.member.memberNo).toBe(1003);
    // The closed member's record keeps 1002 (its name erased): nobody else is ever 1002 here.
    const found = await search(cid, staff, '1002');
    expect(found[0]).toMatchObject({ id: leaving.userId, memberNo: 1002 });
    expect(found[0]!.displayName).toBe(CLOSED_ACCOUNT_NAME);
  });

  it('is in the member’s own data export', async () => {
    const { id: cid } = await createCommunity();
    const person = await newUser('export');
    await join(cid, person);

    const exported = await send(contracts.getMyDataExport, { token: person.token });

    expect(exported.status).toBe(200);
    const community = exported.body.communities.find((item) => item.communityId === cid);
    expect(community?.membership).toMatchObject({ userId: person.userId, memberNo: 1001 });
  });
});

describe('member numbers: staff find a member by theirs', () => {
  it('finds the member by the exact number (1024, No. 1024, 编号 1024), and by name as before', async () => {
    const { id: cid } = await createCommunity();
    const staff = await createMember(cid, ['staff'], 'staff');
    const people: Person[] = [];
    for (let index = 0; index < 4; index += 1) {
      const person = await newUser(`find${index}`);
      await join(cid, person);
      people.push(person);
    }
    const wanted = people[2]!;
    const wantedNo = (await numberOf(cid, wanted))!;

    for (const q of [String(wantedNo), `No. ${wantedNo}`, `编号 ${wantedNo}`]) {
      const found = await search(cid, staff, q);
      expect(found.map((member: MemberView) => member.id)).toEqual([wanted.userId]);
    }
    expect(await search(cid, staff, '1999')).toEqual([]);
    // A name still finds by its part; the member id still finds exactly.
    const me = (await send(contracts.getMe, { params: { cid }, token: wanted.token })).body.member;
    expect((await search(cid, staff, me.displayName.slice(0, 6))).map((member) => member.id)).toContain(wanted.userId);
    expect((await search(cid, staff, wanted.userId)).map((member) => member.id)).toEqual([wanted.userId]);
  });

  it('lists each member with their number', async () => {
    const { id: cid } = await createCommunity();
    const staff = await createMember(cid, ['staff'], 'staff');
    await createMember(cid, ['resident'], 'resident');

    const listed = await send(contracts.listMembers, { params: { cid }, token: staff.token });

    expect(listed.body.items.map((member) => member.memberNo).sort()).toEqual([1001, 1002]);
  });
});

describe('member numbers: a neighbour reads theirs out to receive a gift', () => {
  it('gives points to the member with that number, not to oneself, not to a number nobody has', async () => {
    const { id: cid } = await createCommunity();
    const [giver, neighbour] = [await newUser('giver'), await newUser('neighbour')];
    await join(cid, giver);
    await join(cid, neighbour);
    await grantPoints(cid, giver.userId, 10);
    const gift = (body: Record<string, unknown>) =>
      send(contracts.giftPoints, { params: { cid }, token: giver.token, body: body as never });

    const given = await gift({ toMemberNo: 1002, points: 3 });
    const toSelf = await gift({ toMemberNo: 1001, points: 1 });
    const nobody = await gift({ toMemberNo: 1003, points: 1 });
    const both = await gift({ toMemberNo: 1002, toMemberId: neighbour.userId, points: 1 });

    expect(given.status).toBe(201);
    expect(given.body.to).toMatchObject({ kind: 'member', memberId: neighbour.userId });
    expect(given.body.balancePoints).toBe(7);
    expect(toSelf.status).toBe(400);
    expect((toSelf.body as unknown as { error: { code: string } }).error.code).toBe('ledger.gift_to_self');
    expect(nobody.status).toBe(404);
    expect(both.status).toBe(400);
    const neighbourMe = await send(contracts.getMe, { params: { cid }, token: neighbour.token });
    expect(neighbourMe.body.balancePoints).toBe(3);
  });
});

describe('member numbers: the backfill for members added before numbers', () => {
  const client = documentClient();

  /** A membership as the code before numbers wrote it: no `memberNo`, no counter. */
  async function earlierMember(communityId: string, index: number) {
    const userId = `early-${communityId}-${index}`;
    const joinedAt = new Date(Date.UTC(2024, 0, 1 + index)).toISOString();
    await client.send(
      new PutCommand({
        TableName: tableName(),
        Item: memberItem({ communityId, userId, roles: ['resident'], displayName: `老邻居${index}`, joinedAt }),
      }),
    );
    return userId;
  }

  /** The job's store, over only this test's communities (the table holds every other test's too). */
  function backfillStore(communityIds: string[]): MemberNumberBackfillStore {
    const store = new DynamoMemberNumberBackfillStore(client, tableName());
    return Object.assign(Object.create(store) as DynamoMemberNumberBackfillStore, {
      communityIds: async () => (await store.communityIds()).filter((id) => communityIds.includes(id)),
    });
  }

  /** The members' numbers as stored (undefined: none yet). */
  const numbersOf = async (communityId: string, userIds: string[]) =>
    Promise.all(
      userIds.map(async (userId) => {
        const { Item } = await client.send(
          new GetCommand({ TableName: tableName(), Key: keys.member(communityId, userId), ConsistentRead: true }),
        );
        return Item?.memberNo as number | undefined;
      }),
    );

  it('numbers them once, community by community, in join order after those numbered since; resumable', async () => {
    const [first, second] = (await Promise.all([createCommunity(), createCommunity()]))
      .map((community) => community.id)
      .sort();
    const early = await Promise.all([0, 1, 2].map((index) => earlierMember(first!, index)));
    const earlySecond = await Promise.all([0, 1].map((index) => earlierMember(second!, index)));
    // Someone joins after the change, before the backfill reaches the community: they are 1001.
    const staff = await createMember(first!, ['staff'], 'staff');
    await createMember(second!, ['staff'], 'staff');
    await client.send(new DeleteCommand({ TableName: tableName(), Key: keys.memberNumberBackfill() }));
    const store = backfillStore([first!, second!]);

    const runs = [await backfillMemberNumbers(store, { maxPages: 1 })];
    const afterFirstRun = await numbersOf(second!, earlySecond);
    runs.push(await backfillMemberNumbers(store, { maxPages: 1 }));
    runs.push(await backfillMemberNumbers(store, { maxPages: 1 }));

    expect(runs).toEqual([
      { numbered: 3, done: false },
      { numbered: 2, done: true },
      { numbered: 0, done: true },
    ]);
    // The first run stopped after the first community; the second resumed with the next.
    expect(afterFirstRun).toEqual([undefined, undefined]);
    expect(await numbersOf(first!, early)).toEqual([1002, 1003, 1004]);
    expect(await numbersOf(second!, earlySecond)).toEqual([1002, 1003]);
    expect(await numberOf(first!, staff)).toBe(1001);
    // Members added after the backfill go on from the counter it left.
    const late = await newUser('late');
    expect((await join(first!, late)).body.member.memberNo).toBe(1005);
    // By number, too.
    expect((await search(first!, staff, '1003')).map((member) => member.id)).toEqual([early[1]]);
    // Once through, the scheduled job finds nothing more to do.
    expect(await numberMembers()).toEqual({ numbered: 0, done: true });
  });

  it('run twice at once, gives each member one number and no number twice', async () => {
    const { id: cid } = await createCommunity();
    const early = await Promise.all([0, 1, 2, 3, 4].map((index) => earlierMember(cid, index)));
    await client.send(new DeleteCommand({ TableName: tableName(), Key: keys.memberNumberBackfill() }));
    const store = backfillStore([cid]);

    const runs = await Promise.all([backfillMemberNumbers(store), backfillMemberNumbers(store)]);

    expect(runs.reduce((total, run) => total + run.numbered, 0)).toBe(5);
    const numbers = await numbersOf(cid, early);
    expect([...numbers].sort()).toEqual([1001, 1002, 1003, 1004, 1005]);
  });
});
