import { activityCategoriesOf, contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { getCommunityOrThrow } from '../../domain/identity/communities';
import { createActivity } from '../../domain/timebank/activities';
import { stores } from '../../wiring';
import { alongside, created, httpRoute } from '../route';

/** POST /v1/communities/{cid}/activities — staff. */
export const handler = httpRoute(contracts.createActivity, async ({ params, body, userId }) => {
  // The community's own activity categories are checked against.
  const [, community] = await alongside(
    requireStaff(stores.communities(), params.cid, userId),
    getCommunityOrThrow(stores.communities(), params.cid),
  );
  const categories = activityCategoriesOf(community.rules);
  return created(
    await createActivity({ communityId: params.cid, actorId: userId, request: body, categories }, stores.activities()),
  );
});
