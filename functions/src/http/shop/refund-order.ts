import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { refundOrder } from '../../domain/shop/fulfilment';
import { sendRequestedRefund } from '../../domain/shop/payments';
import { stores } from '../../wiring';
import { env } from '../../lib/env';
import { httpRoute, ok } from '../route';

/**
 * POST /v1/communities/{cid}/orders/{oid}/refund — staff: the books first (the makers' earnings
 * and the fund's share reversed together, the WeChat refund recorded as `requested`), then WeChat
 * Pay is asked to return the money. Never by the order's buyer
 * (`refundOrder` refuses before anything moves). If WeChat cannot be reached or its reply is not verified the
 * answer is 503 and the refund stays `requested`: refunding again sends it again.
 */
export const handler = httpRoute(contracts.refundOrder, async ({ params, body, userId }) => {
  await requireStaff(stores.communities(), params.cid, userId);
  const config = await env.wechatPay();
  const shop = stores.shop();
  const refunded = await refundOrder(
    { communityId: params.cid, orderId: params.oid, actorId: userId, reason: body.reason, wechatPay: config !== null },
    { shop, fund: stores.fund() },
  );
  return ok(config ? await sendRequestedRefund(params.cid, refunded, { shop, config }) : refunded);
});
