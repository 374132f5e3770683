import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { donationOrder } from '../../domain/shop/fulfilment';
import { checkout } from '../../domain/shop/payments';
import { checkoutDependencies, stores } from '../../wiring';
import { created, httpRoute } from '../route';

/** POST /v1/communities/{cid}/fund/donations — a one-off donation, paid like an order, wholly to the fund. */
export const handler = httpRoute(contracts.donate, async ({ params, body, userId }) => {
  const donor = await requireMember(stores.communities(), params.cid, userId);
  const place = async () => {
    const order = donationOrder({ donor, request: body });
    await stores.shop().createOrder(params.cid, order);
    return order;
  };
  return created(await checkout({ communityId: params.cid, payerId: userId, place }, await checkoutDependencies()));
});
