import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { getLeaderboard } from '../../domain/market/contributions';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** GET /v1/communities/{cid}/leaderboard?month=YYYY-MM&kind= — members: top contributors. */
export const handler = httpRoute(contracts.getLeaderboard, async ({ params, query, userId }) => {
  await requireMember(stores.communities(), params.cid, userId);
  return ok(await getLeaderboard({ communityId: params.cid, ...query }, stores.supermarket()));
});
