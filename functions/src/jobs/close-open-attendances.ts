import { getCommunityOrThrow } from '../domain/identity/communities';
import { settleCancelledActivity } from '../domain/timebank/activities';
import { autoCloseAttendances } from '../domain/timebank/attendance';
import { stores } from '../wiring';
import { logger } from '../lib/logger';

/**
 * Scheduled (serverless.yml, every 5 minutes; `npm start` runs it too): attendances
 * still open after an activity's window are closed at its end and their claims flagged;
 * cancelled activities whose settlement did not finish (a failure after the cancellation
 * committed) have their pending claims rejected and open attendances closed.
 */
export async function handler(): Promise<{ activities: number; closed: number; settled: number }> {
  const activities = stores.activities();
  const communities = stores.communities();
  const attendances = stores.attendances();
  const due = await activities.activitiesDueForAutoClose(new Date().toISOString());
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
