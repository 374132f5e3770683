import { contracts } from '@linli/shared';
import { ALLIANCE_STATUSES, getMerchantOrThrow, toPublicMerchant } from '../../domain/market/merchants';
import { stores, imageReading } from '../../wiring';
import { notFound } from '../../lib/errors';
import { httpRoute, ok } from '../route';
import { resolveImages } from '../../domain/media/images';

/** GET /v1/communities/{cid}/merchants/{mid} — public: an alliance merchant and its offer. */
export const handler = httpRoute(contracts.getMerchant, async ({ params }) => {
  const merchant = await getMerchantOrThrow(stores.merchants(), params.cid, params.mid);
  if (!ALLIANCE_STATUSES.includes(merchant.status)) throw notFound('merchant');
  const ids = merchant.storefrontImageId ? [merchant.storefrontImageId] : [];
  const resolve = await resolveImages({ communityId: params.cid, idLists: [ids], reader: {} }, imageReading());
  const [storefront] = resolve(ids);
  return ok({ ...toPublicMerchant(merchant), ...(storefront ? { storefront } : {}) });
});
