import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { cancelOrder } from '../../domain/shop/fulfilment';
import { stores } from '../../lib/dependencies';
import { httpRoute, ok } from '../../lib/http';

/** POST /v1/communities/{cid}/orders/{oid}/cancel — the buyer, while unpaid; stock returns. */
export const handler = httpRoute(contracts.cancelOrder, { auth: 'user' }, async ({ params, userId }) => {
  await requireMember(stores.communities(), params.cid, userId);
  return ok(await cancelOrder({ communityId: params.cid, orderId: params.oid, buyerId: userId }, stores.shop()));
});
