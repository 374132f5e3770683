import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { toMemberView } from '../../domain/identity/communities';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** GET /v1/communities/{cid}/members?q=&cursor= — staff: members by join time, or those matching `q` (name or id). */
export const handler = httpRoute(contracts.listMembers, async ({ params, query, userId }) => {
  const communities = stores.communities();
  await requireStaff(communities, params.cid, userId);
  const page = await communities.listMembers(params.cid, query.cursor, query.q);
  return ok({ items: page.items.map(toMemberView), nextCursor: page.nextCursor });
});
