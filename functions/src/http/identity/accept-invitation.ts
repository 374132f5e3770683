import { contracts } from '@linli/shared';
import { acceptInvitation } from '../../domain/identity/invitations';
import { getUserNickname } from '../../domain/identity/profile';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** POST /v1/invitations/{code}/accept — join with the invitation's roles; 410 when used up or expired. */
export const handler = httpRoute(contracts.acceptInvitation, async ({ params, userId }) => {
  const displayName = await getUserNickname(stores.users(), userId);
  return ok(
    await acceptInvitation(
      { code: params.code, userId, displayName },
      { communities: stores.communities(), invitations: stores.invitations() },
    ),
  );
});
