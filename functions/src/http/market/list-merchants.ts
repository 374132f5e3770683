import { contracts } from '@linli/shared';
import { ALLIANCE_STATUSES, toPublicMerchant } from '../../domain/market/merchants';
import { getCommunityOrThrow } from '../../domain/identity/communities';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** GET /v1/communities/{cid}/merchants — public: the alliance (active and warned merchants). */
export const handler = httpRoute(contracts.listMerchants, async ({ params }) => {
  await getCommunityOrThrow(stores.communities(), params.cid);
  const merchants = stores.merchants();
  const pages = await Promise.all(
    ALLIANCE_STATUSES.map((status) => merchants.listMerchantsByStatus(params.cid, status, undefined)),
  );
  return ok({ items: pages.flatMap((page) => page.items).map(toPublicMerchant) });
});
