import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { listActivities } from '../../domain/timebank/activities';
import { stores } from '../../wiring';
import { alongside, httpRoute, ok } from '../route';

/** GET /v1/communities/{cid}/activities?cursor= — members: from a week ago on, soonest first. */
export const handler = httpRoute(contracts.listActivities, async ({ params, query, userId }) => {
  const [, page] = await alongside(
    requireMember(stores.communities(), params.cid, userId),
    listActivities({ communityId: params.cid, cursor: query.cursor }, stores.activities()),
  );
  return ok(page);
});
