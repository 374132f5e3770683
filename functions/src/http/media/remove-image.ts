import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { removeImage } from '../../domain/media/images';
import { imageReading, stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** POST /v1/communities/{cid}/images/{imageId}/remove — staff take a photo down (its files deleted). */
export const handler = httpRoute(contracts.removeImage, async ({ params, body, userId }) => {
  const staff = await requireStaff(stores.communities(), params.cid, userId);
  return ok(
    await removeImage(
      { communityId: params.cid, imageId: params.imageId, actorId: staff.userId, reason: body.reason },
      imageReading(),
    ),
  );
});
