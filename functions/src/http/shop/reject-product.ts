import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { decideProduct } from '../../domain/shop/products';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** POST /v1/communities/{cid}/products/{pid}/reject — staff vet a listing; records who and when. */
export const handler = httpRoute(contracts.rejectProduct, async ({ params, body, userId }) => {
  await requireStaff(stores.communities(), params.cid, userId);
  return ok(
    await decideProduct(
      { communityId: params.cid, productId: params.pid, actorId: userId, approve: false, reason: body.reason },
      stores.shop(),
    ),
  );
});
