import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { createInvitation } from '../../domain/identity/invitations';
import { stores } from '../../wiring';
import { created, httpRoute } from '../route';

/** POST /v1/communities/{cid}/invitations — admins invite to any roles, staff residents only. */
export const handler = httpRoute(contracts.createInvitation, async ({ params, body, userId }) => {
  const communities = stores.communities();
  const inviter = await requireStaff(communities, params.cid, userId);
  return created(
    await createInvitation(
      { communityId: params.cid, inviter, request: body },
      { communities, invitations: stores.invitations() },
    ),
  );
});
