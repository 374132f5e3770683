import { contracts } from '@linli/shared';
import { requireAdmin } from '../../domain/identity/authorization';
import { setMemberRoles } from '../../domain/identity/communities';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** PUT /v1/communities/{cid}/members/{memberId}/roles — admin of that community only. */
export const handler = httpRoute(contracts.setMemberRoles, async ({ params, body, userId }) => {
  const communities = stores.communities();
  await requireAdmin(communities, params.cid, userId);
  return ok(
    await setMemberRoles(
      { communityId: params.cid, actorId: userId, memberId: params.memberId, roles: body.roles },
      communities,
    ),
  );
});
