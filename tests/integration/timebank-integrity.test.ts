import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { contracts, monthOf } from '@linli/shared';
import { handler as closeOpenAttendances } from '../../functions/src/jobs/close-open-attendances';
import { DynamoActivityStore } from '../../functions/src/store/timebank/timebank-store';
import { DynamoLedgerStore } from '../../functions/src/store/ledger/ledger-store';
import { keys } from '../../functions/src/store/keys';
import { documentClient, send } from '../support/api';
import { createMember, tableName } from '../support/factories';
import {
  checkinCode,
  createActivityNow,
  grantPoints,
  me,
  minutesFromNow,
  officeClaim,
  timebankCommunity,
} from '../support/timebank';

/**
 * Integrity of the time bank across features (issue 12, cases 2–4): what one transition
 * changes, every object derived from it follows in the same transaction; the bounds of a
 * check-in hold on every path that files an attendance.
 */
type Person = { token: string; userId: string };

const thisMonth = () => monthOf(new Date());
const approve = (cid: string, claimId: string, person: Person) =>
  send(contracts.approveClaim, { params: { cid, claimId }, token: person.token });
const cancel = (cid: string, activityId: string, person: Person) =>
  send(contracts.cancelActivity, { params: { cid, aid: activityId }, token: person.token });
const officeEntry = (cid: string, activityId: string, person: Person, memberId: string, minutes: number) =>
  send(contracts.recordOfficeAttendance, {
    params: { cid, aid: activityId },
    token: person.token,
    body: { memberId, minutes },
  });
const reverse = (cid: string, transferId: string, admin: Person, reason = '录错了') =>
  send(contracts.reverseTransfer, { params: { cid, transferId }, token: admin.token, body: { reason } });
const myClaims = async (cid: string, person: Person) =>
  (await send(contracts.listMyClaims, { params: { cid }, token: person.token })).body.items;
const inbox = async (person: Person) => (await send(contracts.listMyNotifications, { token: person.token })).body.items;
const monthStats = async (cid: string, person: Person) => {
  const reply = await send(contracts.getStats, { params: { cid }, token: person.token });
  return { row: reply.body.months.find((row) => row.month === thisMonth())!, current: reply.body.current };
};
const reconcile = async (cid: string, admin: Person) =>
  (await send(contracts.runReconciliation, { params: { cid }, token: admin.token })).body;
const scan = async (cid: string, activityId: string, person: Person, staff: Person, direction: 'in' | 'out') => {
  const live = await checkinCode(cid, activityId, staff.token);
  return send(contracts.checkin, {
    params: { cid },
    token: person.token,
    body: { activityId, code: live.code, direction },
  });
};

