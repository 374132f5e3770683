import { contracts } from '@linli/shared';
import { createProduct } from '../../domain/shop/products';
import { communityAndMember } from '../../domain/timebank/context';
import { screenTexts } from '../../domain/office/content-screening';
import { gateways, stores, imageReading } from '../../wiring';
import { created, httpRoute } from '../route';
import { attachableImages, resolveImages } from '../../domain/media/images';

/** POST /v1/communities/{cid}/products — makers list handmade goods; staff approve before they are public. */
export const handler = httpRoute(contracts.createProduct, async ({ params, body, userId }) => {
  const { community, member } = await communityAndMember(stores.communities(), params.cid, userId, ['maker']);
  // Listings are read by every resident: WeChat's check first (risky → 422; to review → marked for the approver).
  const screening = await screenTexts(gateways.textChecker(), {
    userId,
    scene: 'forum',
    texts: [body.title, body.description],
  });
  const images = await attachableImages(
    { communityId: params.cid, userId, purpose: 'product', imageIds: body.images ?? [] },
    stores.images(),
  );
  const product = await createProduct(
    { community, maker: member, request: { ...body, images }, screening },
    stores.shop(),
  );
  const resolve = await resolveImages(
    { communityId: params.cid, idLists: [images], reader: { userId } },
    imageReading(),
  );
  return created({ ...product, images: resolve(images) });
});
