import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { redeem } from '../../domain/market/supermarket';
import { stores } from '../../wiring';
import { created, httpRoute } from '../route';

/** POST /v1/communities/{cid}/redemptions — points, stock and pickup code in one transaction. */
export const handler = httpRoute(contracts.redeem, async ({ params, body, userId }) => {
  await stores.supermarket().readAheadRedemption(params.cid, body.goodId, userId);
  const member = await requireMember(stores.communities(), params.cid, userId);
  return created(
    await redeem(
      { communityId: params.cid, member, goodId: body.goodId, quantity: body.quantity },
      stores.supermarket(),
    ),
  );
});
