import { contracts } from '@linli/shared';
import { requireMerchantStaff } from '../../domain/market/merchants';
import { attachableImages, resolveImages } from '../../domain/media/images';
import { notFound } from '../../lib/errors';
import { imageReading, stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/**
 * PUT /v1/communities/{cid}/merchants/{mid}/storefront — the merchant's staff set the storefront
 * photo (one they uploaded for `storefront`) or take it off (`null`). It shows on the public merchant
 * pages once WeChat's check passed it.
 */
export const handler = httpRoute(contracts.putMerchantStorefront, async ({ params, body, userId }) => {
  const merchants = stores.merchants();
  await requireMerchantStaff(merchants, params.cid, params.mid, userId);
  const ids = await attachableImages(
    { communityId: params.cid, userId, purpose: 'storefront', imageIds: body.imageId ? [body.imageId] : [] },
    stores.images(),
  );
  const merchant = await merchants.updateStorefront(params.cid, params.mid, ids[0] ?? null);
  if (!merchant) throw notFound('merchant');
  const resolve = await resolveImages({ communityId: params.cid, idLists: [ids], reader: { userId } }, imageReading());
  const [storefront] = resolve(ids);
  return ok({ ...merchant, ...(storefront ? { storefront } : {}) });
});
