import { pointsForMinutes, type Attendance, type CheckinRequest, type Claim, type Community } from '@linli/shared';
import { AppError } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { refuseOwnInterest } from '../identity/conflicts';
import type { MemberRecord } from '../identity/ports';
import { getActivityOrThrow } from './activities';
import { assertNotHeld } from './activity-view';
import { verifyCheckinCode, verifyCheckinToken } from './checkin-token';
import type { ActivityRecord, ActivityStore, ActivityWindow, AttendanceStore, ClaimStore } from './ports';

const MINUTE = 60_000;

export interface CheckinDependencies {
  activities: ActivityStore;
  attendances: AttendanceStore;
}

const attendanceId = (activityId: string, memberId: string) => `${activityId}_${memberId}`;
/** The claim of a check-out has a fixed id, so a retried or automatic close cannot file it twice. */
const checkoutClaimId = (activityId: string, memberId: string) => `co_${activityId}_${memberId}`;

/** An office entry's claim id names its member too (when it fits an id's 64 characters), as a check-out's does. */
const officeClaimId = (memberId: string, now: Date) => {
  const id = newId(now.getTime());
  const named = `of_${id}_${memberId}`;
  return named.length <= 64 ? named : id;
};

/**
 * The member a claim id names (`co_{activityId}_{memberId}`, `of_{id}_{memberId}`), so an
 * approval can read the member's account with the claim in one round trip; undefined for
 * other ids. A hint only: the claim item's `memberId` is what counts.
 */
export function memberOfClaimId(claimId: string): string | undefined {
  const match = /^(?:co|of)_[^_]+_(.+)$/.exec(claimId);
  return match?.[1];
}

function windowOf(activity: ActivityWindow) {
  const grace = activity.graceMinutes * MINUTE;
  return { opens: Date.parse(activity.startsAt) - grace, closes: Date.parse(activity.endsAt) + grace };
}

/**
 * The most minutes one attendance of an activity may claim: the length of the window in
 * which a check-in is possible (`startsAt − grace` to `endsAt + grace`).
 */
export function maxAttendanceMinutes(activity: ActivityWindow): number {
  const { opens, closes } = windowOf(activity);
  return Math.floor((closes - opens) / MINUTE);
}

/** Minutes served inside the activity's own time window. */
export function servedMinutes(activity: ActivityRecord, checkedInAt: string, checkedOutAt: string): number {
  const start = Math.max(Date.parse(checkedInAt), Date.parse(activity.startsAt));
  const end = Math.min(Date.parse(checkedOutAt), Date.parse(activity.endsAt));
  return Math.max(0, Math.floor((end - start) / MINUTE));
}

export function claimFor(input: {
  community: Community;
  activity: ActivityRecord;
  member: MemberRecord;
  minutes: number;
  id: string;
  source: Claim['source'];
  createdBy: string;
  createdAt: string;
  flagged?: boolean;
  note?: string;
}): Claim {
  return {
    id: input.id,
    communityId: input.community.id,
    memberId: input.member.userId,
    memberName: input.member.displayName,
    activityId: input.activity.id,
    activityTitle: input.activity.title,
    ...(input.activity.teamId ? { teamId: input.activity.teamId } : {}),
    activityEndsAt: input.activity.endsAt,
    activityAtService: {
      startsAt: input.activity.startsAt,
      category: input.activity.category,
      createdBy: input.activity.createdBy,
      ...(input.activity.location ? { location: input.activity.location } : {}),
      ...(input.activity.description ? { description: input.activity.description } : {}),
    },
    minutes: input.minutes,
    points: pointsForMinutes(input.minutes, input.community.rules),
    status: 'pending',
    source: input.source,
    flagged: input.flagged ?? false,
    note: input.note,
    createdBy: input.createdBy,
    createdAt: input.createdAt,
  };
}

function assertGenuineScan(activity: ActivityRecord, request: CheckinRequest, nowMilliseconds: number): void {
  if (
    request.token !== undefined &&
    !verifyCheckinToken(activity.checkinSecret, activity.id, request.token, nowMilliseconds)
  ) {
    throw new AppError(
      'checkin.invalid_token',
      'This QR code has expired or is not for this activity; scan the live one',
    );
  }
  if (request.code !== undefined && !verifyCheckinCode(activity.checkinSecret, request.code, nowMilliseconds)) {
    throw new AppError('checkin.invalid_code', 'This code is wrong or has expired; enter the code shown now');
  }
}

