import type { Activity } from '@linli/shared';
import { notFound } from '../../lib/errors';
import { WHOLE_ACTIVITY, type ActivityRecord, type ActivityStore } from './ports';

/** The activity as anyone sees it: positions with their places taken, never the check-in secret. */
export function toActivity(record: ActivityRecord): Activity {
  const { checkinSecret: _secret, attended: _attended, signupCounts, positions, ...activity } = record;
  const counts = (id: string) => ({
    confirmed: Number(signupCounts?.[id]?.confirmed ?? 0),
    waitlisted: Number(signupCounts?.[id]?.waiting ?? 0),
  });
  if (positions?.length) {
    return { ...activity, positions: positions.map((position) => ({ ...position, ...counts(position.id) })) };
  }
  return { ...activity, signups: counts(WHOLE_ACTIVITY) };
}

export async function getActivityOrThrow(activities: ActivityStore, communityId: string, activityId: string) {
  const activity = await activities.getActivity(communityId, activityId);
  if (!activity) throw notFound('activity');
  return activity;
}
