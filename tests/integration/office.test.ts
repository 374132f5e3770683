import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  addMonths,
  contracts,
  dayOf,
  monthOf,
  startOfMonth,
  type AuditQuery,
  type GiftPointsRequest,
  type Good,
  type MerchantDetail,
  type StatsQuery,
  type StatsResponse,
} from '@linli/shared';
import { handler as expirePoints } from '../../functions/src/jobs/expire-points';
import { documentClient, send } from '../support/api';
import { clearOfChinaBoundary } from '../support/clock';
import { createMember, tableName } from '../support/factories';
import { createActivityNow, grantPoints, me, officeClaim, timebankCommunity } from '../support/timebank';

type Person = { token: string; userId: string };

const stats = (cid: string, person: Person, query: StatsQuery = {}) =>
  send(contracts.getStats, { params: { cid }, query, token: person.token });
const thisMonth = () => monthOf(new Date());
/** Tests that count "this month" run inside one China-time month (see clearOfChinaBoundary). */
const insideOneMonth = () => beforeEach(() => clearOfChinaBoundary('month', 50_000), 60_000);
const monthRow = (reply: { body: StatsResponse }, month = thisMonth()) =>
  reply.body.months.find((row) => row.month === month)!;
const inbox = async (person: Person) => (await send(contracts.listMyNotifications, { token: person.token })).body.items;
const audit = (cid: string, person: Person, query: AuditQuery = {}) =>
  send(contracts.listAudit, { params: { cid }, query, token: person.token });

async function approvedClaim(cid: string, staff: Person, approver: Person, memberId: string, minutes: number) {
  const activity = await createActivityNow(cid, staff.token);
  const claim = await officeClaim(cid, activity.id, staff.token, memberId, minutes);
  const approved = await send(contracts.approveClaim, { params: { cid, claimId: claim.id }, token: approver.token });
  return { activity, claim, approved };
}

async function activeMerchant(cid: string, owner: Person, staff: Person): Promise<MerchantDetail> {
  const applied = await send(contracts.submitMerchantApplication, {
    params: { cid },
    token: owner.token,
    body: {
      name: '王记面馆',
      licenceNumber: '91510100MA6ABC1234',
      category: 'food',
      address: '邻里路 1 号',
      offer: { description: '凭志愿者证 8 折', pricePercent: 80 },
    },
  });
  return (
    await send(contracts.approveMerchantApplication, { params: { cid, id: applied.body.id }, token: staff.token })
  ).body.merchant;
}

async function stockedGood(cid: string, staff: Person): Promise<Good> {
  return (
    await send(contracts.createGood, {
      params: { cid },
      token: staff.token,
      body: { name: '小米 1kg', pricePoints: 2, stock: 5, valueFen: 1500 },
    })
  ).body;
}

