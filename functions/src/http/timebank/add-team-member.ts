import { contracts } from '@linli/shared';
import { addTeamMember } from '../../domain/timebank/team-roster';
import { requireTeamManager } from '../../domain/timebank/teams';
import { stores } from '../../wiring';
import { created, httpRoute } from '../route';

/** POST /v1/communities/{cid}/teams/{tid}/members — staff or the team's leader adds a member. */
export const handler = httpRoute(contracts.addTeamMember, async ({ params, body, userId }) => {
  const dependencies = { teams: stores.teams(), communities: stores.communities() };
  const { team } = await requireTeamManager(dependencies, { communityId: params.cid, teamId: params.tid, userId });
  const member = await addTeamMember({ team, memberId: body.memberId, actorId: userId }, dependencies);
  return created({ member });
});
