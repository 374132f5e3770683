import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { requestImageUpload } from '../../domain/media/images';
import { imageReading, stores } from '../../wiring';
import { created, httpRoute } from '../route';

/** POST /v1/communities/{cid}/images — a member asks to upload a photo: a presigned `PUT` URL (15 minutes). */
export const handler = httpRoute(contracts.requestImageUpload, async ({ params, body, userId }) => {
  await requireMember(stores.communities(), params.cid, userId);
  return created(await requestImageUpload({ communityId: params.cid, userId, request: body }, imageReading()));
});
