import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { getTeamPage } from '../../domain/timebank/teams';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** GET /v1/communities/{cid}/teams/{tid} — members: the team page (members, hours, upcoming activities). */
export const handler = httpRoute(contracts.getTeam, async ({ params, userId }) => {
  const member = await requireMember(stores.communities(), params.cid, userId);
  return ok(await getTeamPage({ communityId: params.cid, teamId: params.tid, member }, stores.teams()));
});
