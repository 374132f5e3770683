import { contracts } from '@linli/shared';
import { approveJoinRequest } from '../../domain/timebank/team-roster';
import { requireTeamManager } from '../../domain/timebank/teams';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** POST /v1/communities/{cid}/teams/{tid}/join-requests/{memberId}/approve — staff or the team's leader. */
export const handler = httpRoute(contracts.approveTeamJoinRequest, async ({ params, userId }) => {
  const teams = stores.teams();
  const { team } = await requireTeamManager(
    { teams, communities: stores.communities() },
    { communityId: params.cid, teamId: params.tid, userId },
  );
  const member = await approveJoinRequest({ team, memberId: params.memberId, actorId: userId }, teams);
  return ok({ member });
});
