import { contracts } from '@linli/shared';
import { requireDonationsOpen } from '../../domain/fund/holder';
import { requireMember } from '../../domain/identity/authorization';
import { getCommunityOrThrow } from '../../domain/identity/communities';
import { getOrderForBuyer, markOrderPaid } from '../../domain/shop/orders';
import { attemptShippingUpload } from '../../domain/shop/shipping';
import { shippingDependencies, stores } from '../../wiring';
import { env } from '../../lib/env';
import { httpRoute, ok } from '../route';

/**
 * POST /v1/communities/{cid}/orders/{oid}/dev-pay — dev stage only (404 elsewhere): the buyer
 * confirms payment through the same code path as a verified WeChat Pay notification. A donation's
 * shipping upload is made as after a WeChat payment where dev payments are uploaded (a stand-in).
 */
export const handler = httpRoute(
  contracts.devPayOrder,
  { availableWhen: env.isDevStage },
  async ({ params, userId }) => {
    await requireMember(stores.communities(), params.cid, userId);
    const shop = stores.shop();
    const order = await getOrderForBuyer(shop, params.cid, params.oid, userId);
    // As `payOrder`: a donation is paid only while the charity's qualification is valid today.
    if (order.kind === 'donation') requireDonationsOpen(await getCommunityOrThrow(stores.communities(), params.cid));
    const paid = await markOrderPaid(
      {
        communityId: params.cid,
        orderId: order.id,
        reference: `dev-${order.id}`,
        amountFen: order.totalFen,
        devShipping: env.shippingUploadsForDevPayments(),
      },
      { shop, fund: stores.fund(), consents: stores.consents() },
    );
    // A donation's shipping (virtual goods) is owed from payment: tried now, else by the job.
    const after = paid.credited
      ? await attemptShippingUpload({ communityId: params.cid, order: paid.order }, shippingDependencies())
      : paid.order;
    return ok({ status: 'paid' as const, order: after });
  },
);
