import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { cancelRedemption } from '../../domain/market/supermarket';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** POST /v1/communities/{cid}/redemptions/{redemptionId}/cancel — the resident, before pickup. */
export const handler = httpRoute(contracts.cancelRedemption, async ({ params, userId }) => {
  await requireMember(stores.communities(), params.cid, userId);
  return ok(
    await cancelRedemption(
      { communityId: params.cid, redemptionId: params.redemptionId, memberId: userId },
      stores.supermarket(),
    ),
  );
});
