import { contracts, type Activity, type CheckinCode, type Community, type MeResponse } from '@linli/shared';
import { send } from './api';
import { createCommunity, createMember } from './factories';

const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

/** A community with demo-like rules (1 point/hour, certificate at 3, 30-minute rounding) and its people. */
export async function timebankCommunity(overrides: Partial<Community> = {}) {
  const community = await createCommunity({
    ...overrides,
    rules: {
      pointsPerHour: 1,
      certificateThresholdPoints: 3,
      fundShareBps: 2000,
      minuteRounding: { unitMinutes: 30, mode: 'down' },
    },
  });
  const [staff, otherStaff, thirdStaff, admin, resident] = await Promise.all([
    createMember(community.id, ['staff'], 'staff'),
    createMember(community.id, ['staff'], 'staff2'),
    createMember(community.id, ['staff'], 'staff3'),
    createMember(community.id, ['admin', 'staff'], 'admin'),
    createMember(community.id, ['resident'], 'resident'),
  ]);
  return { community, cid: community.id, staff, otherStaff, thirdStaff, admin, resident };
}

export async function createActivityNow(
  cid: string,
  token: string,
  overrides: Record<string, unknown> = {},
): Promise<Activity> {
  const reply = await send(contracts.createActivity, {
    params: { cid },
    token,
    body: {
      title: '帮老人洗澡',
      category: 'care',
      // Under way for an hour, three more to go: office entries of up to 4.5 hours fit its window.
      startsAt: minutesFromNow(-60),
      endsAt: minutesFromNow(180),
      ...overrides,
    },
  });
  if (reply.status !== 201) throw new Error(`create activity → ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

export async function checkinCode(cid: string, activityId: string, token: string): Promise<CheckinCode> {
  const reply = await send(contracts.getCheckinCode, { params: { cid, aid: activityId }, token });
  if (reply.status !== 200) throw new Error(`checkin-code → ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

export async function officeClaim(
  cid: string,
  activityId: string,
  staffToken: string,
  memberId: string,
  minutes: number,
) {
  const reply = await send(contracts.recordOfficeAttendance, {
    params: { cid, aid: activityId },
    token: staffToken,
    body: { memberId, minutes },
  });
  if (reply.status !== 201) throw new Error(`office entry → ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body.claim;
}

export async function me(cid: string, token: string): Promise<MeResponse> {
  return (await send(contracts.getMe, { params: { cid }, token })).body;
}

export { minutesFromNow };

/** Points for a member, issued through the real ledger store (as approvals do). */
export async function grantPoints(cid: string, userId: string, points: number): Promise<void> {
  const { DynamoLedgerStore } = await import('../../functions/src/store/ledger/ledger-store');
  const { documentClient } = await import('./api');
  const { tableName } = await import('./factories');
  const { randomUUID } = await import('node:crypto');
  await new DynamoLedgerStore(documentClient(), tableName()).post({
    communityId: cid,
    transferId: `test-grant:${randomUUID()}`,
    kind: 'adjustment',
    memo: 'test grant',
    postings: [{ source: 'community:issuance', destination: `member:${userId}`, amountPoints: points }],
    actorId: 'test',
    createdAt: new Date().toISOString(),
  });
}
