import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { setMerchantStatus } from '../../domain/market/merchants';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** POST /v1/communities/{cid}/merchants/{mid}/status — staff warn, suspend, remove or reinstate. */
export const handler = httpRoute(contracts.setMerchantStatus, async ({ params, body, userId }) => {
  await requireStaff(stores.communities(), params.cid, userId);
  return ok(
    await setMerchantStatus(
      { communityId: params.cid, merchantId: params.mid, actorId: userId, to: body.status, reason: body.reason },
      stores.merchants(),
    ),
  );
});
