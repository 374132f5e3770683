import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** GET /v1/communities/{cid}/service-record/requests?status=open — staff: the queue (open: oldest first). */
export const handler = httpRoute(contracts.listRecordRequests, async ({ params, query, userId }) => {
  await requireStaff(stores.communities(), params.cid, userId);
  return ok(await stores.serviceRecords().listRequests(params.cid, query.status ?? 'open', query.cursor));
});
