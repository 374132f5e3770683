import {
  notificationText,
  TIMEBANK_MESSAGES,
  type Activity,
  type MyAttendance,
  type MySignup,
  type Signup,
  type SignupRequest,
  type UnmetRequirement,
} from '@linli/shared';
import { unmetRequirements, type VolunteerProfileRecord } from './volunteer-profile';
import type { Effects } from '../effects';
import { AppError } from '../../lib/errors';
import type { MemberRecord } from '../identity/ports';
import { assertNotHeld, getActivityOrThrow, toActivity } from './activity-view';
import { waitlistOf } from './roster';

export { roster, waitlistOf } from './roster';
import {
  WHOLE_ACTIVITY,
  type ActivityRecord,
  type ActivityStore,
  type AttendanceStore,
  type SignupCount,
  type SignupRecord,
  type SignupStore,
} from './ports';

const MINUTE = 60_000;

export interface SignupDependencies {
  activities: ActivityStore;
  signups: SignupStore;
}

/** Where a sign-up's requirements are checked: the member's volunteer profile. */
export type ProfileReader = (communityId: string, userId: string) => Promise<VolunteerProfileRecord | null>;

/**
 * The places an activity starts with: one counter per position (岗位), or one for the whole
 * activity ({@link WHOLE_ACTIVITY}) holding `capacity` places (unlimited without one).
 */
export function initialSignupCounts(
  activity: Pick<ActivityRecord, 'positions' | 'capacity'>,
): Record<string, SignupCount> {
  if (activity.positions?.length) {
    return Object.fromEntries(
      activity.positions.map((position) => [position.id, { capacity: position.capacity, confirmed: 0, waiting: 0 }]),
    );
  }
  return {
    [WHOLE_ACTIVITY]: { ...(activity.capacity ? { capacity: activity.capacity } : {}), confirmed: 0, waiting: 0 },
  };
}

/** When sign-up closes: the staff's cut-off, else the activity's start. */
export const signupClosesAt = (activity: Pick<Activity, 'signupClosesAt' | 'startsAt'>): string =>
  activity.signupClosesAt ?? activity.startsAt;

/** The counter a sign-up takes its place in: its position, or the whole activity. */
function positionOf(activity: ActivityRecord, positionId: string | undefined): string {
  const positions = activity.positions ?? [];
  if (positions.length === 0) {
    if (positionId !== undefined) {
      throw new AppError('signup.position_unknown', 'This activity has no positions to choose from');
    }
    return WHOLE_ACTIVITY;
  }
  if (positionId === undefined) {
    throw new AppError('signup.position_required', 'Choose one of the activity’s positions', {
      positions: positions.map(({ id, name }) => ({ id, name })),
    });
  }
  if (!positions.some((position) => position.id === positionId)) {
    throw new AppError('signup.position_unknown', 'This activity has no such position', {
      positions: positions.map(({ id, name }) => ({ id, name })),
    });
  }
  return positionId;
}

/** 409 unless the activity is scheduled and has not ended. */
function assertOpen(activity: ActivityRecord, now: Date): void {
  assertNotHeld(activity);
  if (activity.status === 'cancelled') throw new AppError('activity.cancelled', 'This activity has been cancelled');
  if (now.getTime() >= Date.parse(activity.endsAt)) throw new AppError('activity.ended', 'This activity has ended');
}

const publicSignup = ({
  communityId: _community,
  activityStartsAt: _startsAt,
  remindedDayBefore: _day,
  remindedHourBefore: _hour,
  ...signup
}: SignupRecord): Signup => signup;

/**
 * 报名: the member takes a place in the activity (in `request.positionId` when it has positions),
 * or joins the waitlist past capacity — decided in the write itself, so 20 at once for 5 places
 * confirm exactly 5. 409 `signup.exists` while they hold a sign-up; 409 `activity.cancelled` /
 * `activity.ended`; 409 `signup.closed` from `signupClosesAt` (default: the start) on; 400
 * `signup.position_required` / `signup.position_unknown`.
 */