describe('statistics', () => {
  insideOneMonth();

  it('counts every kind of activity in the month, from counters written with each action', async () => {
    const { cid, staff, otherStaff, admin, resident } = await timebankCommunity();
    const owner = await createMember(cid, ['resident'], 'owner');
    const maker = await createMember(cid, ['maker'], 'maker');

    const empty = await stats(cid, staff);
    // 3 hours → 3 points, which reaches the certificate threshold
    const { claim } = await approvedClaim(cid, staff, otherStaff, resident.userId, 180);
    const replay = await send(contracts.approveClaim, { params: { cid, claimId: claim.id }, token: admin.token });
    const good = await stockedGood(cid, staff);
    await send(contracts.redeem, { params: { cid }, token: resident.token, body: { goodId: good.id, quantity: 1 } });
    const merchant = await activeMerchant(cid, owner, staff);
    const pass = (await send(contracts.getCertificatePass, { params: { cid }, token: resident.token })).body.token;
    const verified = await send(contracts.verifyPass, {
      params: { cid, mid: merchant.id },
      token: owner.token,
      body: { token: pass, billFen: 4200 },
    });
    const product = await send(contracts.createProduct, {
      params: { cid },
      token: maker.token,
      body: { title: '手工草帽', description: '麦秆编织', priceFen: 15000, stock: 3 },
    });
    await send(contracts.approveProduct, { params: { cid, pid: product.body.id }, token: staff.token });
    const ordered = await send(contracts.createOrder, {
      params: { cid },
      token: resident.token,
      body: { items: [{ productId: product.body.id, quantity: 1 }] },
    });
    await send(contracts.devPayOrder, { params: { cid, oid: ordered.body.id }, token: resident.token });
    await send(contracts.recordFundIncome, {
      params: { cid },
      token: staff.token,
      body: { kind: 'stall', amountFen: 5000, description: '公益市集' },
    });
    const after = await stats(cid, staff);

    expect(empty.status).toBe(200);
    expect(empty.body.months).toHaveLength(12);
    expect(monthRow(empty)).toMatchObject({ activities: 0, volunteerVisits: 0, pointsIssued: 0 });
    expect(replay.status).toBe(409);
    expect(verified.status).toBe(200);
    expect(after.status).toBe(200);
    expect(monthRow(after)).toMatchObject({
      activities: 1,
      volunteerVisits: 1,
      distinctVolunteers: 1,
      volunteerMinutes: 180,
      pointsIssued: 3,
      pointsRedeemed: 2,
      pointsOutstanding: 1,
      certificatesIssued: 1,
      discountUses: 1,
      merchantsGivingDiscounts: 1,
      exchanges: 1,
      exchangeValueFen: 1500,
      shopOrders: 1,
      shopSalesFen: 15000,
      // 20 % of the sale + the stall
      fundIncomeFen: 3000 + 5000,
      fundExpenseFen: 0,
      fundBalanceFen: 8000,
    });
    expect(after.body.current).toEqual({
      members: 7,
      pointsOutstanding: 1,
      activeCertificates: 1,
      activeMerchants: 1,
      fundBalanceFen: 8000,
      // the recording queue: every claim was decided
      pendingClaims: 0,
      overdueClaims: 0,
    });
  });

  it('takes a month range, refuses a bad one, and is for the office only', async () => {
    const { cid, staff, resident } = await timebankCommunity();
    const month = thisMonth();
    const ranged = await stats(cid, staff, { from: addMonths(month, -2), to: month });
    const backwards = await stats(cid, staff, { from: month, to: addMonths(month, -1) });
    const malformed = await stats(cid, staff, { from: '2026-13' });
    const byResident = await stats(cid, resident);

    expect(ranged.body.months.map((row) => row.month)).toEqual([addMonths(month, -2), addMonths(month, -1), month]);
    expect(backwards).toMatchObject({ status: 400, body: { error: { code: 'stats.range_invalid' } } });
    expect(malformed).toMatchObject({ status: 400, body: { error: { code: 'request.validation_failed' } } });
    expect(byResident).toMatchObject({ status: 403, body: { error: { code: 'auth.forbidden' } } });
  });
});

describe('audit log', () => {
  beforeEach(() => clearOfChinaBoundary('day', 30_000), 40_000);

  it('answers "who approved this?" with before and after, written in the same transaction as the action', async () => {
    const { cid, staff, otherStaff, admin, resident } = await timebankCommunity();
    const { claim, approved } = await approvedClaim(cid, staff, otherStaff, resident.userId, 60);
    await send(contracts.approveClaim, { params: { cid, claimId: claim.id }, token: admin.token });

    const forClaim = await audit(cid, admin, { objectType: 'claim', objectId: claim.id });
    const byActor = await audit(cid, admin, { actorId: otherStaff.userId });
    const byAction = await audit(cid, admin, { action: 'activity.create' });
    const today = dayOf(new Date());
    const inRange = await audit(cid, admin, { from: today, to: today });
    const beforeRange = await audit(cid, admin, { from: '2020-01-01', to: '2020-01-31' });
    const byStaff = await audit(cid, staff);
    const objectWithoutType = await audit(cid, admin, { objectId: claim.id });

    expect(approved.status).toBe(200);
    const actions = forClaim.body.items.map((entry) => entry.action).sort();
    // the refused second approval left nothing behind
    expect(actions).toEqual(['claim.approve', 'claim.office_entry']);
    const approval = forClaim.body.items.find((entry) => entry.action === 'claim.approve')!;
    expect(approval).toMatchObject({
      actorId: otherStaff.userId,
      objectType: 'claim',
      objectId: claim.id,
      before: { status: 'pending', memberId: resident.userId },
      after: { status: 'approved', decidedBy: otherStaff.userId },
    });
    expect(approval.actorName).toMatch(/^staff2-/);
    expect(byActor.body.items.map((entry) => entry.action)).toEqual(['claim.approve']);
    expect(byAction.body.items).toHaveLength(1);
    expect(byAction.body.items[0]).toMatchObject({ actorId: staff.userId, objectType: 'activity' });
    expect(inRange.body.items.length).toBeGreaterThanOrEqual(3);
    expect(beforeRange.body.items).toEqual([]);
    expect(byStaff.status).toBe(403);
    expect(objectWithoutType.status).toBe(400);
  });
});

