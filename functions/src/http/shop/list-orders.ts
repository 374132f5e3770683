import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** GET /v1/communities/{cid}/orders?status=&shipping=&cursor= — staff: the community's orders, newest first. */
export const handler = httpRoute(contracts.listOrders, async ({ params, query, userId }) => {
  await requireStaff(stores.communities(), params.cid, userId);
  return ok(
    await stores.shop().listOrders(params.cid, query.cursor, { status: query.status, shipping: query.shipping }),
  );
});
