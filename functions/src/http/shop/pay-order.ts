import { contracts } from '@linli/shared';
import { requireDonationsOpen } from '../../domain/fund/holder';
import { requireMember } from '../../domain/identity/authorization';
import { getCommunityOrThrow } from '../../domain/identity/communities';
import { getOrderForBuyer } from '../../domain/shop/orders';
import { payAgain } from '../../domain/shop/payments';
import { stores } from '../../wiring';
import { checkoutDependencies } from '../../wiring-payments';
import { httpRoute, ok } from '../route';

/**
 * POST /v1/communities/{cid}/orders/{oid}/pay — the buyer asks again how to pay an unpaid order
 * (WeChat Pay parameters for the same out_trade_no, or the dev payment on the dev stage).
 */
export const handler = httpRoute(contracts.payOrder, async ({ params, userId }) => {
  await requireMember(stores.communities(), params.cid, userId);
  const order = await getOrderForBuyer(stores.shop(), params.cid, params.oid, userId);
  // A donation (a pledge's month too) is paid only while the charity's qualification is valid today.
  if (order.kind === 'donation') requireDonationsOpen(await getCommunityOrThrow(stores.communities(), params.cid));
  const payment = await payAgain({ communityId: params.cid, order, payerId: userId }, await checkoutDependencies());
  return ok({ payment });
});