export async function signUp(
  input: { communityId: string; activityId: string; member: MemberRecord; request: SignupRequest; now?: Date },
  dependencies: SignupDependencies & { profileOf: ProfileReader },
): Promise<Signup> {
  const now = input.now ?? new Date();
  const activity = await getActivityOrThrow(dependencies.activities, input.communityId, input.activityId);
  assertOpen(activity, now);
  if (now.getTime() >= Date.parse(signupClosesAt(activity))) {
    throw new AppError('signup.closed', 'Sign-up for this activity has closed', { closedAt: signupClosesAt(activity) });
  }
  if (activity.requirements) {
    const unmet = unmetRequirements(activity, await dependencies.profileOf(input.communityId, input.member.userId));
    if (unmet.length > 0) {
      throw new AppError('signup.requirements_unmet', 'Your volunteer profile does not meet this activity’s needs', {
        unmet,
      });
    }
  }
  const position = positionOf(activity, input.request.positionId);
  const signup: SignupRecord = {
    id: `${activity.id}_${input.member.userId}`,
    communityId: input.communityId,
    activityId: activity.id,
    activityStartsAt: activity.startsAt,
    memberId: input.member.userId,
    displayName: input.member.displayName,
    ...(position === WHOLE_ACTIVITY ? {} : { positionId: position }),
    status: 'waitlisted',
    signedUpAt: now.toISOString(),
  };
  const outcome = await dependencies.signups.signUp(signup, position, initialSignupCounts(activity));
  if (outcome === 'exists') throw new AppError('signup.exists', 'You have already signed up for this activity');
  if (outcome === 'not_scheduled') throw new AppError('activity.cancelled', 'This activity has been cancelled');
  return publicSignup(
    outcome === 'confirmed'
      ? { ...signup, status: 'confirmed', confirmedAt: signup.signedUpAt }
      : { ...signup, status: 'waitlisted' },
  );
}

/** The notice to a member promoted from the waitlist (same transaction as the promotion). */
function promotionNotice(activity: ActivityRecord, promoted: SignupRecord): Effects {
  return {
    notify: [
      {
        userId: promoted.memberId,
        communityId: activity.communityId,
        kind: 'signup_promoted',
        ...notificationText(TIMEBANK_MESSAGES, { key: 'signup.promoted', values: { activity: activity.title } }),
        objectType: 'activity',
        objectId: activity.id,
      },
    ],
  };
}

/**
 * 取消报名: the member gives up their sign-up. A confirmed member's place goes, in the same
 * transaction, to the first on their position's waitlist, who is notified. 404
 * `signup.not_found` without an active sign-up; 409 `activity.ended` once it ended, 409
 * `signup.checked_in` once they checked in.
 */
export async function cancelSignup(
  input: { communityId: string; activityId: string; memberId: string; now?: Date },
  dependencies: SignupDependencies & { attendances: Pick<AttendanceStore, 'getAttendance'> },
): Promise<{ signup: Signup; promoted?: { memberId: string } }> {
  const now = input.now ?? new Date();
  for (let attempt = 1; attempt <= 6; attempt += 1) {
    const [activity, current] = await Promise.all([
      getActivityOrThrow(dependencies.activities, input.communityId, input.activityId),
      dependencies.signups.getSignup(input.communityId, input.activityId, input.memberId),
    ]);
    if (now.getTime() >= Date.parse(activity.endsAt)) throw new AppError('activity.ended', 'This activity has ended');
    if (!current || current.status === 'cancelled') {
      throw new AppError('signup.not_found', 'You have not signed up for this activity');
    }
    if (
      current.status === 'confirmed' &&
      (await dependencies.attendances.getAttendance(input.communityId, input.activityId, input.memberId))
    ) {
      throw new AppError('signup.checked_in', 'You have checked in to this activity: the sign-up stands');
    }
    let promote: { signup: SignupRecord; effects: Effects } | null = null;
    if (current.status === 'confirmed' && activity.status === 'scheduled') {
      const count = activity.signupCounts?.[current.positionId ?? WHOLE_ACTIVITY];
      const head = waitlistOf(
        await dependencies.signups.listSignups(input.communityId, input.activityId),
        current.positionId,
      )[0];
      if (head && count && count.capacity !== undefined && count.confirmed <= count.capacity) {
        const at = now.toISOString();
        promote = {
          signup: { ...head, status: 'confirmed', confirmedAt: at, promotedAt: at },
          effects: promotionNotice(activity, head),
        };
      }
    }
    const cancelledAt = now.toISOString();
    if ((await dependencies.signups.cancelSignup(current, cancelledAt, promote)) === 'cancelled') {
      return {
        signup: publicSignup({ ...current, status: 'cancelled', cancelledAt }),
        ...(promote ? { promoted: { memberId: promote.signup.memberId } } : {}),
      };
    }
  }
  throw new AppError('signup.busy', 'Many people are signing up right now; please try again');
}

/**
 * After staff gave an activity more places: the heads of its waitlists take the free places, in
 * order, each told as on a cancellation. Returns how many were confirmed.
 */
