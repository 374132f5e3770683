import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { retryShippingNow } from '../../domain/shop/shipping';
import { shippingDependencies, stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/**
 * POST /v1/communities/{cid}/orders/{oid}/shipping-upload — staff: upload the order's shipping
 * information to WeChat again now (a failed or pending upload, its attempts counted afresh). The
 * order as it is after the attempt (200 whatever WeChat said: see `shipping.status` / `lastError`);
 * 409 `shop.shipping_not_owed` when nothing is waiting.
 */
export const handler = httpRoute(contracts.retryShippingUpload, async ({ params, userId }) => {
  await requireStaff(stores.communities(), params.cid, userId);
  return ok(await retryShippingNow({ communityId: params.cid, orderId: params.oid }, shippingDependencies()));
});
