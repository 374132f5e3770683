import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { decideProduct } from '../../domain/shop/products';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** POST /v1/communities/{cid}/products/{pid}/approve — staff vet a listing; records who and when. */
export const handler = httpRoute(contracts.approveProduct, async ({ params, userId }) => {
  await requireStaff(stores.communities(), params.cid, userId);
  return ok(
    await decideProduct(
      { communityId: params.cid, productId: params.pid, actorId: userId, approve: true },
      stores.shop(),
    ),
  );
});
