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

/** Who reads an activity: staff, or a member (who sees a held one only if they created it). */
export interface ActivityReader {
  userId: string;
  isStaff: boolean;
}

/** Whether `reader` may see the activity: anyone, unless it is held for review (issue 19). */
export const visibleTo = (activity: Pick<Activity, 'heldForReview' | 'createdBy'>, reader: ActivityReader) =>
  !activity.heldForReview || reader.isStaff || activity.createdBy === reader.userId;

/** 404, as if there were none, for an activity held for review (no sign-up or check-in until released). */
export function assertNotHeld(activity: Pick<Activity, 'heldForReview'>): void {
  if (activity.heldForReview) throw notFound('activity');
}
