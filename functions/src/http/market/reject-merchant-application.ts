import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { decideApplication } from '../../domain/market/merchants';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** POST /v1/communities/{cid}/merchant-applications/{id}/reject — staff vetting; records who and when. */
export const handler = httpRoute(contracts.rejectMerchantApplication, async ({ params, body, userId }) => {
  const communities = stores.communities();
  await requireStaff(communities, params.cid, userId);
  const merchant = await decideApplication(
    { communityId: params.cid, merchantId: params.id, actorId: userId, approve: false, reason: body.reason },
    { merchants: stores.merchants(), communities },
  );
  return ok({ merchant });
});
