import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { cancelOrder } from '../../domain/shop/fulfilment';
import { stores } from '../../wiring';
import { paymentGateway } from '../../wiring-payments';
import { httpRoute, ok } from '../route';

/**
 * POST /v1/communities/{cid}/orders/{oid}/cancel — the buyer, while unpaid; the WeChat order is
 * closed first (503 when WeChat cannot be reached: nothing changed, retry), then stock returns.
 */
export const handler = httpRoute(contracts.cancelOrder, async ({ params, userId }) => {
  await requireMember(stores.communities(), params.cid, userId);
  return ok(
    await cancelOrder(
      { communityId: params.cid, orderId: params.oid, buyerId: userId },
      { shop: stores.shop(), fund: stores.fund(), consents: stores.consents(), payments: await paymentGateway() },
    ),
  );
});
