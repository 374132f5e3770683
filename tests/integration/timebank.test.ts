import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { contracts, type Attendance, type ClaimStatus } from '@linli/shared';
import { currentCheckinCode } from '../../functions/src/domain/timebank/checkin-token';
import { checkInOrOut } from '../../functions/src/domain/timebank/attendance';
import { readPass } from '../../functions/src/domain/timebank/certificates';
import { stores } from '../../functions/src/wiring';
import { keys } from '../../functions/src/store/keys';
import { handler as closeOpenAttendances } from '../../functions/src/jobs/close-open-attendances';
import { handler as createCheckin } from '../../functions/src/http/timebank/create-checkin';
import { documentClient, send } from '../support/api';
import { httpEvent, invoke } from '../support/events';
import { createMember, tableName } from '../support/factories';
import {
  checkinCode,
  createActivityNow,
  me,
  minutesFromNow,
  officeClaim,
  timebankCommunity,
} from '../support/timebank';

describe('activities', () => {
  it('staff create, edit and cancel; members read; the check-in secret never leaves the server', async () => {
    const { cid, staff, resident } = await timebankCommunity();

    const activity = await createActivityNow(cid, staff.token, { location: '社区活动中心', capacity: 10 });
    const byResident = await send(contracts.createActivity, {
      params: { cid },
      token: resident.token,
      body: { title: 'x', category: 'care', startsAt: minutesFromNow(0), endsAt: minutesFromNow(60) },
    });
    const listed = await send(contracts.listActivities, { params: { cid }, token: resident.token });
    const edited = await send(contracts.updateActivity, {
      params: { cid, aid: activity.id },
      token: staff.token,
      body: { title: '包饺子', capacity: 20 },
    });
    const cancelled = await send(contracts.cancelActivity, { params: { cid, aid: activity.id }, token: staff.token });
    const fetched = await send(contracts.getActivity, { params: { cid, aid: activity.id }, token: resident.token });

    expect(activity).toMatchObject({ status: 'scheduled', attendeeCount: 0, graceMinutes: 15, capacity: 10 });
    expect(JSON.stringify([activity, listed.body, fetched.body])).not.toContain('checkinSecret');
    expect(byResident.status).toBe(403);
    expect(listed.body.items.map((item) => item.id)).toEqual([activity.id]);
    expect(edited.body).toMatchObject({ title: '包饺子', capacity: 20 });
    expect(cancelled.body.status).toBe('cancelled');
    expect(fetched.body.status).toBe('cancelled');
  });

  it('refuses an activity that ends before it starts', async () => {
    const { cid, staff } = await timebankCommunity();

    const reply = await send(contracts.createActivity, {
      params: { cid },
      token: staff.token,
      body: { title: '扫雪', category: 'cleaning', startsAt: minutesFromNow(60), endsAt: minutesFromNow(0) },
    });

    expect(reply.status).toBe(400);
    expect(JSON.stringify(reply.body)).toContain('endsAt');
  });
});

