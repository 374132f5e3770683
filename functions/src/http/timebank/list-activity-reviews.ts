import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { listActivities } from '../../domain/timebank/activities';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/**
 * GET /v1/communities/{cid}/content-reviews/activities — staff: team leaders' activities WeChat's text
 * check held for review (from a week ago on, soonest first; a page may hold fewer than it reads).
 */
export const handler = httpRoute(contracts.listActivityReviews, async ({ params, query, userId }) => {
  await requireStaff(stores.communities(), params.cid, userId);
  return ok(
    await listActivities({ communityId: params.cid, cursor: query.cursor, onlyHeld: true }, stores.activities()),
  );
});
