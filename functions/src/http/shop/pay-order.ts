import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { getOrderForBuyer } from '../../domain/shop/orders';
import { paymentFor } from '../../domain/shop/payments';
import { stores } from '../../wiring';
import { env } from '../../lib/env';
import { AppError } from '../../lib/errors';
import { httpRoute, ok } from '../route';

/**
 * POST /v1/communities/{cid}/orders/{oid}/pay — the buyer asks again how to pay an unpaid order
 * (WeChat Pay parameters for the same out_trade_no, or the dev payment on the dev stage).
 */
export const handler = httpRoute(contracts.payOrder, async ({ params, userId }) => {
  await requireMember(stores.communities(), params.cid, userId);
  const order = await getOrderForBuyer(stores.shop(), params.cid, params.oid, userId);
  if (order.status !== 'pending_payment' || Date.parse(order.expiresAt) <= Date.now()) {
    throw new AppError(
      'shop.order_not_payable',
      `This order is ${order.status === 'pending_payment' ? 'expired' : order.status}`,
    );
  }
  const user = await stores.users().getUser(userId);
  const payment = await paymentFor(
    { communityId: params.cid, order, payerOpenid: user?.openid ?? '' },
    { config: await env.wechatPay(), devStage: env.isDevStage() },
  );
  return ok({ payment });
});
