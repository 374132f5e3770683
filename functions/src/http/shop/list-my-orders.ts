import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** GET /v1/communities/{cid}/me/orders?cursor= — the caller's orders, newest first. */
export const handler = httpRoute(contracts.listMyOrders, async ({ params, query, userId }) => {
  await requireMember(stores.communities(), params.cid, userId);
  return ok(await stores.shop().listBuyerOrders(params.cid, userId, query.cursor));
});