/** Check in or out by the live QR or code, inside the activity window (with its grace). */
export async function checkInOrOut(
  input: {
    communityId: string;
    /** Only a check-out needs the community's rules (for the claim's points): read then. */
    loadCommunity: () => Promise<Community>;
    member: MemberRecord;
    request: CheckinRequest;
    now?: Date;
  },
  dependencies: CheckinDependencies,
): Promise<{ attendance: Attendance; claim: Claim | null }> {
  const now = input.now ?? new Date();
  const { member, request } = input;
  const activity = await getActivityOrThrow(dependencies.activities, input.communityId, request.activityId);
  assertNotHeld(activity);
  if (activity.status === 'cancelled') throw new AppError('activity.cancelled', 'This activity has been cancelled');
  assertGenuineScan(activity, request, now.getTime());
  const { opens, closes } = windowOf(activity);
  if (now.getTime() < opens || now.getTime() > closes) {
    throw new AppError('checkin.outside_window', 'Check-in is only possible during the activity', {
      opensAt: new Date(opens).toISOString(),
      closesAt: new Date(closes).toISOString(),
    });
  }
  return request.direction === 'in'
    ? { attendance: await checkIn(activity, member, now, dependencies.attendances), claim: null }
    : checkOut({ community: await input.loadCommunity(), activity, member, now }, dependencies.attendances);
}

async function checkIn(activity: ActivityRecord, member: MemberRecord, now: Date, attendances: AttendanceStore) {
  const attendance: Attendance = {
    id: attendanceId(activity.id, member.userId),
    activityId: activity.id,
    memberId: member.userId,
    status: 'open',
    checkedInAt: now.toISOString(),
  };
  const outcome = await attendances.checkIn(activity.communityId, attendance, activity);
  if (outcome === 'window_changed') {
    // Staff moved the activity's times while this scan was checked against them.
    throw new AppError('checkin.busy', 'The activity was just changed; please scan again');
  }
  if (outcome === 'full') throw new AppError('checkin.capacity_full', 'This activity is full');
  if (outcome === 'not_signed_up') {
    throw new AppError('checkin.not_signed_up', 'This activity takes only members whose sign-up is confirmed');
  }
  if (outcome === 'not_scheduled') throw new AppError('activity.cancelled', 'This activity has been cancelled');
  if (outcome === 'created') return attendance;
  const existing = await attendances.getAttendance(activity.communityId, activity.id, member.userId);
  if (!existing) throw new Error('attendance vanished after a duplicate check-in');
  return existing;
}

async function checkOut(
  input: { community: Community; activity: ActivityRecord; member: MemberRecord; now: Date },
  attendances: AttendanceStore,
): Promise<{ attendance: Attendance; claim: Claim | null }> {
  const { community, activity, member, now } = input;
  const open = await attendances.getAttendance(community.id, activity.id, member.userId);
  if (!open) throw new AppError('checkin.not_checked_in', 'Check in first');
  if (open.status === 'closed') return { attendance: open, claim: null };
  const checkedOutAt = now.toISOString();
  const claim = claimFor({
    community,
    activity,
    member,
    minutes: servedMinutes(activity, open.checkedInAt, checkedOutAt),
    id: checkoutClaimId(activity.id, member.userId),
    source: 'checkin',
    createdBy: member.userId,
    createdAt: checkedOutAt,
  });
  const closed: Attendance = { ...open, status: 'closed', checkedOutAt, claimId: claim.id };
  const outcome = await attendances.checkOut(community.id, closed, claim);
  if (outcome === 'not_scheduled') throw new AppError('activity.cancelled', 'This activity has been cancelled');
  if (outcome === 'not_open') {
    const current = await attendances.getAttendance(community.id, activity.id, member.userId);
    return { attendance: current ?? closed, claim: null };
  }
  return { attendance: closed, claim };
}

const alreadyRecorded = () =>
  new AppError('checkin.already_recorded', 'This member already has an attendance at this activity');

/**
 * Office entry for a resident without a phone: a closed attendance and a pending claim that
 * another staff member must approve, with the bounds of a check-in — the activity scheduled
 * and begun, the minutes within its check-in window (`maxAttendanceMinutes`), one attendance
 * per member and activity (409 `checkin.already_recorded`; an entry whose claim was rejected
 * may be entered again, corrected), capacity counted. The bounds hold in the write itself.
 * Never for the staff member themself nor a child they added as guardian (403
 * `auth.conflict_of_interest`): they check in like anyone.
 */
