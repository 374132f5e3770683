import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { restockGood } from '../../domain/market/supermarket';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** POST /v1/communities/{cid}/goods/{goodId}/restock — staff add stock (one ADD, no read). */
export const handler = httpRoute(contracts.restockGood, async ({ params, body, userId }) => {
  await requireStaff(stores.communities(), params.cid, userId);
  return ok(
    await restockGood(
      { communityId: params.cid, goodId: params.goodId, quantity: body.quantity },
      stores.supermarket(),
    ),
  );
});
