import { contracts } from '@linli/shared';
import { rejectJoinRequest } from '../../domain/timebank/team-roster';
import { requireTeamManager } from '../../domain/timebank/teams';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** POST /v1/communities/{cid}/teams/{tid}/join-requests/{memberId}/reject — staff or the team's leader. */
export const handler = httpRoute(contracts.rejectTeamJoinRequest, async ({ params, body, userId }) => {
  const teams = stores.teams();
  const { team } = await requireTeamManager(
    { teams, communities: stores.communities() },
    { communityId: params.cid, teamId: params.tid, userId },
  );
  const request = await rejectJoinRequest(
    { team, memberId: params.memberId, actorId: userId, reason: body.reason },
    teams,
  );
  return ok({ request });
});
