import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { getOrderForBuyer, markOrderPaid } from '../../domain/shop/orders';
import { stores } from '../../wiring';
import { env } from '../../lib/env';
import { httpRoute, ok } from '../route';

/**
 * POST /v1/communities/{cid}/orders/{oid}/dev-pay — dev stage only (404 elsewhere): the buyer
 * confirms payment through the same code path as a verified WeChat Pay notification.
 */
export const handler = httpRoute(
  contracts.devPayOrder,
  { availableWhen: env.isDevStage },
  async ({ params, userId }) => {
    await requireMember(stores.communities(), params.cid, userId);
    const shop = stores.shop();
    const order = await getOrderForBuyer(shop, params.cid, params.oid, userId);
    const paid = await markOrderPaid(
      { communityId: params.cid, orderId: order.id, reference: `dev-${order.id}`, amountFen: order.totalFen },
      { shop, fund: stores.fund() },
    );
    return ok({ status: 'paid' as const, order: paid.order });
  },
);
