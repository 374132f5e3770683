import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { decideApplication } from '../../domain/market/merchants';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** POST /v1/communities/{cid}/merchant-applications/{id}/approve — staff vetting; records who and when. */
export const handler = httpRoute(contracts.approveMerchantApplication, async ({ params, userId }) => {
  const communities = stores.communities();
  await requireStaff(communities, params.cid, userId);
  const merchant = await decideApplication(
    { communityId: params.cid, merchantId: params.id, actorId: userId, approve: true },
    { merchants: stores.merchants(), communities },
  );
  return ok({ merchant });
});
