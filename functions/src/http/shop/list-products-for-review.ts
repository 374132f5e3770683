import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { stores, imageReading } from '../../wiring';
import { httpRoute, ok } from '../route';
import { resolveImages } from '../../domain/media/images';

/** GET /v1/communities/{cid}/product-reviews?status=pending — staff: listings to vet. */
export const handler = httpRoute(contracts.listProductsForReview, async ({ params, query, userId }) => {
  await requireStaff(stores.communities(), params.cid, userId);
  const page = await stores.shop().listProducts(params.cid, query.status ?? 'pending', query.cursor);
  const resolve = await resolveImages(
    {
      communityId: params.cid,
      idLists: page.items.map((product) => product.imageIds),
      reader: { userId, isStaff: true },
    },
    imageReading(),
  );
  return ok({ ...page, items: page.items.map((product) => ({ ...product, images: resolve(product.imageIds) })) });
});
