import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { fulfilOrder } from '../../domain/shop/fulfilment';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** POST /v1/communities/{cid}/orders/{oid}/fulfil — staff: ready for pickup / shipped → completed. */
export const handler = httpRoute(contracts.fulfilOrder, async ({ params, body, userId }) => {
  await requireStaff(stores.communities(), params.cid, userId);
  return ok(
    await fulfilOrder(
      { communityId: params.cid, orderId: params.oid, actorId: userId, status: body.status },
      stores.shop(),
    ),
  );
});
