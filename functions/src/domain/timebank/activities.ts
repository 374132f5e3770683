import type { Effects } from '../effects';
import {
  monthOf,
  type Activity,
  type CheckinCode,
  type CreateActivityRequest,
  type Page,
  type UpdateActivityRequest,
} from '@linli/shared';
import { AppError, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { currentCheckinCode, newCheckinSecret } from './checkin-token';
import type { ActivityRecord, ActivityStore } from './ports';

export const DEFAULT_GRACE_MINUTES = 15;
/** Residents see activities from a week back onwards. */
const LISTING_LOOKBACK_MILLISECONDS = 7 * 24 * 3600 * 1000;

export function toActivity(record: ActivityRecord): Activity {
  const { checkinSecret: _secret, ...activity } = record;
  return activity;
}

export async function getActivityOrThrow(activities: ActivityStore, communityId: string, activityId: string) {
  const activity = await activities.getActivity(communityId, activityId);
  if (!activity) throw notFound('activity');
  return activity;
}

export async function createActivity(
  input: { communityId: string; actorId: string; request: CreateActivityRequest; now?: Date },
  activities: ActivityStore,
): Promise<Activity> {
  const now = input.now ?? new Date();
  const { request } = input;
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
    status: 'scheduled',
    attendeeCount: 0,
    createdBy: input.actorId,
    createdAt: now.toISOString(),
    checkinSecret: newCheckinSecret(),
  };
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
  input: { communityId: string; activityId: string; patch: UpdateActivityRequest },
  activities: ActivityStore,
): Promise<Activity> {
  const current = await getActivityOrThrow(activities, input.communityId, input.activityId);
  const defined = Object.fromEntries(Object.entries(input.patch).filter(([, value]) => value !== undefined));
  const next: ActivityRecord = { ...current, ...defined };
  next.startsAt = new Date(next.startsAt).toISOString();
  next.endsAt = new Date(next.endsAt).toISOString();
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
  return toActivity(next);
}

export async function cancelActivity(
  input: { communityId: string; activityId: string },
  activities: ActivityStore,
): Promise<Activity> {
  const current = await getActivityOrThrow(activities, input.communityId, input.activityId);
  const cancelled = toActivity({ ...current, status: 'cancelled' });
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
  if ((await activities.cancelActivity(input.communityId, input.activityId, effects)) === 'not_scheduled') {
    throw new AppError('activity.cancelled', 'This activity is already cancelled');
  }
  return cancelled;
}

export async function listActivities(
  input: { communityId: string; cursor?: string; now?: Date },
  activities: ActivityStore,
): Promise<Page<Activity>> {
  const from = new Date((input.now ?? new Date()).getTime() - LISTING_LOOKBACK_MILLISECONDS).toISOString();
  const page = await activities.listActivities(input.communityId, from, input.cursor);
  return { items: page.items.map(toActivity), nextCursor: page.nextCursor };
}

export async function getCheckinCode(
  input: { communityId: string; activityId: string; now?: Date },
  activities: ActivityStore,
): Promise<CheckinCode> {
  const activity = await getActivityOrThrow(activities, input.communityId, input.activityId);
  if (activity.status === 'cancelled') throw new AppError('activity.cancelled', 'This activity is cancelled');
  return currentCheckinCode(activity.checkinSecret, activity.id, (input.now ?? new Date()).getTime());
}
