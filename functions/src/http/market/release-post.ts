import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { releasePost } from '../../domain/market/posts';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** POST /v1/communities/{cid}/posts/{postId}/release — staff put a held post on the board. */
export const handler = httpRoute(contracts.releasePost, async ({ params, userId }) => {
  const staff = await requireStaff(stores.communities(), params.cid, userId);
  return ok(
    await releasePost({ communityId: params.cid, postId: params.postId, actorId: staff.userId }, stores.merchants()),
  );
});
