import { contracts } from '@linli/shared';
import { ALLIANCE_STATUSES, getMerchantOrThrow, toPublicMerchant } from '../../domain/market/merchants';
import { stores } from '../../wiring';
import { notFound } from '../../lib/errors';
import { httpRoute, ok } from '../route';

/** GET /v1/communities/{cid}/merchants/{mid} — public: an alliance merchant and its offer. */
export const handler = httpRoute(contracts.getMerchant, async ({ params }) => {
  const merchant = await getMerchantOrThrow(stores.merchants(), params.cid, params.mid);
  if (!ALLIANCE_STATUSES.includes(merchant.status)) throw notFound('merchant');
  return ok(toPublicMerchant(merchant));
});