describe('notifications', () => {
  it('tells the resident about claims, certificates, redemptions, orders and complaints', async () => {
    const { cid, staff, otherStaff, resident } = await timebankCommunity();
    const owner = await createMember(cid, ['resident'], 'owner');
    await approvedClaim(cid, staff, otherStaff, resident.userId, 180);
    const rejectedClaim = await officeClaim(
      cid,
      (await createActivityNow(cid, staff.token)).id,
      staff.token,
      resident.userId,
      30,
    );
    await send(contracts.rejectClaim, {
      params: { cid, claimId: rejectedClaim.id },
      token: otherStaff.token,
      body: { reason: '当天未到场' },
    });
    const good = await stockedGood(cid, staff);
    const redemption = await send(contracts.redeem, {
      params: { cid },
      token: resident.token,
      body: { goodId: good.id, quantity: 1 },
    });
    const merchant = await activeMerchant(cid, owner, staff);
    const complaint = await send(contracts.fileComplaint, {
      params: { cid, mid: merchant.id },
      token: resident.token,
      body: { description: '拒绝给志愿者打折' },
    });
    await send(contracts.resolveComplaint, {
      params: { cid, complaintId: complaint.body.id },
      token: staff.token,
      body: { outcome: 'warn', note: '已约谈店主' },
    });
    await send(contracts.revokeCertificate, {
      params: { cid, memberId: resident.userId },
      token: staff.token,
      body: { reason: '借给他人使用' },
    });

    const items = await inbox(resident);
    const kinds = items.map((item) => item.kind);

    expect(kinds.filter((kind) => kind === 'claim_decided')).toHaveLength(2);
    expect(kinds).toEqual(
      expect.arrayContaining(['certificate_issued', 'redemption_ready', 'complaint_resolved', 'certificate_revoked']),
    );
    expect(items.find((item) => item.kind === 'redemption_ready')?.body).toContain(redemption.body.pickupCode);
    expect(items.find((item) => item.title === '服务时长未通过')?.body).toContain('当天未到场');
    expect(items.every((item) => item.communityId === cid && item.push === undefined)).toBe(true);
  });
});

