import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { removeTeamMember } from '../../domain/timebank/team-roster';
import { toTeam } from '../../domain/timebank/teams';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/**
 * DELETE /v1/communities/{cid}/teams/{tid}/members/{memberId} — the member leaves; staff remove
 * anyone; the team's leader removes an ordinary member.
 */
export const handler = httpRoute(contracts.removeTeamMember, async ({ params, userId }) => {
  const caller = await requireMember(stores.communities(), params.cid, userId);
  const team = await removeTeamMember(
    { communityId: params.cid, teamId: params.tid, memberId: params.memberId, caller },
    stores.teams(),
  );
  return ok({ removed: true as const, team: toTeam(team) });
});
