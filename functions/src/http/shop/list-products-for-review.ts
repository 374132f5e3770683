import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** GET /v1/communities/{cid}/product-reviews?status=pending — staff: listings to vet. */
export const handler = httpRoute(contracts.listProductsForReview, async ({ params, query, userId }) => {
  await requireStaff(stores.communities(), params.cid, userId);
  return ok(await stores.shop().listProducts(params.cid, query.status ?? 'pending', query.cursor));
});
