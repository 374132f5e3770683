import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { changeCertificateStatus } from '../../domain/timebank/certificates';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** POST /v1/communities/{cid}/certificates/{memberId}/revoke — staff, reason required. */
export const handler = httpRoute(contracts.revokeCertificate, async ({ params, body, userId }) => {
  await requireStaff(stores.communities(), params.cid, userId);
  const certificate = await changeCertificateStatus(
    { communityId: params.cid, memberId: params.memberId, actorId: userId, to: 'revoked', reason: body.reason },
    stores.certificates(),
  );
  return ok({ certificate });
});