describe('points policies', () => {
  insideOneMonth();

  it('caps the points a member may earn in a month, in the approval transaction', async () => {
    const { cid, staff, otherStaff, admin, resident } = await timebankCommunity();
    const set = await send(contracts.updateCommunity, {
      params: { cid },
      token: admin.token,
      body: { rules: { monthlyCapPoints: 3 } },
    });
    const first = await approvedClaim(cid, staff, otherStaff, resident.userId, 180);
    const over = await approvedClaim(cid, staff, otherStaff, resident.userId, 60);
    const claimAfter = await send(contracts.listClaims, {
      params: { cid },
      query: { status: 'pending' },
      token: staff.token,
    });

    expect(set.status).toBe(200);
    expect(first.approved.status).toBe(200);
    expect(over.approved).toMatchObject({ status: 409, body: { error: { code: 'ledger.monthly_cap_reached' } } });
    expect(claimAfter.body.items.map((claim) => claim.id)).toContain(over.claim.id);
    expect((await me(cid, resident.token)).balancePoints).toBe(3);
  });

  it('lets members give points to each other or to the community pool, never more than they have', async () => {
    const { cid, staff, resident } = await timebankCommunity();
    const neighbour = await createMember(cid, ['resident'], 'neighbour');
    const outsider = await createMember((await timebankCommunity()).cid, ['resident'], 'outsider');
    await grantPoints(cid, resident.userId, 10);
    const gift = (body: GiftPointsRequest, key?: string) =>
      send(contracts.giftPoints, {
        params: { cid },
        token: resident.token,
        body,
        headers: key ? { 'idempotency-key': key } : {},
      });

    const toNeighbour = await gift({ toMemberId: neighbour.userId, points: 4, memo: '谢谢帮忙' }, 'gift-key-0001');
    const retried = await gift({ toMemberId: neighbour.userId, points: 4, memo: '谢谢帮忙' }, 'gift-key-0001');
    const toPool = await gift({ toPool: true, points: 5 });
    const tooMuch = await gift({ toPool: true, points: 2 });
    const toSelf = await gift({ toMemberId: resident.userId, points: 1 });
    const both = await gift({ toMemberId: neighbour.userId, toPool: true, points: 1 });
    const stranger = await gift({ toMemberId: outsider.userId, points: 1 });
    const negative = await gift({ toPool: true, points: -3 });
    const monthly = await stats(cid, staff);

    expect(toNeighbour).toMatchObject({
      status: 201,
      body: { points: 4, to: { kind: 'member', memberId: neighbour.userId }, balancePoints: 6 },
    });
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    expect(toPool).toMatchObject({ status: 201, body: { to: { kind: 'pool' }, balancePoints: 1 } });
    expect(tooMuch).toMatchObject({ status: 409, body: { error: { code: 'ledger.insufficient_funds' } } });
    expect(toSelf).toMatchObject({ status: 400, body: { error: { code: 'ledger.gift_to_self' } } });
    expect(both.status).toBe(400);
    expect(stranger.status).toBe(404);
    expect(negative.status).toBe(400);
    expect((await me(cid, resident.token)).balancePoints).toBe(1);
    expect((await me(cid, neighbour.token)).balancePoints).toBe(4);
    expect((await inbox(neighbour)).map((item) => item.kind)).toContain('points_received');
    expect(monthRow(monthly)).toMatchObject({ pointsGifted: 9, pointsOutstanding: 10 - 5 });
  });

  it('warns before points lapse and expires them once, oldest lots first', async () => {
    const { cid, staff, otherStaff, admin, resident } = await timebankCommunity();
    await send(contracts.updateCommunity, {
      params: { cid },
      token: admin.token,
      body: { rules: { pointsExpiry: { mode: 'after_months', months: 1 }, expiryNoticeDays: 15 } },
    });
    await approvedClaim(cid, staff, otherStaff, resident.userId, 240); // 4 points earned this month
    await send(contracts.giftPoints, { params: { cid }, token: resident.token, body: { toPool: true, points: 1 } });
    const month = thisMonth();
    // points of this month lapse when month+2 begins; the notice goes out 15 days before
    const lapseAt = Date.parse(startOfMonth(addMonths(month, 2)));
    const noticeDay = new Date(lapseAt - 10 * 86_400_000).toISOString();
    const tooEarly = new Date(lapseAt - 40 * 86_400_000).toISOString();
    const dayAfter = new Date(lapseAt + 86_400_000).toISOString();

    await expirePoints({ now: tooEarly });
    const quietInbox = (await inbox(resident)).filter((item) => item.kind === 'points_expiring');
    await expirePoints({ now: noticeDay });
    await expirePoints({ now: noticeDay });
    const warned = (await inbox(resident)).filter((item) => item.kind === 'points_expiring');
    const balanceBefore = (await me(cid, resident.token)).balancePoints;
    const first = await expirePoints({ now: dayAfter });
    const second = await expirePoints({ now: dayAfter });
    const balanceAfter = (await me(cid, resident.token)).balancePoints;
    const expiredStats = await stats(cid, staff, { from: month, to: addMonths(month, 2) });

    expect(quietInbox).toEqual([]);
    expect(warned).toHaveLength(1);
    expect(warned[0]!.title).toContain('3');
    expect(balanceBefore).toBe(3);
    expect(first.reports.find((report) => report.communityId === cid)).toMatchObject({
      expiredMembers: 1,
      expiredPoints: 3,
    });
    expect(second.reports.find((report) => report.communityId === cid)).toMatchObject({ expiredPoints: 0 });
    expect(balanceAfter).toBe(0);
    expect((await inbox(resident)).map((item) => item.kind)).toContain('points_expired');
    expect(monthRow(expiredStats, addMonths(month, 2))).toMatchObject({ pointsExpired: 3, pointsOutstanding: 0 });
  });

  it('shows the month’s volunteers and lets the office recognise the outstanding ones', async () => {
    const { cid, staff, otherStaff, resident } = await timebankCommunity();
    const quiet = await createMember(cid, ['resident'], 'quiet');
    const busy = await createMember(cid, ['resident'], 'busy');
    await approvedClaim(cid, staff, otherStaff, resident.userId, 90);
    await approvedClaim(cid, staff, otherStaff, busy.userId, 240);
    const month = thisMonth();

    const page = await send(contracts.getRecognition, { params: { cid }, query: { month }, token: resident.token });
    const notVolunteer = await send(contracts.recognize, {
      params: { cid },
      token: staff.token,
      body: { month, memberIds: [quiet.userId], citation: '热心肠' },
    });
    const byResident = await send(contracts.recognize, {
      params: { cid },
      token: resident.token,
      body: { month, memberIds: [busy.userId], citation: '热心肠' },
    });
    const recognised = await send(contracts.recognize, {
      params: { cid },
      token: staff.token,
      body: { month, memberIds: [busy.userId], citation: '风雨无阻，照顾独居老人' },
    });
    const after = await send(contracts.getRecognition, { params: { cid }, query: { month }, token: quiet.token });

    expect(page.body.candidates.map((candidate) => [candidate.memberId, candidate.volunteerMinutes])).toEqual([
      [busy.userId, 240],
      [resident.userId, 90],
    ]);
    expect(notVolunteer).toMatchObject({ status: 409, body: { error: { code: 'recognition.not_a_volunteer' } } });
    expect(byResident.status).toBe(403);
    expect(recognised.status).toBe(201);
    expect(after.body.recognized).toMatchObject([
      { memberId: busy.userId, citation: '风雨无阻，照顾独居老人', volunteerMinutes: 240 },
    ]);
    expect((await inbox(busy)).map((item) => item.kind)).toContain('recognized');
  });
});

