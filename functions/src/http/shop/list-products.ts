import { contracts } from '@linli/shared';
import { getCommunityOrThrow } from '../../domain/identity/communities';
import { toPublicProduct } from '../../domain/shop/products';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** GET /v1/communities/{cid}/products — public: approved listings, newest first. */
export const handler = httpRoute(contracts.listProducts, async ({ params }) => {
  await getCommunityOrThrow(stores.communities(), params.cid);
  const page = await stores.shop().listProducts(params.cid, 'approved', undefined);
  return ok({ items: page.items.map(toPublicProduct) });
});
