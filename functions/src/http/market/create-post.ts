import { contracts } from '@linli/shared';
import { requireMerchantStaff } from '../../domain/market/merchants';
import { createPost } from '../../domain/market/posts';
import { stores } from '../../wiring';
import { created, httpRoute } from '../route';

/** POST /v1/communities/{cid}/merchants/{mid}/posts — the merchant's staff publish recruitment or a promotion. */
export const handler = httpRoute(contracts.createPost, async ({ params, body, userId }) => {
  const merchants = stores.merchants();
  const merchant = await requireMerchantStaff(merchants, params.cid, params.mid, userId);
  return created(await createPost({ communityId: params.cid, merchant, request: body }, merchants));
});
