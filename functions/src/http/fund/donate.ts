import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { donationOrder } from '../../domain/shop/fulfilment';
import { paymentFor } from '../../domain/shop/payments';
import { stores } from '../../wiring';
import { env } from '../../lib/env';
import { AppError } from '../../lib/errors';
import { created, httpRoute } from '../route';

/** POST /v1/communities/{cid}/fund/donations — a one-off donation, paid like an order, wholly to the fund. */
export const handler = httpRoute(contracts.donate, async ({ params, body, userId }) => {
  const donor = await requireMember(stores.communities(), params.cid, userId);
  const config = await env.wechatPay();
  if (!config && !env.isDevStage()) throw new AppError('payment.unavailable', 'Online payment is not configured');
  const order = donationOrder({ donor, request: body });
  await stores.shop().createOrder(params.cid, order);
  const user = await stores.users().getUser(userId);
  const payment = await paymentFor(
    { communityId: params.cid, order, payerOpenid: user?.openid ?? '' },
    { config, devStage: env.isDevStage() },
  );
  return created({ ...order, payment });
});