describe('check-in', () => {
  it('checks in with the 6-digit code or the QR token, and out again with a claim', async () => {
    const { cid, staff, resident } = await timebankCommunity();
    const neighbour = await createMember(cid, ['resident'], 'neighbour');
    const activity = await createActivityNow(cid, staff.token);
    const live = await checkinCode(cid, activity.id, staff.token);

    const byCode = await send(contracts.checkin, {
      params: { cid },
      token: resident.token,
      body: { activityId: activity.id, code: live.code, direction: 'in' },
    });
    const byToken = await send(contracts.checkin, {
      params: { cid },
      token: neighbour.token,
      body: { activityId: activity.id, token: live.qr, direction: 'in' },
    });
    const out = await send(contracts.checkin, {
      params: { cid },
      token: resident.token,
      body: { activityId: activity.id, code: live.code, direction: 'out' },
    });
    const outAgain = await send(contracts.checkin, {
      params: { cid },
      token: resident.token,
      body: { activityId: activity.id, code: live.code, direction: 'out' },
    });
    const myClaims = await send(contracts.listMyClaims, { params: { cid }, token: resident.token });

    expect(live.code).toMatch(/^\d{6}$/);
    expect(byCode.status).toBe(200);
    expect(byCode.body.attendance).toMatchObject({ status: 'open', memberId: resident.userId });
    expect(byToken.status).toBe(200);
    expect(out.status).toBe(200);
    expect(out.body.attendance.status).toBe('closed');
    expect(out.body.claim).toMatchObject({ status: 'pending', source: 'checkin', memberId: resident.userId });
    expect(outAgain.status).toBe(200);
    expect(outAgain.body.claim).toBeNull();
    expect(myClaims.body.items).toHaveLength(1);
  });

  it('"我的时长" by status: the query the contract declares works, any other is a 400 (on every route)', async () => {
    const { cid, staff, otherStaff, resident } = await timebankCommunity();
    const activity = await createActivityNow(cid, staff.token);
    const pending = await officeClaim(cid, activity.id, staff.token, resident.userId, 60);
    const second = await createActivityNow(cid, staff.token);
    const approved = await officeClaim(cid, second.id, staff.token, resident.userId, 60);
    await send(contracts.approveClaim, { params: { cid, claimId: approved.id }, token: otherStaff.token });
    const mine = (status: ClaimStatus) =>
      send(contracts.listMyClaims, { params: { cid }, query: { status }, token: resident.token });

    const [pendingTab, approvedTab, rejectedTab] = await Promise.all([
      mine('pending'),
      mine('approved'),
      mine('rejected'),
    ]);
    const unknownKey = await send(contracts.listMyClaims, {
      params: { cid },
      invalidQuery: { colour: 'red' },
      token: resident.token,
    });
    const unknownStatus = await send(contracts.listMyClaims, {
      params: { cid },
      invalidQuery: { status: 'maybe' },
      token: resident.token,
    });
    const noQueryRoute = await send(contracts.getMe, {
      params: { cid },
      invalidQuery: { cursor: 'x' },
      token: resident.token,
    });

    expect(pendingTab.status).toBe(200);
    expect(pendingTab.body.items.map((claim) => claim.id)).toEqual([pending.id]);
    expect(approvedTab.body.items.map((claim) => claim.id)).toEqual([approved.id]);
    expect(rejectedTab.body.items).toEqual([]);
    for (const refused of [unknownKey, unknownStatus, noQueryRoute]) {
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ error: { code: 'request.validation_failed' } });
    }
  });

  it('rejects a wrong code, a token older than one step, and another activity’s token', async () => {
    const { cid, staff, resident } = await timebankCommunity();
    const activity = await createActivityNow(cid, staff.token);
    const other = await createActivityNow(cid, staff.token);
    const stored = await documentClient().send(
      new GetCommand({ TableName: tableName(), Key: keys.activity(cid, activity.id) }),
    );
    const stale = currentCheckinCode(String(stored.Item?.checkinSecret), activity.id, Date.now() - 65_000);
    const otherLive = await checkinCode(cid, other.id, staff.token);
    const live = await checkinCode(cid, activity.id, staff.token);
    const wrongCode = String((Number(live.code) + 1) % 1_000_000).padStart(6, '0');
    const attempt = (body: object) =>
      send(contracts.checkin, {
        params: { cid },
        token: resident.token,
        body: { activityId: activity.id, direction: 'in', ...body },
      });

    expect(await attempt({ code: wrongCode })).toMatchObject({
      status: 400,
      body: { error: { code: 'checkin.invalid_code' } },
    });
    expect(await attempt({ token: stale.qr })).toMatchObject({
      status: 400,
      body: { error: { code: 'checkin.invalid_token' } },
    });
    expect(await attempt({ token: otherLive.qr })).toMatchObject({
      status: 400,
      body: { error: { code: 'checkin.invalid_token' } },
    });
    expect(await attempt({ code: live.code, token: live.qr })).toMatchObject({ status: 400 });
    expect(
      (await send(contracts.getActivity, { params: { cid, aid: activity.id }, token: staff.token })).body.attendeeCount,
    ).toBe(0);
  });

  it('only inside the activity window', async () => {
    const { cid, staff, resident } = await timebankCommunity();
    const tomorrow = await createActivityNow(cid, staff.token, {
      startsAt: minutesFromNow(24 * 60),
      endsAt: minutesFromNow(25 * 60),
    });
    const live = await checkinCode(cid, tomorrow.id, staff.token);

    const reply = await send(contracts.checkin, {
      params: { cid },
      token: resident.token,
      body: { activityId: tomorrow.id, code: live.code, direction: 'in' },
    });

    expect(reply).toMatchObject({ status: 409, body: { error: { code: 'checkin.outside_window' } } });
  });

  it('enforces capacity and refuses a cancelled activity', async () => {
    const { cid, staff } = await timebankCommunity();
    const residents = await Promise.all([1, 2, 3].map(() => createMember(cid, ['resident'], 'r')));
    const activity = await createActivityNow(cid, staff.token, { capacity: 2 });
    const live = await checkinCode(cid, activity.id, staff.token);
    const checkin = (token: string) =>
      send(contracts.checkin, {
        params: { cid },
        token,
        body: { activityId: activity.id, code: live.code, direction: 'in' },
      });

    const statuses = [];
    for (const resident of residents) statuses.push((await checkin(resident.token)).status);
    await send(contracts.cancelActivity, { params: { cid, aid: activity.id }, token: staff.token });
    const afterCancel = await checkin(residents[2]!.token);

    expect(statuses).toEqual([200, 200, 409]);
    expect(afterCancel).toMatchObject({ status: 409, body: { error: { code: 'activity.cancelled' } } });
  });

  it('turns 50 simultaneous identical scans into exactly one attendance', async () => {
    // In-process: serverless-offline runs each concurrent request in a new worker thread, which on a
    // 2-core machine measures thread start-up, not the rule. The rule lives in DynamoDB's conditions.
    const { cid, staff, resident } = await timebankCommunity();
    const activity = await createActivityNow(cid, staff.token, { capacity: 5 });
    const live = await checkinCode(cid, activity.id, staff.token);
    const scan = () =>
      httpEvent({
        method: 'POST',
        path: `/v1/communities/${cid}/checkins`,
        routeKey: 'POST /v1/communities/{cid}/checkins',
        pathParameters: { cid },
        headers: { authorization: `Bearer ${resident.token}` },
        body: { activityId: activity.id, token: live.qr, direction: 'in' },
      });

    // 50 scans in a second are over the per-user check-in limit, which has its own test (limits.test.ts).
    process.env.RATE_LIMITS = JSON.stringify({ checkin: { limit: 100 } });
    const replies = await Promise.all(Array.from({ length: 50 }, () => invoke(createCheckin, scan()))).finally(() => {
      delete process.env.RATE_LIMITS;
    });
    const after = await send(contracts.getActivity, { params: { cid, aid: activity.id }, token: staff.token });

    expect(replies.map((reply) => reply.status)).toEqual(Array(50).fill(200));
    expect(new Set(replies.map((reply) => (reply.body.attendance as Attendance).checkedInAt)).size).toBe(1);
    expect(after.body.attendeeCount).toBe(1);
  });

  it('closes attendances left open at the end and flags their claims', async () => {
    const { cid, community, staff, resident } = await timebankCommunity();
    const activity = await createActivityNow(cid, staff.token, {
      startsAt: minutesFromNow(-100),
      endsAt: minutesFromNow(-1),
      graceMinutes: 0,
    });
    // Checked in during the activity (the use case in-process, with that time as its clock).
    const during = new Date(Date.now() - 50 * 60_000);
    const stored = await documentClient().send(
      new GetCommand({ TableName: tableName(), Key: keys.activity(cid, activity.id) }),
    );
    const code = currentCheckinCode(String(stored.Item?.checkinSecret), activity.id, during.getTime()).code;
    const member = await stores.communities().getMember(cid, resident.userId);
    await checkInOrOut(
      {
        communityId: cid,
        loadCommunity: async () => community,
        member: member!,
        request: { activityId: activity.id, code, direction: 'in' },
        now: during,
      },
      { activities: stores.activities(), attendances: stores.attendances() },
    );

    const result = await closeOpenAttendances();
    const claims = await send(contracts.listMyClaims, { params: { cid }, token: resident.token });
    const again = await closeOpenAttendances();

    expect(result.closed).toBeGreaterThanOrEqual(1);
    expect(claims.body.items).toHaveLength(1);
    expect(claims.body.items[0]).toMatchObject({ flagged: true, status: 'pending' });
    // from the check-in to the end of the activity (whole minutes; the test's own clock drifts by a few ms)
    expect(claims.body.items[0]!.minutes).toBeGreaterThanOrEqual(48);
    expect(claims.body.items[0]!.minutes).toBeLessThanOrEqual(49);
    expect(again.activities).toBe(0);
  });
});

