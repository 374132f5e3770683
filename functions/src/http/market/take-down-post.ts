import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { takeDownPost } from '../../domain/market/posts';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** POST /v1/communities/{cid}/posts/{postId}/take-down — staff, with a reason. */
export const handler = httpRoute(contracts.takeDownPost, async ({ params, body, userId }) => {
  await requireStaff(stores.communities(), params.cid, userId);
  return ok(
    await takeDownPost(
      { communityId: params.cid, postId: params.postId, actorId: userId, reason: body.reason },
      stores.merchants(),
    ),
  );
});
