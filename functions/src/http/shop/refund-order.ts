import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { refundOrder, refuseOwnRefund } from '../../domain/shop/fulfilment';
import { stores } from '../../lib/dependencies';
import { env } from '../../lib/env';
import { httpRoute, ok } from '../../lib/http';
import { requestRefund } from '../../lib/wechat-pay';

/**
 * POST /v1/communities/{cid}/orders/{oid}/refund — staff: WeChat Pay returns the money (where it
 * was paid through WeChat), then the maker's earnings and the fund's share are reversed together.
 * Never by the order's buyer: refused before any money moves.
 */
export const handler = httpRoute(contracts.refundOrder, { auth: 'user' }, async ({ params, body, userId }) => {
  await requireStaff(stores.communities(), params.cid, userId);
  const config = await env.wechatPay();
  const order = await stores.shop().getOrder(params.cid, params.oid);
  if (order) refuseOwnRefund(order, userId);
  if (config && order?.paymentReference && !order.paymentReference.startsWith('dev-')) {
    // The money goes back first; the books follow only once WeChat Pay has accepted the refund.
    await requestRefund(config, {
      outTradeNo: order.id,
      outRefundNo: `rf${order.id}`,
      refundFen: order.totalFen,
      totalFen: order.totalFen,
      reason: body.reason,
    });
  }
  return ok(
    await refundOrder(
      { communityId: params.cid, orderId: params.oid, actorId: userId, reason: body.reason },
      { shop: stores.shop(), fund: stores.fund() },
    ),
  );
});
