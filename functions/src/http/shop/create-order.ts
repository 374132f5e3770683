import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { createOrder } from '../../domain/shop/orders';
import { stores } from '../../lib/dependencies';
import { env } from '../../lib/env';
import { AppError } from '../../lib/errors';
import { created, httpRoute } from '../../lib/http';

/** POST /v1/communities/{cid}/orders — stock reserved atomically; unpaid orders expire after 15 minutes. */
export const handler = httpRoute(contracts.createOrder, { auth: 'user' }, async ({ params, body, userId }) => {
  const buyer = await requireMember(stores.communities(), params.cid, userId);
  if (!env.isDevStage()) {
    throw new AppError('payment.unavailable', 'Online payment is not configured on this stage yet');
  }
  const order = await createOrder({ communityId: params.cid, buyer, request: body }, stores.shop());
  return created({ ...order, payment: { mode: 'dev' as const } });
});
