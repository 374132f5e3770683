import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { invitationMiniProgramCode } from '../../domain/identity/invitations';
import { gateways, stores } from '../../wiring';
import { file, httpRoute } from '../route';

/**
 * GET /v1/communities/{cid}/invitations/{code}/wxacode — office staff of the community: the
 * invitation as a mini-program code image (`image/png`, or `image/jpeg` as WeChat may answer), for
 * the weapp console to show. Nothing reaches WeChat before the caller is known to be staff.
 */
export const handler = httpRoute(contracts.getInvitationWxacode, async ({ params, userId }) => {
  await requireStaff(stores.communities(), params.cid, userId);
  const image = await invitationMiniProgramCode(
    { communityId: params.cid, code: params.code },
    { invitations: stores.invitations(), codes: gateways.miniProgramCodes() },
  );
  return file(image.bytes, image.contentType, `invitation.${image.contentType === 'image/jpeg' ? 'jpg' : 'png'}`);
});
