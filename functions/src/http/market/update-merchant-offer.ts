import { contracts } from '@linli/shared';
import { requireMerchantStaff, updateOffer } from '../../domain/market/merchants';
import { screenStrictly } from '../../domain/office/content-screening';
import { gateways, stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** PUT /v1/communities/{cid}/merchants/{mid}/offer — the merchant's own staff. */
export const handler = httpRoute(contracts.updateMerchantOffer, async ({ params, body, userId }) => {
  const merchants = stores.merchants();
  await requireMerchantStaff(merchants, params.cid, params.mid, userId);
  // The offer shows on the public merchant pages at once: WeChat's check must pass first.
  await screenStrictly(gateways.textChecker(), { userId, scene: 'forum', texts: [body.offer.description] });
  return ok(await updateOffer({ communityId: params.cid, merchantId: params.mid, offer: body.offer }, merchants));
});
