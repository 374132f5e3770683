import type { Effects } from '../effects';
import {
  monthOf,
  type Activity,
  type ActivityCategoryDefinition,
  type CheckinCode,
  type CreateActivityRequest,
  type Page,
  type UpdateActivityRequest,
} from '@linli/shared';
import { AppError, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { currentCheckinCode, newCheckinSecret } from './checkin-token';
import { rejectClaim } from './claims';
import {
  type ActivityRecord,
  type ActivityStore,
  type AttendanceStore,
  type ClaimStore,
  type SignupStore,
} from './ports';
import { closeSignupsOfCancelledActivity, initialSignupCounts } from './signups';

export const DEFAULT_GRACE_MINUTES = 15;

/**
 * An activity with positions (岗位) takes its places from them; an overall capacity beside them
 * could turn away a confirmed member at check-in: 400 `activity.capacity_with_positions`.
 */
const capacityWithPositions = () =>
  new AppError('activity.capacity_with_positions', 'An activity with positions has its places per position', {
    fields: [{ path: 'capacity', code: 'custom', message: 'leave it out: each position has its capacity' }],
  });
/** Residents see activities from a week back onwards. */
const LISTING_LOOKBACK_MILLISECONDS = 7 * 24 * 3600 * 1000;

export { assertNotHeld, getActivityOrThrow, toActivity, visibleTo, type ActivityReader } from './activity-view';
import { getActivityOrThrow, toActivity, visibleTo, type ActivityReader } from './activity-view';
import { refuseOwnInterest } from '../identity/conflicts';

/**
 * An activity's category must be one of its community's own (`rules.activityCategories`, or the
 * default set): 400 `activity.category_unknown` with the ids it may be.
 */
export function assertCategory(category: string, categories: readonly ActivityCategoryDefinition[]): void {
  if (categories.some((known) => known.id === category)) return;
  throw new AppError('activity.category_unknown', 'This community has no such activity category', {
    categories: categories.map((known) => known.id),
  });
}

export async function createActivity(
  input: {
    communityId: string;
    actorId: string;
    request: CreateActivityRequest;
    categories: readonly ActivityCategoryDefinition[];
    now?: Date;
    /** An occurrence of a weekly series (`series.ts`, which writes them all at once). */
    series?: { id: string; weekdays: number[] };
    /** A team leader's text WeChat's check held for review: hidden until staff release it. */
    held?: boolean;
  },
  activities: Pick<ActivityStore, 'createActivity'>,
): Promise<Activity> {
  const now = input.now ?? new Date();
  const { request } = input;
  assertCategory(request.category, input.categories);
  if (request.positions?.length && request.capacity !== undefined) throw capacityWithPositions();
  const record: ActivityRecord = {
    id: newId(now.getTime()),
    communityId: input.communityId,
    title: request.title,
    category: request.category,
    description: request.description,
    startsAt: new Date(request.startsAt).toISOString(),
    endsAt: new Date(request.endsAt).toISOString(),
    location: request.location,
    capacity: request.capacity,
    teamId: request.teamId,
    graceMinutes: request.graceMinutes ?? DEFAULT_GRACE_MINUTES,
    ...(request.positions
      ? { positions: request.positions.map((position, index) => ({ id: `p${index + 1}`, ...position })) }
      : {}),
    ...(request.signupRequired ? { signupRequired: true } : {}),
    ...(request.signupClosesAt ? { signupClosesAt: new Date(request.signupClosesAt).toISOString() } : {}),
    ...(request.requirements ? { requirements: request.requirements } : {}),
    ...(request.coverImageId ? { coverImageId: request.coverImageId } : {}),
    ...(input.held ? { heldForReview: true } : {}),
    status: 'scheduled',
    attendeeCount: 0,
    createdBy: input.actorId,
    createdAt: now.toISOString(),
    checkinSecret: newCheckinSecret(),
    seriesId: input.series?.id,
    seriesWeekdays: input.series?.weekdays,
  };
  record.signupCounts = initialSignupCounts(record);
  await activities.createActivity(record, {
    audit: {
      communityId: record.communityId,
      action: 'activity.create',
      objectType: 'activity',
      objectId: record.id,
      after: toActivity(record),
    },
    stats: [
      { communityId: record.communityId, month: monthOf(record.startsAt), section: 'TIMEBANK', add: { activities: 1 } },
    ],
  });
  return toActivity(record);
}

export async function updateActivity(
  input: {
    communityId: string;
    activityId: string;
    patch: UpdateActivityRequest;
    categories: readonly ActivityCategoryDefinition[];
  },
  activities: ActivityStore,
): Promise<Activity> {
  if (input.patch.category !== undefined) assertCategory(input.patch.category, input.categories);
  // With its count as of now: the reply shows it (the scans are counted on shards).
  const current = await activities.getActivityWithLiveCount(input.communityId, input.activityId);
  if (!current) throw notFound('activity');
  if (current.positions?.length && input.patch.capacity !== undefined) throw capacityWithPositions();
  const defined = Object.fromEntries(Object.entries(input.patch).filter(([, value]) => value !== undefined));
  const next: ActivityRecord = { ...current, ...defined };
  // `coverImageId: null` takes the cover off.
  if (input.patch.coverImageId === null) delete next.coverImageId;
  next.startsAt = new Date(next.startsAt).toISOString();
  next.endsAt = new Date(next.endsAt).toISOString();
  if (next.signupClosesAt) next.signupClosesAt = new Date(next.signupClosesAt).toISOString();
  if (next.signupClosesAt && Date.parse(next.signupClosesAt) > Date.parse(next.startsAt)) {
    throw new AppError('request.validation_failed', 'Sign-up closes at the latest when the activity starts', {
      fields: [{ path: 'signupClosesAt', code: 'custom', message: 'must not be after startsAt' }],
    });
  }
  if (Date.parse(next.endsAt) <= Date.parse(next.startsAt)) {
    throw new AppError('request.validation_failed', 'endsAt must be after startsAt', {
      fields: [{ path: 'endsAt', code: 'custom', message: 'endsAt must be after startsAt' }],
    });
  }
  const moved = monthOf(current.startsAt) !== monthOf(next.startsAt);
  const outcome = await activities.saveActivity(next, {
    audit: {
      communityId: next.communityId,
      action: 'activity.update',
      objectType: 'activity',
      objectId: next.id,
      before: toActivity(current),
      after: toActivity(next),
    },
    stats: moved
      ? [
          {
            communityId: next.communityId,
            month: monthOf(current.startsAt),
            section: 'TIMEBANK',
            add: { activities: -1 },
          },
          { communityId: next.communityId, month: monthOf(next.startsAt), section: 'TIMEBANK', add: { activities: 1 } },
        ]
      : [],
  });
  if (outcome === 'not_scheduled') throw new AppError('activity.cancelled', 'A cancelled activity cannot be edited');
  if (outcome === 'below_attendance') {
    throw new AppError('activity.capacity_below_attendance', 'More people have checked in than this capacity');
  }
  if (outcome === 'window_below_attendance') {
    throw new AppError(
      'activity.window_below_attendance',
      'People have attended already: the start may only move earlier, the end later and the grace grow',
      { startsAt: current.startsAt, endsAt: current.endsAt, graceMinutes: current.graceMinutes },
    );
  }
  return toActivity(next);
}

/** The reason a claim of a cancelled activity is rejected with (shown to the member). */
export const CANCELLED_ACTIVITY_REASON = '活动已取消';

/**
 * Cancels a scheduled activity (409 `activity.has_approved_claims` while a claim of it stands
 * approved: an admin reverses those first). The cancellation queues the activity for
 * settlement in the same write; `settleCancelledActivity` then rejects its pending claims
 * (the members notified) and closes its open attendances — right away here, and by the
 * scheduled `closeOpenAttendances` for whatever a failure left. Meanwhile no claim of it can
 * be filed or approved: those writes are conditional on the activity being scheduled.
 */
export async function cancelActivity(
  input: { communityId: string; activityId: string; actorId: string; now?: Date },
  dependencies: SettlementDependencies,
): Promise<Activity> {
  const at = (input.now ?? new Date()).toISOString();
  const current = await getActivityOrThrow(dependencies.activities, input.communityId, input.activityId);
  const cancelled = toActivity({ ...current, status: 'cancelled', cancelledBy: input.actorId, cancelledAt: at });
  const effects: Effects = {
    audit: {
      communityId: input.communityId,
      action: 'activity.cancel',
      objectType: 'activity',
      objectId: input.activityId,
      before: toActivity(current),
      after: cancelled,
    },
    stats: [
      {
        communityId: input.communityId,
        month: monthOf(current.startsAt),
        section: 'TIMEBANK',
        add: { activities: -1 },
      },
    ],
  };
  const outcome = await dependencies.activities.cancelActivity(
    input.communityId,
    input.activityId,
    { by: input.actorId, at },
    effects,
  );
  if (outcome === 'not_scheduled') throw new AppError('activity.cancelled', 'This activity is already cancelled');
  if (outcome === 'has_approved_claims') {
    throw new AppError(
      'activity.has_approved_claims',
      'Hours of this activity were approved and paid; an admin reverses them before it can be cancelled',
    );
  }
  await settleCancelledActivity({ communityId: input.communityId, activityId: input.activityId }, dependencies);
  return cancelled;
}

export interface SettlementDependencies {
  activities: ActivityStore;
  attendances: AttendanceStore;
  claims: ClaimStore;
  signups: SignupStore;
}

/**
 * Settles a cancelled activity: every pending claim rejected with the reason (the member
 * notified, as any rejection), every open attendance closed without a claim, every sign-up
 * ended with a notice to its member; then it leaves the settlement queue. Idempotent: a second run finds nothing left to do.
 * Returns how many claims and attendances it settled.
 */
export async function settleCancelledActivity(
  input: { communityId: string; activityId: string },
  dependencies: SettlementDependencies,
): Promise<number> {
  const activity = await dependencies.activities.getActivity(input.communityId, input.activityId);
  if (activity?.status !== 'cancelled') return 0;
  const by = activity.cancelledBy ?? 'system';
  const at = activity.cancelledAt ?? new Date().toISOString();
  let settled = 0;
  for (const open of await dependencies.attendances.listOpenAttendances(input.communityId, input.activityId)) {
    if (await dependencies.attendances.closeCancelled(input.communityId, open, at)) settled += 1;
  }
  for (const claim of await dependencies.claims.listPendingClaimsOfActivity(input.communityId, input.activityId)) {
    try {
      await rejectClaim(
        { communityId: input.communityId, claimId: claim.id, actorId: by, reason: CANCELLED_ACTIVITY_REASON },
        dependencies.claims,
      );
      settled += 1;
    } catch (error) {
      // Decided meanwhile by staff (a rejection: an approval cannot pass a cancelled activity).
      if (!(error instanceof AppError && error.code === 'claim.already_decided')) throw error;
    }
  }
  settled += await closeSignupsOfCancelledActivity(activity, dependencies.signups);
  await dependencies.activities.markSettled(input.communityId, input.activityId);
  return settled;
}

export async function listActivities(
  input: { communityId: string; cursor?: string; now?: Date; reader?: ActivityReader; onlyHeld?: boolean },
  activities: ActivityStore,
): Promise<Page<Activity>> {
  const from = new Date((input.now ?? new Date()).getTime() - LISTING_LOOKBACK_MILLISECONDS).toISOString();
  const page = await activities.listActivities(input.communityId, from, input.cursor);
  const items = page.items.filter(
    (activity) =>
      (!input.reader || visibleTo(activity, input.reader)) && (!input.onlyHeld || activity.heldForReview === true),
  );
  return { items: items.map(toActivity), nextCursor: page.nextCursor };
}

/** Staff (never its creator) release an activity held for review: residents see it, may sign up and check in. */
export async function releaseActivity(
  input: { communityId: string; activityId: string; actorId: string },
  activities: ActivityStore,
): Promise<Activity> {
  const activity = await getActivityOrThrow(activities, input.communityId, input.activityId);
  refuseOwnInterest(input.actorId, [activity.createdBy], 'An activity you created is released by another staff member');
  const released = await activities.releaseHeld(input.communityId, input.activityId, {
    audit: {
      communityId: input.communityId,
      action: 'activity.release',
      objectType: 'activity',
      objectId: input.activityId,
      before: { heldForReview: true },
      after: { heldForReview: false },
      actorId: input.actorId,
    },
  });
  if (!released) throw new AppError('activity.not_held', 'This activity is not waiting for review');
  return toActivity(released);
}

export async function getCheckinCode(
  input: { communityId: string; activityId: string; now?: Date },
  activities: ActivityStore,
): Promise<CheckinCode> {
  const activity = await getActivityOrThrow(activities, input.communityId, input.activityId);
  if (activity.status === 'cancelled') throw new AppError('activity.cancelled', 'This activity is cancelled');
  return currentCheckinCode(activity.checkinSecret, activity.id, (input.now ?? new Date()).getTime());
}