describe('claims, approval and the ledger', () => {
  it('office entry → a different staff member approves → points, history and the certificate', async () => {
    const { cid, staff, otherStaff, resident } = await timebankCommunity();
    const activity = await createActivityNow(cid, staff.token);
    const claim = await officeClaim(cid, activity.id, staff.token, resident.userId, 180);

    const bySameStaff = await send(contracts.approveClaim, { params: { cid, claimId: claim.id }, token: staff.token });
    const byResident = await send(contracts.approveClaim, {
      params: { cid, claimId: claim.id },
      token: resident.token,
    });
    const queue = await send(contracts.listClaims, {
      params: { cid },
      query: { status: 'pending' },
      token: otherStaff.token,
    });
    const approved = await send(contracts.approveClaim, {
      params: { cid, claimId: claim.id },
      token: otherStaff.token,
    });
    const history = await send(contracts.getMyLedger, { params: { cid }, token: resident.token });
    const mine = await me(cid, resident.token);

    expect(claim).toMatchObject({
      status: 'pending',
      minutes: 180,
      points: 3,
      source: 'office',
      createdBy: staff.userId,
    });
    expect(bySameStaff).toMatchObject({ status: 403, body: { error: { code: 'claim.same_staff' } } });
    expect(byResident.status).toBe(403);
    expect(queue.body.items.map((item) => item.id)).toEqual([claim.id]);
    expect(approved.status).toBe(200);
    expect(approved.body.claim).toMatchObject({ status: 'approved', decidedBy: otherStaff.userId });
    expect(history.body.items).toEqual([
      expect.objectContaining({ amountPoints: 3, kind: 'claim', transferId: `claim:${claim.id}` }),
    ]);
    expect(mine.balancePoints).toBe(3);
    expect(mine.certificate).toMatchObject({ status: 'active' });
  });

  it('approves a claim at most once when two staff click at the same moment', async () => {
    const { cid, staff, otherStaff, thirdStaff, resident } = await timebankCommunity();
    const activity = await createActivityNow(cid, staff.token);
    const claim = await officeClaim(cid, activity.id, staff.token, resident.userId, 120);

    const replies = await Promise.all(
      [otherStaff, thirdStaff].map((approver) =>
        send(contracts.approveClaim, { params: { cid, claimId: claim.id }, token: approver.token }),
      ),
    );
    const history = await send(contracts.getMyLedger, { params: { cid }, token: resident.token });

    expect(replies.map((reply) => reply.status).sort()).toEqual([200, 409]);
    expect(history.body.items).toHaveLength(1);
    expect((await me(cid, resident.token)).balancePoints).toBe(2);
  });

  it('replays an approval with the same Idempotency-Key: same answer, one transfer', async () => {
    const { cid, staff, otherStaff, resident } = await timebankCommunity();
    const activity = await createActivityNow(cid, staff.token);
    const claim = await officeClaim(cid, activity.id, staff.token, resident.userId, 60);
    const headers = { 'idempotency-key': `approve-${claim.id}` };

    const first = await send(contracts.approveClaim, {
      params: { cid, claimId: claim.id },
      token: otherStaff.token,
      headers,
    });
    const replay = await send(contracts.approveClaim, {
      params: { cid, claimId: claim.id },
      token: otherStaff.token,
      headers,
    });

    expect(first.status).toBe(200);
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect((await me(cid, resident.token)).balancePoints).toBe(1);
  });

  it('rejects with a reason; a rejected claim cannot be approved', async () => {
    const { cid, staff, otherStaff, resident } = await timebankCommunity();
    const activity = await createActivityNow(cid, staff.token);
    const claim = await officeClaim(cid, activity.id, staff.token, resident.userId, 60);

    const noReason = await send(contracts.rejectClaim, {
      params: { cid, claimId: claim.id },
      token: otherStaff.token,
      invalidBody: {},
    });
    const rejected = await send(contracts.rejectClaim, {
      params: { cid, claimId: claim.id },
      token: otherStaff.token,
      body: { reason: '未到场' },
    });
    const approve = await send(contracts.approveClaim, { params: { cid, claimId: claim.id }, token: otherStaff.token });

    expect(noReason.status).toBe(400);
    expect(rejected.body.claim).toMatchObject({ status: 'rejected', reason: '未到场', decidedBy: otherStaff.userId });
    expect(approve).toMatchObject({ status: 409, body: { error: { code: 'claim.already_decided' } } });
    expect((await me(cid, resident.token)).balancePoints).toBe(0);
  });

  it('bulk-approves, reporting each claim on its own', async () => {
    const { cid, staff, otherStaff, resident } = await timebankCommunity();
    const claims = [];
    // One attendance per member and activity: three activities.
    for (const minutes of [60, 90, 120]) {
      const activity = await createActivityNow(cid, staff.token);
      claims.push(await officeClaim(cid, activity.id, staff.token, resident.userId, minutes));
    }
    await send(contracts.rejectClaim, {
      params: { cid, claimId: claims[2]!.id },
      token: otherStaff.token,
      body: { reason: '重复' },
    });

    const reply = await send(contracts.bulkApproveClaims, {
      params: { cid },
      token: otherStaff.token,
      body: { claimIds: claims.map((claim) => claim.id) },
    });

    expect(reply.body.results.map((result) => result.status)).toEqual(['approved', 'approved', 'failed']);
    expect(reply.body.results[2]?.error?.code).toBe('claim.already_decided');
    expect((await me(cid, resident.token)).balancePoints).toBe(2);
  });

  it('pages the ledger newest first and refuses a cursor into someone else’s history', async () => {
    const { cid, staff, otherStaff, resident } = await timebankCommunity();
    const ids: string[] = [];
    for (let index = 0; index < 22; index += 1) {
      const activity = await createActivityNow(cid, staff.token);
      ids.push((await officeClaim(cid, activity.id, staff.token, resident.userId, 60)).id);
    }
    const bulk = async (slice: string[]) =>
      send(contracts.bulkApproveClaims, { params: { cid }, token: otherStaff.token, body: { claimIds: slice } });
    await bulk(ids.slice(0, 11));
    await bulk(ids.slice(11));

    const first = await send(contracts.getMyLedger, { params: { cid }, token: resident.token });
    const second = await send(contracts.getMyLedger, {
      params: { cid },
      query: { cursor: first.body.nextCursor! },
      token: resident.token,
    });
    const forged = Buffer.from(JSON.stringify({ PK: `LEDGER#${cid}#member:${staff.userId}`, SK: 'z' })).toString(
      'base64url',
    );
    const intrusion = await send(contracts.getMyLedger, {
      params: { cid },
      query: { cursor: forged },
      token: resident.token,
    });

    expect(first.body.items).toHaveLength(20);
    expect(second.body.items).toHaveLength(2);
    const times = [...first.body.items, ...second.body.items].map((entry) => entry.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(intrusion).toMatchObject({ status: 400, body: { error: { code: 'request.invalid_cursor' } } });
  });

  it('corrects a transfer by reversing it, once', async () => {
    const { cid, staff, otherStaff, admin, resident } = await timebankCommunity();
    const activity = await createActivityNow(cid, staff.token);
    const claim = await officeClaim(cid, activity.id, staff.token, resident.userId, 120);
    await send(contracts.approveClaim, { params: { cid, claimId: claim.id }, token: otherStaff.token });

    const reverse = (token: string) =>
      send(contracts.reverseTransfer, {
        params: { cid, transferId: `claim:${claim.id}` },
        token,
        body: { reason: '录错了' },
      });

    const byStaff = await reverse(staff.token);
    const reversed = await reverse(admin.token);
    const again = await reverse(admin.token);
    const history = await send(contracts.getMyLedger, { params: { cid }, token: resident.token });

    expect(byStaff.status).toBe(403);
    expect(reversed.status).toBe(201);
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'ledger.already_reversed' } } });
    expect(history.body.items.map((entry) => entry.amountPoints)).toEqual([-2, 2]);
    expect((await me(cid, resident.token)).balancePoints).toBe(0);
  });
});

