import { contracts } from '@linli/shared';
import { requireMerchantStaff, updateOffer } from '../../domain/market/merchants';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** PUT /v1/communities/{cid}/merchants/{mid}/offer — the merchant's own staff. */
export const handler = httpRoute(contracts.updateMerchantOffer, async ({ params, body, userId }) => {
  const merchants = stores.merchants();
  await requireMerchantStaff(merchants, params.cid, params.mid, userId);
  return ok(await updateOffer({ communityId: params.cid, merchantId: params.mid, offer: body.offer }, merchants));
});
