import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { createOrder } from '../../domain/shop/orders';
import { checkout } from '../../domain/shop/payments';
import { stores } from '../../wiring';
import { created, httpRoute } from '../route';
import { checkoutDependencies } from '../../wiring-payments';

/**
 * POST /v1/communities/{cid}/orders — stock reserved atomically; unpaid orders expire after 15
 * minutes. The reply carries the WeChat Pay parameters (or the dev payment on the dev stage).
 */
export const handler = httpRoute(contracts.createOrder, async ({ params, body, userId }) => {
  const productIds = body.items.map((item) => item.productId);
  await stores.shop().readAheadOrder(params.cid, productIds, userId);
  const buyer = await requireMember(stores.communities(), params.cid, userId);
  const place = () => createOrder({ communityId: params.cid, buyer, request: body }, stores.shop());
  return created(await checkout({ communityId: params.cid, payerId: userId, place }, await checkoutDependencies()));
});
