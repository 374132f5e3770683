import { contracts } from '@linli/shared';
import { requireMerchantStaff } from '../../domain/market/merchants';
import { createPost } from '../../domain/market/posts';
import { screenTexts } from '../../domain/office/content-screening';
import { gateways, stores } from '../../wiring';
import { created, httpRoute } from '../route';

/**
 * POST /v1/communities/{cid}/merchants/{mid}/posts — the merchant's staff publish recruitment or a
 * promotion; 422 `content.rejected` when WeChat's check calls it risky, held (`under_review`) when it asks for review.
 */
export const handler = httpRoute(contracts.createPost, async ({ params, body, userId }) => {
  const merchants = stores.merchants();
  const merchant = await requireMerchantStaff(merchants, params.cid, params.mid, userId);
  const screening = await screenTexts(gateways.textChecker(), {
    userId,
    scene: 'forum',
    texts: [body.title, body.body],
  });
  return created(await createPost({ communityId: params.cid, merchant, request: body, screening }, merchants));
});
