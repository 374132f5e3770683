import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { toMemberView } from '../../domain/identity/communities';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** GET /v1/communities/{cid}/members?cursor= — staff: members by join time. */
export const handler = httpRoute(contracts.listMembers, async ({ params, query, userId }) => {
  const communities = stores.communities();
  await requireStaff(communities, params.cid, userId);
  const page = await communities.listMembers(params.cid, query.cursor);
  return ok({ items: page.items.map(toMemberView), nextCursor: page.nextCursor });
});
