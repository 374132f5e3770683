import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { stores, imageReading } from '../../wiring';
import { httpRoute, ok } from '../route';
import { resolveImages } from '../../domain/media/images';

/** GET /v1/communities/{cid}/me/products — a maker's listings, sales and earnings. */
export const handler = httpRoute(contracts.listMyProducts, async ({ params, userId }) => {
  await requireMember(stores.communities(), params.cid, userId, ['maker']);
  const shop = stores.shop();
  const [items, earnings] = await Promise.all([
    shop.listMakerProducts(params.cid, userId),
    shop.makerEarnings(params.cid, userId),
  ]);
  const resolve = await resolveImages(
    { communityId: params.cid, idLists: items.map((product) => product.imageIds), reader: { userId } },
    imageReading(),
  );
  return ok({ items: items.map((product) => ({ ...product, images: resolve(product.imageIds) })), earnings });
});
