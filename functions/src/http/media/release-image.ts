import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { releaseImage } from '../../domain/media/images';
import { imageReading, stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** POST /v1/communities/{cid}/images/{imageId}/release — staff let a held photo show. */
export const handler = httpRoute(contracts.releaseImage, async ({ params, userId }) => {
  const staff = await requireStaff(stores.communities(), params.cid, userId);
  return ok(
    await releaseImage({ communityId: params.cid, imageId: params.imageId, actorId: staff.userId }, imageReading()),
  );
});