export async function recordOfficeAttendance(
  input: {
    community: Community;
    activityId: string;
    member: MemberRecord;
    minutes: number;
    note?: string;
    actorId: string;
    now?: Date;
  },
  dependencies: { activities: ActivityStore; attendances: AttendanceStore; claims: ClaimStore },
): Promise<Claim> {
  refuseOwnInterest(input.actorId, [input.member.userId], 'Another staff member must enter your own hours');
  refuseOwnInterest(input.actorId, [input.member.guardianId], 'Another staff member must enter your child’s hours');
  const now = input.now ?? new Date();
  for (let attempt = 1; ; attempt += 1) {
    const activity = await getActivityOrThrow(dependencies.activities, input.community.id, input.activityId);
    const entry = await officeEntryFor({ ...input, now, activity }, dependencies);
    if (entry.kind === 'recorded_before') return entry.claim;
    const { attendance, claim, replacesClaimId } = entry;
    const outcome = await dependencies.attendances.recordOfficeAttendance(
      input.community.id,
      { attendance, claim, window: activity, replacesClaimId },
      {
        audit: {
          communityId: claim.communityId,
          action: 'claim.office_entry',
          objectType: 'claim',
          objectId: claim.id,
          after: claim,
        },
      },
    );
    if (outcome === 'recorded') return claim;
    if (outcome === 'full') throw new AppError('checkin.capacity_full', 'This activity is full');
    if (outcome === 'not_scheduled') throw new AppError('activity.cancelled', 'This activity has been cancelled');
    if (outcome === 'exists') {
      // The same request committed before (a retry after a lost reply makes the same ids).
      const stored = await dependencies.claims.getClaim(input.community.id, claim.id);
      if (stored) return stored;
      throw alreadyRecorded();
    }
    // The activity's times changed while this entry was checked against them: check again.
    if (attempt >= 3) throw new AppError('checkin.busy', 'The activity is being edited; please try again');
  }
}

/** Checks an office entry against the activity and the member's attendance; the items to write. */
async function officeEntryFor(
  input: {
    community: Community;
    activity: ActivityRecord;
    member: MemberRecord;
    minutes: number;
    note?: string;
    actorId: string;
    now: Date;
  },
  dependencies: { attendances: AttendanceStore; claims: ClaimStore },
): Promise<
  | { kind: 'new'; attendance: Attendance; claim: Claim; replacesClaimId?: string }
  | { kind: 'recorded_before'; claim: Claim }
> {
  const { activity, member, now } = input;
  if (activity.status === 'cancelled') throw new AppError('activity.cancelled', 'This activity has been cancelled');
  if (now.getTime() < Date.parse(activity.startsAt)) {
    throw new AppError('checkin.outside_window', 'Hours can be entered once the activity has started', {
      opensAt: activity.startsAt,
    });
  }
  const maxMinutes = maxAttendanceMinutes(activity);
  if (input.minutes > maxMinutes) {
    throw new AppError('checkin.minutes_exceed_window', `At most ${maxMinutes} minutes fit this activity`, {
      maxMinutes,
    });
  }
  const claim = claimFor({
    community: input.community,
    activity,
    member,
    minutes: input.minutes,
    id: officeClaimId(member.userId, now),
    source: 'office',
    createdBy: input.actorId,
    createdAt: now.toISOString(),
    note: input.note,
  });
  const existing = await dependencies.attendances.getAttendance(input.community.id, activity.id, member.userId);
  let replacesClaimId: string | undefined;
  if (existing) {
    if (existing.claimId === claim.id) {
      const stored = await dependencies.claims.getClaim(input.community.id, claim.id);
      if (stored) return { kind: 'recorded_before', claim: stored };
    }
    const previous = existing.claimId ? await dependencies.claims.getClaim(input.community.id, existing.claimId) : null;
    if (existing.status !== 'closed' || previous?.status !== 'rejected') throw alreadyRecorded();
    replacesClaimId = previous.id;
  }
  const attendance: Attendance = {
    id: attendanceId(activity.id, member.userId),
    activityId: activity.id,
    memberId: member.userId,
    status: 'closed',
    checkedInAt: claim.createdAt,
    checkedOutAt: claim.createdAt,
    source: 'office',
    claimId: claim.id,
  };
  return { kind: 'new', attendance, claim, replacesClaimId };
}

/**
 * Closes attendances still open after an activity's window: checked out at the end
 * of the activity, with the claim flagged for staff to review.
 */
export async function autoCloseAttendances(
  input: {
    community: Community;
    activity: ActivityRecord;
    getMember: (memberId: string) => Promise<MemberRecord | null>;
  },
  attendances: AttendanceStore,
): Promise<number> {
  const { community, activity } = input;
  // A cancelled activity files no claims: its settlement closes what was left open.
  if (activity.status === 'cancelled') return 0;
  let closedCount = 0;
  for (const open of await attendances.listOpenAttendances(community.id, activity.id)) {
    const member = await input.getMember(open.memberId);
    if (!member) continue;
    const claim = claimFor({
      community,
      activity,
      member,
      minutes: servedMinutes(activity, open.checkedInAt, activity.endsAt),
      id: checkoutClaimId(activity.id, member.userId),
      source: 'checkin',
      createdBy: 'system',
      createdAt: new Date().toISOString(),
      flagged: true,
      note: 'auto-closed: no check-out',
    });
    const closed: Attendance = {
      ...open,
      status: 'closed',
      checkedOutAt: activity.endsAt,
      autoClosed: true,
      claimId: claim.id,
    };
    if ((await attendances.checkOut(community.id, closed, claim)) === 'closed') closedCount += 1;
  }
  return closedCount;
}