describe('case 2: a cancelled activity pays nothing', () => {
  it('refuses to approve a claim of a cancelled activity and settles its pending claims on cancel', async () => {
    const { cid, staff, otherStaff, resident } = await timebankCommunity();
    const neighbour = await createMember(cid, ['resident'], 'neighbour');
    const activity = await createActivityNow(cid, staff.token);
    const claim = await officeClaim(cid, activity.id, staff.token, resident.userId, 120);
    const second = await officeClaim(cid, activity.id, staff.token, neighbour.userId, 60);

    const cancelled = await cancel(cid, activity.id, staff);
    const single = await approve(cid, claim.id, otherStaff);
    const bulk = await send(contracts.bulkApproveClaims, {
      params: { cid },
      token: otherStaff.token,
      body: { claimIds: [second.id] },
    });
    const pending = await send(contracts.listClaims, {
      params: { cid },
      query: { status: 'pending' },
      token: otherStaff.token,
    });

    expect(cancelled.status).toBe(200);
    expect(single).toMatchObject({ status: 409, body: { error: { code: 'activity.cancelled' } } });
    expect(bulk.body.results).toEqual([
      expect.objectContaining({
        claimId: second.id,
        status: 'failed',
        error: expect.objectContaining({ code: 'activity.cancelled' }),
      }),
    ]);
    expect(pending.body.items).toEqual([]);
    expect(await myClaims(cid, resident)).toEqual([
      expect.objectContaining({ id: claim.id, status: 'rejected', reason: expect.stringContaining('取消') }),
    ]);
    expect(await inbox(resident)).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'claim_decided', objectId: claim.id })]),
    );
    expect((await me(cid, resident.token)).balancePoints).toBe(0);
    expect((await me(cid, neighbour.token)).balancePoints).toBe(0);
  });

  it('refuses an approval that races the cancellation (before the claims are settled)', async () => {
    const { cid, staff, otherStaff, resident } = await timebankCommunity();
    const activity = await createActivityNow(cid, staff.token);
    const claim = await officeClaim(cid, activity.id, staff.token, resident.userId, 120);
    // The cancellation has committed; its settlement has not run yet.
    await new DynamoActivityStore(documentClient(), tableName()).cancelActivity(cid, activity.id, {
      by: staff.userId,
      at: new Date().toISOString(),
    });

    const approval = await approve(cid, claim.id, otherStaff);
    const job = await closeOpenAttendances();

    expect(approval).toMatchObject({ status: 409, body: { error: { code: 'activity.cancelled' } } });
    expect((await me(cid, resident.token)).balancePoints).toBe(0);
    expect(job.settled).toBeGreaterThanOrEqual(1);
    expect(await myClaims(cid, resident)).toEqual([expect.objectContaining({ id: claim.id, status: 'rejected' })]);
  });

  it('closes open attendances without a claim; check-out and the auto-close job file nothing afterwards', async () => {
    const { cid, staff, resident } = await timebankCommunity();
    const activity = await createActivityNow(cid, staff.token);
    await scan(cid, activity.id, resident, staff, 'in');

    await cancel(cid, activity.id, staff);
    const out = await send(contracts.checkin, {
      params: { cid },
      token: resident.token,
      body: { activityId: activity.id, code: '000000', direction: 'out' },
    });
    await closeOpenAttendances();
    const stored = await documentClient().send(
      new GetCommand({ TableName: tableName(), Key: keys.attendance(cid, activity.id, resident.userId) }),
    );

    expect(out).toMatchObject({ status: 409, body: { error: { code: 'activity.cancelled' } } });
    expect(stored.Item).toMatchObject({ status: 'closed', cancelled: true });
    expect(await myClaims(cid, resident)).toEqual([]);
  });

  it('does not cancel an activity whose hours were already paid', async () => {
    const { cid, staff, otherStaff, resident } = await timebankCommunity();
    const activity = await createActivityNow(cid, staff.token);
    const claim = await officeClaim(cid, activity.id, staff.token, resident.userId, 120);
    await approve(cid, claim.id, otherStaff);

    const refused = await cancel(cid, activity.id, staff);

    expect(refused).toMatchObject({ status: 409, body: { error: { code: 'activity.has_approved_claims' } } });
    expect(
      (await send(contracts.getActivity, { params: { cid, aid: activity.id }, token: staff.token })).body.status,
    ).toBe('scheduled');
  });
});

