import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { stores } from '../../wiring';
import { forbidden } from '../../lib/errors';
import { httpRoute, ok } from '../route';

/** GET /v1/communities/{cid}/merchants/{mid}/uses?cursor= — the merchant's staff or office staff. */
export const handler = httpRoute(contracts.listMerchantUses, async ({ params, query, userId }) => {
  const merchants = stores.merchants();
  const member = await requireMember(stores.communities(), params.cid, userId);
  const office = member.roles.includes('staff') || member.roles.includes('admin');
  if (!office && !(await merchants.isStaff(params.cid, params.mid, userId))) throw forbidden();
  return ok(await merchants.listMerchantUses(params.cid, params.mid, query.cursor));
});
