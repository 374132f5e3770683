import { getCommunityOrThrow } from '../domain/identity/communities';
import { settleCancelledActivity } from '../domain/timebank/activities';
import { autoCloseAttendances } from '../domain/timebank/attendance';
import { stores } from '../wiring';
import { logger } from '../lib/logger';

/**
 * Scheduled (serverless.yml, every 5 minutes; `npm start` runs it too): attendances
 * still open after an activity's window are closed at its end and their claims flagged;
 * cancelled activities whose settlement did not finish (a failure after the cancellation
 * committed) have their pending claims rejected and open attendances closed. The attendee
 * counts of uncapped activities (kept on shards by check-ins) are copied onto the activities
 * for lists: those checking in now, and each one a last time when its window has closed.
 */
export async function handler(): Promise<{ activities: number; closed: number; settled: number }> {
  const activities = stores.activities();
  const communities = stores.communities();
  const attendances = stores.attendances();
  const now = new Date().toISOString();
  for (const { communityId, activityId } of await activities.activitiesCheckingIn(now)) {
    await activities.foldAttendeeCount(communityId, activityId);
  }
  const due = await activities.activitiesDueForAutoClose(now);
  let closed = 0;
  for (const { communityId, activityId } of due) {
    const [community, activity] = await Promise.all([
      getCommunityOrThrow(communities, communityId),
      activities.getActivity(communityId, activityId),
    ]);
    if (activity) {
      closed += await autoCloseAttendances(
        { community, activity, getMember: (memberId) => communities.getMember(communityId, memberId) },
        attendances,
      );
    }
    await activities.foldAttendeeCount(communityId, activityId);
    await activities.markAutoCloseDone(communityId, activityId);
  }
  let settled = 0;
  const toSettle = await activities.activitiesToSettle();
  for (const { communityId, activityId } of toSettle) {
    settled += await settleCancelledActivity(
      { communityId, activityId },
      { activities, attendances, claims: stores.claims() },
    );
  }
  logger.info('closed open attendances', { activities: due.length, closed, cancelled: toSettle.length, settled });
  return { activities: due.length, closed, settled };
}
