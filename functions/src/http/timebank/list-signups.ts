import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { getActivityOrThrow } from '../../domain/timebank/activities';
import { roster } from '../../domain/timebank/roster';
import { requireTeamManager } from '../../domain/timebank/teams';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/**
 * GET /v1/communities/{cid}/activities/{aid}/signups — staff, or a leader of the activity's team:
 * the roster with check-in status; no-show counts for staff only.
 */
export const handler = httpRoute(contracts.listSignups, async ({ params, userId }) => {
  const activity = await getActivityOrThrow(stores.activities(), params.cid, params.aid).catch(async (error) => {
    // Nobody learns which activities exist before they are known to be allowed.
    await requireStaff(stores.communities(), params.cid, userId);
    throw error;
  });
  const office = activity.teamId
    ? (
        await requireTeamManager(
          { teams: stores.teams(), communities: stores.communities() },
          { communityId: params.cid, teamId: activity.teamId, userId },
        )
      ).office
    : (await requireStaff(stores.communities(), params.cid, userId), true);
  const reply = await roster(
    { communityId: params.cid, activityId: params.aid },
    {
      activities: stores.activities(),
      signups: stores.signups(),
      attendances: stores.attendances(),
      membersById: (ids) => stores.communities().getMembers(params.cid, ids),
    },
  );
  return ok(office ? reply : { ...reply, items: reply.items.map(({ noShows: _hidden, ...entry }) => entry) });
});