describe('proxies for residents without a phone', () => {
  it('a family member acts for the resident; every proxy action is marked in the audit log', async () => {
    const { cid, staff, admin } = await timebankCommunity();
    const daughter = await createMember(cid, ['resident'], 'daughter');
    const stranger = await createMember(cid, ['resident'], 'stranger');

    const registered = await send(contracts.createOfflineMember, {
      params: { cid },
      token: staff.token,
      body: { displayName: '张阿姨', phone: '028-8888 1234' },
    });
    const grandma = registered.body.member.id;
    const byStranger = await send(contracts.createProxy, {
      params: { cid },
      token: stranger.token,
      body: { residentId: grandma, proxyId: stranger.userId },
    });
    const relation = await send(contracts.createProxy, {
      params: { cid },
      token: staff.token,
      body: { residentId: grandma, proxyId: daughter.userId },
    });
    const twice = await send(contracts.createProxy, {
      params: { cid },
      token: staff.token,
      body: { residentId: grandma, proxyId: daughter.userId },
    });
    await grantPoints(cid, grandma, 5);
    const good = await stockedGood(cid, staff);
    const actFor = (person: Person, residentId = grandma) => ({
      token: person.token,
      headers: { 'x-act-for': residentId },
    });

    const asGrandma = await send(contracts.getMe, { params: { cid }, ...actFor(daughter) });
    const redeemed = await send(contracts.redeem, {
      params: { cid },
      ...actFor(daughter),
      body: { goodId: good.id, quantity: 1 },
    });
    const strangerActs = await send(contracts.getMe, { params: { cid }, ...actFor(stranger) });
    const officeRouteAsProxy = await send(contracts.getStats, { params: { cid }, ...actFor(daughter) });
    const outsideCommunity = await send(contracts.listMyNotifications, actFor(daughter));
    const lists = await send(contracts.listMyProxies, { params: { cid }, token: daughter.token });
    const trail = await audit(cid, admin, { actorId: daughter.userId });
    const removed = await send(contracts.removeProxy, {
      params: { cid, residentId: grandma, proxyId: daughter.userId },
      token: daughter.token,
    });
    const afterRemoval = await send(contracts.getMe, { params: { cid }, ...actFor(daughter) });
    const setupTrail = await audit(cid, admin, { objectType: 'member', objectId: grandma });

    expect(registered).toMatchObject({ status: 201, body: { member: { offline: true } } });
    expect(byStranger.status).toBe(403);
    expect(relation).toMatchObject({ status: 201, body: { residentName: '张阿姨', proxyId: daughter.userId } });
    expect(twice).toMatchObject({ status: 409, body: { error: { code: 'proxy.exists' } } });
    expect(asGrandma.body.member).toMatchObject({ id: grandma, displayName: '张阿姨', offline: true });
    expect(asGrandma.body.balancePoints).toBe(5);
    expect(redeemed).toMatchObject({ status: 201, body: { memberId: grandma, memberName: '张阿姨' } });
    expect(strangerActs).toMatchObject({ status: 403, body: { error: { code: 'proxy.not_authorized' } } });
    expect(officeRouteAsProxy.status).toBe(403);
    expect(outsideCommunity).toMatchObject({ status: 403, body: { error: { code: 'auth.not_proxyable' } } });
    expect(lists.body.actingFor.map((item) => item.residentId)).toEqual([grandma]);
    expect(trail.body.items).toEqual([
      expect.objectContaining({ action: 'proxy.redeem', actorId: daughter.userId, onBehalfOf: grandma }),
    ]);
    expect(removed.status).toBe(200);
    expect(afterRemoval.status).toBe(403);
    expect(setupTrail.body.items.map((entry) => entry.action).sort()).toEqual(
      expect.arrayContaining(['member.register_offline', 'proxy.create', 'proxy.remove']),
    );
    // the redemption is the resident's: it left her balance, not her daughter's
    expect((await me(cid, daughter.token)).balancePoints).toBe(0);
  });

  it('a resident with a phone may name their own proxy, but not someone else’s', async () => {
    const { cid, resident } = await timebankCommunity();
    const son = await createMember(cid, ['resident'], 'son');
    const other = await createMember(cid, ['resident'], 'other');
    const own = await send(contracts.createProxy, {
      params: { cid },
      token: resident.token,
      body: { residentId: resident.userId, proxyId: son.userId },
    });
    const forOther = await send(contracts.createProxy, {
      params: { cid },
      token: resident.token,
      body: { residentId: other.userId, proxyId: son.userId },
    });
    const self = await send(contracts.createProxy, {
      params: { cid },
      token: resident.token,
      body: { residentId: resident.userId, proxyId: resident.userId },
    });
    const mine = await send(contracts.listMyProxies, { params: { cid }, token: resident.token });

    expect(own.status).toBe(201);
    expect(forOther.status).toBe(403);
    expect(self).toMatchObject({ status: 400, body: { error: { code: 'proxy.self' } } });
    expect(mine.body.myProxies.map((item) => item.proxyId)).toEqual([son.userId]);
  });
});

describe('the items behind it', () => {
  insideOneMonth();

  it('keeps statistics in a handful of items per month, whatever the activity', async () => {
    const { cid, staff, otherStaff, resident } = await timebankCommunity();
    for (let index = 0; index < 2; index += 1) await approvedClaim(cid, staff, otherStaff, resident.userId, 60);
    const items = await documentClient().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': `COMMUNITY#${cid}`, ':prefix': 'STATS#' },
      }),
    );
    expect((items.Items ?? []).map((item) => item.SK).sort()).toEqual([
      `STATS#${thisMonth()}#POINTS`,
      `STATS#${thisMonth()}#TIMEBANK`,
    ]);
  });
});
