import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** GET /v1/communities/{cid}/content-reviews/posts — staff: posts the content check held, oldest first. */
export const handler = httpRoute(contracts.listHeldPosts, async ({ params, query, userId }) => {
  await requireStaff(stores.communities(), params.cid, userId);
  return ok(await stores.merchants().listHeldPosts(params.cid, query.cursor));
});