export async function fillFromWaitlist(
  input: { communityId: string; activityId: string; now?: Date },
  dependencies: SignupDependencies,
): Promise<number> {
  const at = (input.now ?? new Date()).toISOString();
  let promoted = 0;
  for (let round = 0; round < 200; round += 1) {
    const activity = await getActivityOrThrow(dependencies.activities, input.communityId, input.activityId);
    if (activity.status !== 'scheduled') return promoted;
    const free = Object.entries(activity.signupCounts ?? {}).find(
      ([, count]) => count.capacity !== undefined && count.confirmed < count.capacity && count.waiting > 0,
    );
    if (!free) return promoted;
    const positionId = free[0] === WHOLE_ACTIVITY ? undefined : free[0];
    const signups = await dependencies.signups.listSignups(input.communityId, input.activityId);
    const head = waitlistOf(signups, positionId)[0];
    if (!head) return promoted;
    if ((await dependencies.signups.promote(head, at, promotionNotice(activity, head))) === 'promoted') promoted += 1;
  }
  return promoted;
}

/** A sign-up as its member sees it, with the activity as it is now. */
function mySignup(
  signup: SignupRecord,
  activity: ActivityRecord,
  signups: readonly SignupRecord[] | null,
  checkedIn: boolean,
): MySignup {
  const place =
    signup.status === 'waitlisted' && signups
      ? waitlistOf(signups, signup.positionId).findIndex((one) => one.memberId === signup.memberId) + 1
      : undefined;
  const positionName = activity.positions?.find((position) => position.id === signup.positionId)?.name;
  return {
    activityId: signup.activityId,
    status: signup.status,
    ...(signup.positionId ? { positionId: signup.positionId } : {}),
    ...(positionName ? { positionName } : {}),
    ...(place ? { waitlistPosition: place } : {}),
    checkedIn,
    signedUpAt: signup.signedUpAt,
    activity: toActivity(activity),
  };
}

/**
 * The caller's sign-up for one activity (with their place on the waitlist), or null; and the
 * activity's requirements their profile does not meet (told before they sign up).
 */
export async function getMySignup(
  input: { communityId: string; activityId: string; memberId: string },
  dependencies: SignupDependencies & { attendances: AttendanceStore; profileOf: ProfileReader },
): Promise<{ signup: MySignup | null; unmet: UnmetRequirement[]; attendance: MyAttendance | null }> {
  const [activity, signup, attendance] = await Promise.all([
    getActivityOrThrow(dependencies.activities, input.communityId, input.activityId),
    dependencies.signups.getSignup(input.communityId, input.activityId, input.memberId),
    dependencies.attendances.getAttendance(input.communityId, input.activityId, input.memberId),
  ]);
  const unmet = activity.requirements
    ? unmetRequirements(activity, await dependencies.profileOf(input.communityId, input.memberId))
    : [];
  // Whether they came, walk-ins too (issue 21: after checking in, a reload said nothing of it).
  const mine: MyAttendance | null = attendance
    ? {
        status: attendance.status,
        checkedInAt: attendance.checkedInAt,
        ...(attendance.checkedOutAt ? { checkedOutAt: attendance.checkedOutAt } : {}),
      }
    : null;
  if (!signup) return { signup: null, unmet, attendance: mine };
  const signups =
    signup.status === 'waitlisted' ? await dependencies.signups.listSignups(input.communityId, input.activityId) : null;
  return { signup: mySignup(signup, activity, signups, attendance !== null), unmet, attendance: mine };
}

/**
 * 我的报名: the caller's sign-ups, soonest first — `upcoming` (default): activities not yet
 * ended, cancelled sign-ups left out; `all`: from 30 days back, every state.
 */
export async function listMySignups(
  input: { communityId: string; memberId: string; scope?: 'upcoming' | 'all'; now?: Date },
  dependencies: SignupDependencies & { attendances: AttendanceStore },
): Promise<{ items: MySignup[] }> {
  const now = input.now ?? new Date();
  // A sign-up is listed by its activity's start when it was made: look back a week for long activities.
  const lookBackDays = input.scope === 'all' ? 30 : 7;
  const from = new Date(now.getTime() - lookBackDays * 24 * 60 * MINUTE).toISOString();
  const signups = await dependencies.signups.listMemberSignups(input.communityId, input.memberId, from);
  const rows = await Promise.all(
    signups.map(async (signup) => {
      const [activity, attendance] = await Promise.all([
        dependencies.activities.getActivity(input.communityId, signup.activityId),
        dependencies.attendances.getAttendance(input.communityId, signup.activityId, input.memberId),
      ]);
      if (!activity) return null;
      if (input.scope !== 'all' && (signup.status === 'cancelled' || Date.parse(activity.endsAt) <= now.getTime())) {
        return null;
      }
      const others =
        signup.status === 'waitlisted'
          ? await dependencies.signups.listSignups(input.communityId, signup.activityId)
          : null;
      return mySignup(signup, activity, others, attendance !== null);
    }),
  );
  const items = rows.filter((row): row is MySignup => row !== null);
  items.sort((a, b) => a.activity.startsAt.localeCompare(b.activity.startsAt));
  return { items };
}

