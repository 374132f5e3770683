import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { createOrder } from '../../domain/shop/orders';
import { paymentFor } from '../../domain/shop/payments';
import { stores } from '../../wiring';
import { env } from '../../lib/env';
import { AppError } from '../../lib/errors';
import { created, httpRoute } from '../route';

/**
 * POST /v1/communities/{cid}/orders — stock reserved atomically; unpaid orders expire after 15
 * minutes. The reply carries the WeChat Pay parameters (or the dev payment on the dev stage).
 */
export const handler = httpRoute(contracts.createOrder, async ({ params, body, userId }) => {
  const buyer = await requireMember(stores.communities(), params.cid, userId);
  const config = await env.wechatPay();
  if (!config && !env.isDevStage()) throw new AppError('payment.unavailable', 'Online payment is not configured');
  const order = await createOrder({ communityId: params.cid, buyer, request: body }, stores.shop());
  const user = await stores.users().getUser(userId);
  const payment = await paymentFor(
    { communityId: params.cid, order, payerOpenid: user?.openid ?? '' },
    { config, devStage: env.isDevStage() },
  );
  return created({ ...order, payment });
});
