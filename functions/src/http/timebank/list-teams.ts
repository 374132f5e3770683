import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { listTeams } from '../../domain/timebank/teams';
import { stores } from '../../wiring';
import { alongside, httpRoute, ok } from '../route';

/** GET /v1/communities/{cid}/teams — members: every team, its hours this year, the caller's place in it. */
export const handler = httpRoute(contracts.listTeams, async ({ params, userId }) => {
  const [, teams] = await alongside(
    requireMember(stores.communities(), params.cid, userId),
    listTeams({ communityId: params.cid, userId }, stores.teams()),
  );
  return ok(teams);
});