/**
 * After an activity ended: each confirmed sign-up without an attendance is a no-show, counted
 * once on its member (staff see the count on rosters). Returns how many were marked.
 */
export async function markNoShows(
  input: { communityId: string; activityId: string },
  dependencies: SignupDependencies & { attendances: AttendanceStore },
): Promise<number> {
  const [signups, attendances] = await Promise.all([
    dependencies.signups.listSignups(input.communityId, input.activityId),
    dependencies.attendances.listAttendances(input.communityId, input.activityId),
  ]);
  const came = new Set(attendances.map((attendance) => attendance.memberId));
  let marked = 0;
  for (const signup of signups) {
    if (signup.status !== 'confirmed' || signup.noShow || came.has(signup.memberId)) continue;
    if (await dependencies.signups.markNoShow(input.communityId, input.activityId, signup.memberId)) marked += 1;
  }
  return marked;
}

/**
 * A cancelled activity's sign-ups end, and each member who held one is told (once: the notice is
 * written with the sign-up's change). Part of settling a cancellation. Returns how many were told.
 */
export async function closeSignupsOfCancelledActivity(activity: ActivityRecord, signups: SignupStore): Promise<number> {
  const at = activity.cancelledAt ?? new Date().toISOString();
  let told = 0;
  for (const signup of await signups.listSignups(activity.communityId, activity.id)) {
    if (signup.status === 'cancelled') continue;
    const notice: Effects = {
      notify: [
        {
          userId: signup.memberId,
          communityId: activity.communityId,
          kind: 'activity_cancelled',
          ...notificationText(TIMEBANK_MESSAGES, {
            key: 'activity.cancelled',
            values: { activity: activity.title, startsAt: activity.startsAt },
          }),
          objectType: 'activity',
          objectId: activity.id,
        },
      ],
    };
    if (await signups.closeForCancelledActivity(signup, at, notice)) told += 1;
  }
  return told;
}

/** Reminders go out a day before an activity and an hour before. */
const REMINDER_WINDOWS = { day: 24 * 60 * MINUTE, hour: 60 * MINUTE } as const;

/**
 * Scheduled: reminds each confirmed member of an activity starting within a day (`day`) or within
 * the hour (`hour`, which replaces a day reminder not yet sent), once each, in the inbox and by
 * subscribe message (the push job sends inbox notices of kinds the member subscribed to).
 * Returns how many reminders were written.
 */
export async function sendActivityReminders(
  input: { communityIds: readonly string[]; now?: Date },
  dependencies: SignupDependencies,
): Promise<number> {
  const now = input.now ?? new Date();
  const until = new Date(now.getTime() + REMINDER_WINDOWS.day).toISOString();
  let sent = 0;
  for (const communityId of input.communityIds) {
    const soon = await dependencies.activities.activitiesStartingBetween(communityId, now.toISOString(), until);
    for (const activity of soon) {
      if (activity.status !== 'scheduled' || Date.parse(activity.startsAt) <= now.getTime()) continue;
      const which = Date.parse(activity.startsAt) - now.getTime() <= REMINDER_WINDOWS.hour ? 'hour' : 'day';
      sent += await remindSignedUp(activity, which, dependencies.signups);
    }
  }
  return sent;
}

async function remindSignedUp(activity: ActivityRecord, which: 'day' | 'hour', signups: SignupStore) {
  let sent = 0;
  for (const signup of await signups.listSignups(activity.communityId, activity.id)) {
    if (signup.status !== 'confirmed') continue;
    if (which === 'hour' ? signup.remindedHourBefore : signup.remindedDayBefore || signup.remindedHourBefore) continue;
    const values = { activity: activity.title, startsAt: activity.startsAt };
    const notice: Effects = {
      notify: [
        {
          userId: signup.memberId,
          communityId: activity.communityId,
          kind: 'activity_reminder',
          ...(activity.location
            ? notificationText(TIMEBANK_MESSAGES, {
                key: which === 'hour' ? 'activity.reminder_hour_at' : 'activity.reminder_day_at',
                values: { ...values, location: activity.location },
              })
            : notificationText(TIMEBANK_MESSAGES, {
                key: which === 'hour' ? 'activity.reminder_hour' : 'activity.reminder_day',
                values,
              })),
          objectType: 'activity',
          objectId: activity.id,
        },
      ],
    };
    if (await signups.markReminded(signup, which, notice)) sent += 1;
  }
  return sent;
}
