import { contracts } from '@linli/shared';
import { getCommunityOrThrow } from '../../domain/identity/communities';
import { toPublicProduct } from '../../domain/shop/products';
import { stores, imageReading } from '../../wiring';
import { httpRoute, ok } from '../route';
import { resolveImages } from '../../domain/media/images';

/** GET /v1/communities/{cid}/products — public: approved listings, newest first. */
export const handler = httpRoute(contracts.listProducts, async ({ params }) => {
  await getCommunityOrThrow(stores.communities(), params.cid);
  const page = await stores.shop().listProducts(params.cid, 'approved', undefined);
  const resolve = await resolveImages(
    { communityId: params.cid, idLists: page.items.map((product) => product.imageIds), reader: {} },
    imageReading(),
  );
  return ok({ items: page.items.map((product) => toPublicProduct({ ...product, images: resolve(product.imageIds) })) });
});
