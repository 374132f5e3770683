import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { listImageReviews } from '../../domain/media/images';
import { imageReading, stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** GET /v1/communities/{cid}/content-reviews/images — staff: photos held for a person's review, oldest first. */
export const handler = httpRoute(contracts.listImageReviews, async ({ params, query, userId }) => {
  await requireStaff(stores.communities(), params.cid, userId);
  return ok(await listImageReviews({ communityId: params.cid, actorId: userId, cursor: query.cursor }, imageReading()));
});
