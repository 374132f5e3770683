import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { refundSale } from '../../domain/shop/fulfilment';
import { stores } from '../../wiring';
import { paymentGateway } from '../../wiring-payments';
import { httpRoute, ok } from '../route';

/**
 * POST /v1/communities/{cid}/orders/{oid}/refund — staff: the books first (the makers' earnings
 * and the fund's share reversed together, the WeChat refund recorded as `requested`), then WeChat
 * Pay is asked to return the money (`refundSale`). Never by the order's buyer. If WeChat cannot be
 * reached or its reply is not verified the answer is 503 and the refund stays `requested`.
 */
export const handler = httpRoute(contracts.refundOrder, async ({ params, body, userId }) => {
  await requireStaff(stores.communities(), params.cid, userId);
  const refund = { communityId: params.cid, orderId: params.oid, actorId: userId, reason: body.reason };
  return ok(await refundSale(refund, { shop: stores.shop(), fund: stores.fund(), payments: await paymentGateway() }));
});
