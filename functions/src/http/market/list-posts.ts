import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** GET /v1/communities/{cid}/posts?cursor= — members: the board, newest first, unexpired only. */
export const handler = httpRoute(contracts.listPosts, async ({ params, query, userId }) => {
  await requireMember(stores.communities(), params.cid, userId);
  return ok(await stores.merchants().listActivePosts(params.cid, new Date().toISOString(), query.cursor));
});
