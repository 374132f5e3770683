import { getCommunityOrThrow } from '../domain/identity/communities';
import { settleCancelledActivity } from '../domain/timebank/activities';
import { autoCloseAttendances } from '../domain/timebank/attendance';
import { markNoShows } from '../domain/timebank/signups';
import { stores } from '../wiring';
import { logger } from '../lib/logger';

/**
 * Scheduled (serverless.yml, every 5 minutes; `npm start` runs it too): attendances
 * still open after an activity's window are closed at its end and their claims flagged;
 * cancelled activities whose settlement did not finish (a failure after the cancellation
 * committed) have their pending claims rejected and open attendances closed. The attendee
 * counts of uncapped activities (kept on shards by check-ins) are copied onto the activities
 * for lists: those checking in now, and each one a last time when its window has closed.
 * Confirmed sign-ups of an activity whose window closed without a check-in count as no-shows.
 */
export async function handler(): Promise<{ activities: number; closed: number; settled: number; noShows: number }> {
  const activities = stores.activities();
  const communities = stores.communities();
  const attendances = stores.attendances();
  const signups = stores.signups();
  const now = new Date().toISOString();
  for (const { communityId, activityId } of await activities.activitiesCheckingIn(now)) {
    await activities.foldAttendeeCount(communityId, activityId);
  }
  const due = await activities.activitiesDueForAutoClose(now);
  let closed = 0;
  let noShows = 0;
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
    noShows += await markNoShows({ communityId, activityId }, { activities, signups, attendances });
    await activities.foldAttendeeCount(communityId, activityId);
    await activities.markAutoCloseDone(communityId, activityId);
  }
  let settled = 0;
  const toSettle = await activities.activitiesToSettle();
  for (const { communityId, activityId } of toSettle) {
    settled += await settleCancelledActivity(
      { communityId, activityId },
      { activities, attendances, claims: stores.claims(), signups },
    );
  }
  logger.info('closed open attendances', {
    activities: due.length,
    closed,
    noShows,
    cancelled: toSettle.length,
    settled,
  });
  return { activities: due.length, closed, settled, noShows };
}
