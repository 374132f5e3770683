import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { findMembers, toMemberView } from '../../domain/identity/communities';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** GET /v1/communities/{cid}/members?q=&cursor= — staff: members by join time, or those matching `q` (name, id or number). */
export const handler = httpRoute(contracts.listMembers, async ({ params, query, userId }) => {
  const communities = stores.communities();
  await requireStaff(communities, params.cid, userId);
  const page = await findMembers({ communityId: params.cid, cursor: query.cursor, q: query.q }, communities);
  return ok({ items: page.items.map(toMemberView), nextCursor: page.nextCursor });
});
