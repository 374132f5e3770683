import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** GET /v1/communities/{cid}/merchant-applications?status=pending&cursor= — staff vetting queue. */
export const handler = httpRoute(contracts.listMerchantApplications, async ({ params, query, userId }) => {
  await requireStaff(stores.communities(), params.cid, userId);
  return ok(await stores.merchants().listMerchantsByStatus(params.cid, query.status ?? 'pending', query.cursor));
});
