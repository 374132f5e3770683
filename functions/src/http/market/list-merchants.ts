import { contracts } from '@linli/shared';
import { ALLIANCE_STATUSES, toPublicMerchant } from '../../domain/market/merchants';
import { getCommunityOrThrow } from '../../domain/identity/communities';
import { stores, imageReading } from '../../wiring';
import { httpRoute, ok } from '../route';
import { resolveImages } from '../../domain/media/images';

/** GET /v1/communities/{cid}/merchants — public: the alliance (active and warned merchants). */
export const handler = httpRoute(contracts.listMerchants, async ({ params }) => {
  await getCommunityOrThrow(stores.communities(), params.cid);
  const merchants = stores.merchants();
  const pages = await Promise.all(
    ALLIANCE_STATUSES.map((status) => merchants.listMerchantsByStatus(params.cid, status, undefined)),
  );
  const items = pages.flatMap((page) => page.items);
  const idsOf = (merchant: (typeof items)[number]) => (merchant.storefrontImageId ? [merchant.storefrontImageId] : []);
  const resolve = await resolveImages(
    { communityId: params.cid, idLists: items.map(idsOf), reader: {} },
    imageReading(),
  );
  return ok({
    items: items.map((merchant) => {
      const [storefront] = resolve(idsOf(merchant));
      return { ...toPublicMerchant(merchant), ...(storefront ? { storefront } : {}) };
    }),
  });
});