describe('case 3: office entry has the bounds of a check-in', () => {
  it('bounds the minutes by the activity window plus grace, once per member, never before the start', async () => {
    const { cid, staff, resident } = await timebankCommunity();
    const neighbour = await createMember(cid, ['resident'], 'neighbour');
    // A 2-hour activity that ended half an hour ago, with 15 minutes' grace either side: at most 150 minutes.
    const twoHours = await createActivityNow(cid, staff.token, {
      startsAt: minutesFromNow(-150),
      endsAt: minutesFromNow(-30),
    });
    const nextWeek = await createActivityNow(cid, staff.token, {
      startsAt: minutesFromNow(7 * 24 * 60),
      endsAt: minutesFromNow(7 * 24 * 60 + 120),
    });

    const wholeDay = await officeEntry(cid, twoHours.id, staff, resident.userId, 1440);
    const justOver = await officeEntry(cid, twoHours.id, staff, resident.userId, 151);
    const fits = await officeEntry(cid, twoHours.id, staff, resident.userId, 150);
    const again = await officeEntry(cid, twoHours.id, staff, resident.userId, 30);
    const early = await officeEntry(cid, nextWeek.id, staff, neighbour.userId, 60);
    const after = await send(contracts.getActivity, { params: { cid, aid: twoHours.id }, token: staff.token });

    expect(wholeDay).toMatchObject({
      status: 409,
      body: { error: { code: 'checkin.minutes_exceed_window', details: { maxMinutes: 150 } } },
    });
    expect(justOver.status).toBe(409);
    expect(fits.status).toBe(201);
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'checkin.already_recorded' } } });
    expect(early).toMatchObject({ status: 409, body: { error: { code: 'checkin.outside_window' } } });
    expect(after.body.attendeeCount).toBe(1);
    expect(await myClaims(cid, resident)).toHaveLength(1);
    expect(await myClaims(cid, neighbour)).toHaveLength(0);
  });

  it('counts against capacity, refuses a scanned-in member and a cancelled activity, allows a corrected entry', async () => {
    const { cid, staff, otherStaff, resident } = await timebankCommunity();
    const [first, second] = await Promise.all([1, 2].map(() => createMember(cid, ['resident'], 'r')));
    const small = await createActivityNow(cid, staff.token, { capacity: 1, startsAt: minutesFromNow(-60) });
    const scanned = await createActivityNow(cid, staff.token, { startsAt: minutesFromNow(-60) });
    const cancelled = await createActivityNow(cid, staff.token, { startsAt: minutesFromNow(-60) });
    await cancel(cid, cancelled.id, staff);
    await scan(cid, scanned.id, resident, staff, 'in');

    const fills = await officeEntry(cid, small.id, staff, first!.userId, 30);
    const full = await officeEntry(cid, small.id, staff, second!.userId, 30);
    const overScan = await officeEntry(cid, scanned.id, staff, resident.userId, 30);
    const onCancelled = await officeEntry(cid, cancelled.id, staff, first!.userId, 30);
    await send(contracts.rejectClaim, {
      params: { cid, claimId: fills.body.claim.id },
      token: otherStaff.token,
      body: { reason: '分钟数录错' },
    });
    const corrected = await officeEntry(cid, small.id, staff, first!.userId, 45);

    expect(fills.status).toBe(201);
    expect(full).toMatchObject({ status: 409, body: { error: { code: 'checkin.capacity_full' } } });
    expect(overScan).toMatchObject({ status: 409, body: { error: { code: 'checkin.already_recorded' } } });
    expect(onCancelled).toMatchObject({ status: 409, body: { error: { code: 'activity.cancelled' } } });
    expect(corrected.status).toBe(201);
    expect(corrected.body.claim).toMatchObject({ minutes: 45, status: 'pending' });
  });

  it('keeps the window of an attended activity from shrinking under its attendances; no edit after cancel', async () => {
    const { cid, staff, resident } = await timebankCommunity();
    const activity = await createActivityNow(cid, staff.token, { startsAt: minutesFromNow(-120) });
    const empty = await createActivityNow(cid, staff.token, { startsAt: minutesFromNow(-120) });
    await officeEntry(cid, activity.id, staff, resident.userId, 120);
    const patch = (activityId: string, body: object) =>
      send(contracts.updateActivity, { params: { cid, aid: activityId }, token: staff.token, body });

    const later = await patch(activity.id, {
      startsAt: minutesFromNow(7 * 24 * 60),
      endsAt: minutesFromNow(7 * 24 * 60 + 60),
    });
    const shorter = await patch(activity.id, { endsAt: minutesFromNow(-60) });
    const lessGrace = await patch(activity.id, { graceMinutes: 0 });
    const longer = await patch(activity.id, { endsAt: minutesFromNow(240), graceMinutes: 30 });
    const unattended = await patch(empty.id, { endsAt: minutesFromNow(-60) });
    await cancel(cid, empty.id, staff);
    const afterCancel = await patch(empty.id, { title: '改期' });

    expect(later).toMatchObject({ status: 409, body: { error: { code: 'activity.window_below_attendance' } } });
    expect(shorter.status).toBe(409);
    expect(lessGrace.status).toBe(409);
    expect(longer.status).toBe(200);
    expect(unattended.status).toBe(200);
    expect(afterCancel).toMatchObject({ status: 409, body: { error: { code: 'activity.cancelled' } } });
  });
});

