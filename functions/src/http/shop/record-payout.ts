import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { recordPayout } from '../../domain/shop/fulfilment';
import { stores } from '../../wiring';
import { created, httpRoute } from '../route';

/** POST /v1/communities/{cid}/makers/{memberId}/payouts — staff record money paid to a maker (never more than owed). */
export const handler = httpRoute(contracts.recordPayout, async ({ params, body, userId }) => {
  await requireStaff(stores.communities(), params.cid, userId);
  return created(
    await recordPayout(
      {
        communityId: params.cid,
        makerId: params.memberId,
        amountFen: body.amountFen,
        note: body.note,
        actorId: userId,
      },
      { shop: stores.shop(), communities: stores.communities() },
    ),
  );
});
