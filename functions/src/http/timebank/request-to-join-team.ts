import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { requestToJoinTeam } from '../../domain/timebank/team-roster';
import { stores } from '../../wiring';
import { created, httpRoute } from '../route';

/** POST /v1/communities/{cid}/teams/{tid}/join-requests — a member asks to join; a leader decides. */
export const handler = httpRoute(contracts.requestToJoinTeam, async ({ params, userId }) => {
  const member = await requireMember(stores.communities(), params.cid, userId);
  const request = await requestToJoinTeam({ communityId: params.cid, teamId: params.tid, member }, stores.teams());
  return created({ request });
});
