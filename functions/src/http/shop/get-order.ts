import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { getOrderForBuyer } from '../../domain/shop/orders';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** GET /v1/communities/{cid}/orders/{oid} — the buyer. */
export const handler = httpRoute(contracts.getOrder, async ({ params, userId }) => {
  await requireMember(stores.communities(), params.cid, userId);
  return ok(await getOrderForBuyer(stores.shop(), params.cid, params.oid, userId));
});
