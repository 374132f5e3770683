import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { refundOrder } from '../../domain/shop/fulfilment';
import { stores } from '../../lib/dependencies';
import { httpRoute, ok } from '../../lib/http';

/** POST /v1/communities/{cid}/orders/{oid}/refund — staff: reverses the maker's earnings and the fund's share together. */
export const handler = httpRoute(contracts.refundOrder, { auth: 'user' }, async ({ params, body, userId }) => {
  await requireStaff(stores.communities(), params.cid, userId);
  return ok(
    await refundOrder(
      { communityId: params.cid, orderId: params.oid, actorId: userId, reason: body.reason },
      { shop: stores.shop(), fund: stores.fund() },
    ),
  );
});
