import { contracts } from '@linli/shared';
import { getCommunityOrThrow } from '../../domain/identity/communities';
import { getFundPage } from '../../domain/fund/fund';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** GET /v1/communities/{cid}/fund?cursor= — public: balance, monthly totals, every entry with its hash. */
export const handler = httpRoute(contracts.getFund, async ({ params, query }) => {
  const [, page] = await Promise.all([
    getCommunityOrThrow(stores.communities(), params.cid),
    getFundPage({ communityId: params.cid, cursor: query.cursor }, stores.fund()),
  ]);
  return ok(page);
});
