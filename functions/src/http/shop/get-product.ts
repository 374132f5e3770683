import { contracts } from '@linli/shared';
import { toPublicProduct } from '../../domain/shop/products';
import { stores, imageReading } from '../../wiring';
import { notFound } from '../../lib/errors';
import { httpRoute, ok } from '../route';
import { resolveImages } from '../../domain/media/images';

/** GET /v1/communities/{cid}/products/{pid} — public: an approved listing. */
export const handler = httpRoute(contracts.getProduct, async ({ params }) => {
  const product = await stores.shop().getProduct(params.cid, params.pid);
  if (!product || product.status !== 'approved') throw notFound('product', 'shop.product_not_found');
  const resolve = await resolveImages(
    { communityId: params.cid, idLists: [product.imageIds], reader: {} },
    imageReading(),
  );
  return ok(toPublicProduct({ ...product, images: resolve(product.imageIds) }));
});
