import { contracts } from '@linli/shared';
import { addStaff, requireMerchantStaff } from '../../domain/market/merchants';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** POST /v1/communities/{cid}/merchants/{mid}/staff — the owner adds a staff account. */
export const handler = httpRoute(contracts.addMerchantStaff, async ({ params, body, userId }) => {
  const merchants = stores.merchants();
  const merchant = await requireMerchantStaff(merchants, params.cid, params.mid, userId);
  return ok(
    await addStaff(
      { communityId: params.cid, merchant, actorId: userId, memberId: body.memberId },
      { merchants, communities: stores.communities() },
    ),
  );
});
