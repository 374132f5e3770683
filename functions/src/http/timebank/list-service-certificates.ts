import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** GET /v1/communities/{cid}/service-certificates — staff: the issuance register, newest first. */
export const handler = httpRoute(contracts.listServiceCertificates, async ({ params, query, userId }) => {
  await requireStaff(stores.communities(), params.cid, userId);
  return ok(await stores.serviceRecords().listCertificates(params.cid, query.cursor));
});
