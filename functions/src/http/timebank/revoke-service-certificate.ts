import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { registerEntry, revokeServiceCertificate } from '../../domain/timebank/service-certificates';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** POST /v1/communities/{cid}/service-certificates/{serialNumber}/revoke — staff, with a reason. */
export const handler = httpRoute(contracts.revokeServiceCertificate, async ({ params, body, userId }) => {
  const staff = await requireStaff(stores.communities(), params.cid, userId);
  const revoked = await revokeServiceCertificate(
    {
      communityId: params.cid,
      serialNumber: params.serialNumber,
      reason: body.reason,
      actorId: staff.userId,
      now: new Date(),
    },
    stores.serviceRecords(),
  );
  return ok(registerEntry(revoked));
});
