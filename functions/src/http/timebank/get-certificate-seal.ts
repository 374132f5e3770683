import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** GET /v1/communities/{cid}/service-certificates/seal — staff: the seal stamped on certificates (null: none). */
export const handler = httpRoute(contracts.getCertificateSeal, async ({ params, userId }) => {
  await requireStaff(stores.communities(), params.cid, userId);
  const seal = await stores.serviceRecords().getSeal(params.cid);
  return ok({ seal: seal && { contentType: seal.contentType, base64: seal.base64, updatedAt: seal.updatedAt } });
});
