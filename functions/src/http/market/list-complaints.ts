import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** GET /v1/communities/{cid}/complaints?status=open&cursor= — staff. */
export const handler = httpRoute(contracts.listComplaints, async ({ params, query, userId }) => {
  await requireStaff(stores.communities(), params.cid, userId);
  return ok(await stores.merchants().listComplaints(params.cid, query.status ?? 'open', query.cursor));
});