describe('certificates', () => {
  it('revokes (with a reason) and reinstates; the live pass works only while active and expires within 60 s', async () => {
    const { cid, staff, otherStaff, resident } = await timebankCommunity();
    const activity = await createActivityNow(cid, staff.token);
    const claim = await officeClaim(cid, activity.id, staff.token, resident.userId, 200);
    await send(contracts.approveClaim, { params: { cid, claimId: claim.id }, token: otherStaff.token });

    const pass = await send(contracts.getCertificatePass, { params: { cid }, token: resident.token });
    const withoutReason = await send(contracts.revokeCertificate, {
      params: { cid, memberId: resident.userId },
      token: staff.token,
      invalidBody: {},
    });
    const byResident = await send(contracts.revokeCertificate, {
      params: { cid, memberId: resident.userId },
      token: resident.token,
      body: { reason: 'x' },
    });
    const revoked = await send(contracts.revokeCertificate, {
      params: { cid, memberId: resident.userId },
      token: staff.token,
      body: { reason: '借给他人使用' },
    });
    const passWhileRevoked = await send(contracts.getCertificatePass, { params: { cid }, token: resident.token });
    const revokedMe = await me(cid, resident.token);
    const reinstated = await send(contracts.reinstateCertificate, {
      params: { cid, memberId: resident.userId },
      token: staff.token,
    });

    expect(pass.status).toBe(200);
    expect(pass.body.holder.displayName).toContain('resident');
    expect(Date.parse(pass.body.expiresAt) - Date.now()).toBeLessThanOrEqual(60_000);
    expect(readPass(pass.body.token, process.env.JWT_SECRET as string)).toMatchObject({ sub: resident.userId, cid });
    expect(readPass(pass.body.token, process.env.JWT_SECRET as string, Date.now() + 61_000)).toBeNull();
    expect(withoutReason.status).toBe(400);
    expect(byResident.status).toBe(403);
    expect(revoked.status).toBe(200);
    expect(passWhileRevoked).toMatchObject({ status: 409, body: { error: { code: 'certificate.revoked' } } });
    expect(revokedMe.certificate?.status).toBe('revoked');
    expect(reinstated.status).toBe(200);
    expect((await me(cid, resident.token)).certificate?.status).toBe('active');
  });

  it('has no pass before the threshold', async () => {
    const { cid, resident } = await timebankCommunity();

    expect(await send(contracts.getCertificatePass, { params: { cid }, token: resident.token })).toMatchObject({
      status: 404,
      body: { error: { code: 'certificate.not_found' } },
    });
  });
});
