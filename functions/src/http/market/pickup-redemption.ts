import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { pickUpRedemption } from '../../domain/market/supermarket';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** POST /v1/communities/{cid}/redemptions/{redemptionId}/pickup — staff hand over against the pickup code. */
export const handler = httpRoute(contracts.pickupRedemption, async ({ params, body, userId }) => {
  await requireStaff(stores.communities(), params.cid, userId);
  return ok(
    await pickUpRedemption(
      { communityId: params.cid, redemptionId: params.redemptionId, pickupCode: body.pickupCode, actorId: userId },
      stores.supermarket(),
    ),
  );
});