describe('case 4: a reversal takes everything derived from the transfer with it', () => {
  it('reverses a claim: the claim, the month’s statistics, recognition and the certificate follow', async () => {
    const { cid, staff, otherStaff, admin, resident } = await timebankCommunity();
    const activity = await createActivityNow(cid, staff.token);
    const before = await monthStats(cid, staff);
    const claim = await officeClaim(cid, activity.id, staff.token, resident.userId, 180);
    await approve(cid, claim.id, otherStaff);
    const paid = await monthStats(cid, staff);
    const certifiedMe = await me(cid, resident.token);

    const reversed = await reverse(cid, `claim:${claim.id}`, admin);
    const after = await monthStats(cid, staff);
    const recognition = await send(contracts.getRecognition, {
      params: { cid },
      query: { month: thisMonth() },
      token: staff.token,
    });
    const reviewMe = await me(cid, resident.token);
    const pass = await send(contracts.getCertificatePass, { params: { cid }, token: resident.token });
    const report = await reconcile(cid, admin);
    const confirmed = await send(contracts.reinstateCertificate, {
      params: { cid, memberId: resident.userId },
      token: staff.token,
    });
    const confirmedStats = await monthStats(cid, staff);

    expect(certifiedMe.certificate?.status).toBe('active');
    expect(paid.row).toMatchObject({
      volunteerVisits: 1,
      volunteerMinutes: 180,
      distinctVolunteers: 1,
      pointsIssued: 3,
    });
    expect(reversed.status).toBe(201);
    expect(await myClaims(cid, resident)).toEqual([expect.objectContaining({ id: claim.id, status: 'reversed' })]);
    expect(after.row).toMatchObject({
      volunteerVisits: before.row.volunteerVisits,
      volunteerMinutes: before.row.volunteerMinutes,
      distinctVolunteers: before.row.distinctVolunteers,
      pointsIssued: 0,
    });
    expect(recognition.body.candidates.map((candidate) => candidate.memberId)).not.toContain(resident.userId);
    expect(reviewMe.balancePoints).toBe(0);
    expect(reviewMe.certificate?.status).toBe('review');
    expect(after.current.activeCertificates).toBe(paid.current.activeCertificates - 1);
    expect(pass).toMatchObject({ status: 409, body: { error: { code: 'certificate.under_review' } } });
    expect(await inbox(resident)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'claim_decided', objectId: claim.id, title: expect.stringContaining('撤销') }),
        expect.objectContaining({ kind: 'certificate_review', objectId: resident.userId }),
      ]),
    );
    expect(report.drifts).toEqual([]);
    expect(confirmed.status).toBe(200);
    expect((await me(cid, resident.token)).certificate?.status).toBe('active');
    expect(confirmedStats.current.activeCertificates).toBe(paid.current.activeCertificates);
  });

  it('keeps a volunteer counted while another of their visits that month stands', async () => {
    const { cid, staff, otherStaff, admin, resident } = await timebankCommunity();
    const first = await createActivityNow(cid, staff.token);
    const second = await createActivityNow(cid, staff.token);
    const before = await monthStats(cid, staff);
    const kept = await officeClaim(cid, first.id, staff.token, resident.userId, 60);
    const undone = await officeClaim(cid, second.id, staff.token, resident.userId, 120);
    await approve(cid, kept.id, otherStaff);
    await approve(cid, undone.id, otherStaff);

    await reverse(cid, `claim:${undone.id}`, admin);
    const after = await monthStats(cid, staff);
    const recognition = await send(contracts.getRecognition, {
      params: { cid },
      query: { month: thisMonth() },
      token: staff.token,
    });
    const cancelFirst = await cancel(cid, second.id, staff);

    expect(after.row.volunteerVisits - before.row.volunteerVisits).toBe(1);
    expect(after.row.volunteerMinutes - before.row.volunteerMinutes).toBe(60);
    expect(after.row.distinctVolunteers - before.row.distinctVolunteers).toBe(1);
    expect(recognition.body.candidates).toEqual([
      expect.objectContaining({ memberId: resident.userId, volunteerMinutes: 60, pointsEarned: 1 }),
    ]);
    // The reversed claim no longer holds its activity: it may be cancelled now.
    expect(cancelFirst.status).toBe(200);
    // 3 points earned the certificate; 1 is left of them: below the threshold, to staff review.
    expect((await me(cid, resident.token)).certificate?.status).toBe('review');
    expect((await reconcile(cid, admin)).drifts).toEqual([]);
  });

  it('reverses a gift, a contribution and an expiry with their counters; a redemption through its cancellation', async () => {
    const { cid, staff, admin, resident } = await timebankCommunity();
    const neighbour = await createMember(cid, ['resident'], 'neighbour');
    await grantPoints(cid, resident.userId, 10);
    const gift = await send(contracts.giftPoints, {
      params: { cid },
      token: resident.token,
      body: { toMemberId: neighbour.userId, points: 4 },
    });
    const contribution = await send(contracts.recordContribution, {
      params: { cid },
      token: staff.token,
      body: {
        memberId: neighbour.userId,
        contributorType: 'resident',
        kind: 'labour',
        description: '修自行车',
        points: 5,
      },
    });
    const expiry = `expiry:${resident.userId}:test`;
    await new DynamoLedgerStore(documentClient(), tableName()).post({
      communityId: cid,
      transferId: expiry,
      kind: 'expiry',
      memo: '到期',
      postings: [{ source: `member:${resident.userId}`, destination: 'community:expiry', amountPoints: 1 }],
      actorId: 'system',
      createdAt: new Date().toISOString(),
    });
    const good = await send(contracts.createGood, {
      params: { cid },
      token: staff.token,
      body: { name: '小米 1kg', pricePoints: 2, stock: 1, valueFen: 1500 },
    });
    const redemption = await send(contracts.redeem, {
      params: { cid },
      token: resident.token,
      body: { goodId: good.body.id, quantity: 1 },
    });
    const counted = await monthStats(cid, staff);
    const board = () =>
      send(contracts.getLeaderboard, { params: { cid }, query: { month: thisMonth() }, token: resident.token });
    const boardBefore = await board();

    const giftReversed = await reverse(cid, gift.body.transferId, admin);
    const contributionReversed = await reverse(cid, `contribution:${contribution.body.id}`, admin);
    const expiryReversed = await reverse(cid, expiry, admin);
    const redemptionReversed = await reverse(cid, `redemption:${redemption.body.id}`, admin);
    const cancelAfter = await send(contracts.cancelRedemption, {
      params: { cid, redemptionId: redemption.body.id },
      token: resident.token,
    });
    const after = await monthStats(cid, staff);
    const boardAfter = await board();
    const goods = await send(contracts.listGoods, { params: { cid }, token: resident.token });

    expect(
      [giftReversed, contributionReversed, expiryReversed, redemptionReversed].map((reply) => reply.status),
    ).toEqual([201, 201, 201, 201]);
    expect(cancelAfter).toMatchObject({ status: 409, body: { error: { code: 'market.not_reserved' } } });
    expect(counted.row).toMatchObject({ pointsGifted: 4, pointsExpired: 1, pointsRedeemed: 2, exchanges: 1 });
    expect(after.row).toMatchObject({
      pointsGifted: 0,
      pointsExpired: 0,
      pointsRedeemed: 0,
      exchanges: 0,
      pointsIssued: 10,
    });
    expect(boardBefore.body.items.map((item) => item.memberId)).toEqual([neighbour.userId]);
    expect(boardAfter.body.items).toEqual([]);
    expect(goods.body.items.find((item) => item.id === good.body.id)?.stock).toBe(1);
    expect((await me(cid, resident.token)).balancePoints).toBe(10);
    expect((await me(cid, neighbour.token)).balancePoints).toBe(0);
    expect((await reconcile(cid, admin)).drifts).toEqual([]);
  });

  it('refuses to reverse a redemption that was handed over', async () => {
    const { cid, staff, admin, resident } = await timebankCommunity();
    await grantPoints(cid, resident.userId, 5);
    const good = await send(contracts.createGood, {
      params: { cid },
      token: staff.token,
      body: { name: '肥皂', pricePoints: 2, stock: 3, valueFen: 500 },
    });
    const redemption = await send(contracts.redeem, {
      params: { cid },
      token: resident.token,
      body: { goodId: good.body.id, quantity: 1 },
    });
    await send(contracts.pickupRedemption, {
      params: { cid, redemptionId: redemption.body.id },
      token: staff.token,
      body: { pickupCode: redemption.body.pickupCode },
    });

    const refused = await reverse(cid, `redemption:${redemption.body.id}`, admin);

    expect(refused).toMatchObject({ status: 409, body: { error: { code: 'market.not_reserved' } } });
    expect((await me(cid, resident.token)).balancePoints).toBe(3);
  });
});
