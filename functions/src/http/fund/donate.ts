import { screenStrictly } from '../../domain/office/content-screening';
import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { donationOrder } from '../../domain/shop/fulfilment';
import { checkout } from '../../domain/shop/payments';
import { checkoutDependencies, gateways, stores } from '../../wiring';
import { created, httpRoute } from '../route';

/** POST /v1/communities/{cid}/fund/donations — a one-off donation, paid like an order, wholly to the fund. */
export const handler = httpRoute(contracts.donate, async ({ params, body, userId }) => {
  const donor = await requireMember(stores.communities(), params.cid, userId);
  // Text others will read: WeChat's content check (risky → 422 content.rejected; one to review → 422 content.under_review).
  await screenStrictly(gateways.textChecker(), { userId, scene: 'comment', texts: [body.message] });
  const place = async () => {
    const order = donationOrder({ donor, request: body });
    await stores.shop().createOrder(params.cid, order);
    return order;
  };
  return created(await checkout({ communityId: params.cid, payerId: userId, place }, await checkoutDependencies()));
});
