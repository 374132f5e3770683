import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { getMerchantOrThrow } from '../../domain/market/merchants';
import { stores } from '../../wiring';
import { forbidden } from '../../lib/errors';
import { httpRoute, ok } from '../route';

/** GET /v1/communities/{cid}/merchants/{mid}/detail — office staff, or the merchant's own staff. */
export const handler = httpRoute(contracts.getMerchantDetail, async ({ params, userId }) => {
  const merchants = stores.merchants();
  const member = await requireMember(stores.communities(), params.cid, userId);
  const merchant = await getMerchantOrThrow(merchants, params.cid, params.mid);
  const office = member.roles.includes('staff') || member.roles.includes('admin');
  if (!office && !(await merchants.isStaff(params.cid, params.mid, userId))) throw forbidden();
  return ok(merchant);
});
