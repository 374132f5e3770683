import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** GET /v1/communities/{cid}/me/products — a maker's listings, sales and earnings. */
export const handler = httpRoute(contracts.listMyProducts, async ({ params, userId }) => {
  await requireMember(stores.communities(), params.cid, userId, ['maker']);
  const shop = stores.shop();
  const [items, earnings] = await Promise.all([
    shop.listMakerProducts(params.cid, userId),
    shop.makerEarnings(params.cid, userId),
  ]);
  return ok({ items, earnings });
});
