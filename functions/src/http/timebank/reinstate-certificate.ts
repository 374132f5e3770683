import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { changeCertificateStatus } from '../../domain/timebank/certificates';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** POST /v1/communities/{cid}/certificates/{memberId}/reinstate — staff. */
export const handler = httpRoute(contracts.reinstateCertificate, async ({ params, userId }) => {
  await requireStaff(stores.communities(), params.cid, userId);
  const certificate = await changeCertificateStatus(
    { communityId: params.cid, memberId: params.memberId, actorId: userId, to: 'active' },
    stores.certificates(),
  );
  return ok({ certificate });
});
