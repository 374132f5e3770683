import { contracts, THUMBNAIL_SIDE } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { completeImageUpload } from '../../domain/media/images';
import { imageDimensions, makeThumbnail, sniffImageType } from '../../images/process';
import { mediaDependencies, stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/**
 * POST /v1/communities/{cid}/images/{imageId}/complete — the uploader's file is there: proved,
 * thumbnailed and sent to WeChat's image check.
 */
export const handler = httpRoute(contracts.completeImageUpload, async ({ params, userId }) => {
  await requireMember(stores.communities(), params.cid, userId);
  const deps = mediaDependencies({
    sniff: sniffImageType,
    dimensions: imageDimensions,
    thumbnail: (bytes, type) => makeThumbnail(bytes, type, THUMBNAIL_SIDE),
  });
  return ok(await completeImageUpload({ communityId: params.cid, userId, imageId: params.imageId }, deps));
});
