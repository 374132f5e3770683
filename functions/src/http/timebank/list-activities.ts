import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { listActivities } from '../../domain/timebank/activities';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** GET /v1/communities/{cid}/activities?cursor= — members: from a week ago on, soonest first. */
export const handler = httpRoute(contracts.listActivities, async ({ params, query, userId }) => {
  await requireMember(stores.communities(), params.cid, userId);
  return ok(await listActivities({ communityId: params.cid, cursor: query.cursor }, stores.activities()));
});
