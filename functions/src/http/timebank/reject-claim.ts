import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { rejectClaim } from '../../domain/timebank/claims';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** POST /v1/communities/{cid}/claims/{claimId}/reject — staff, with a reason. */
export const handler = httpRoute(contracts.rejectClaim, async ({ params, body, userId }) => {
  await requireStaff(stores.communities(), params.cid, userId);
  const claim = await rejectClaim(
    { communityId: params.cid, claimId: params.claimId, actorId: userId, reason: body.reason },
    stores.claims(),
  );
  return ok({ claim });
});
