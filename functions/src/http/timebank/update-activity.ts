import { activityCategoriesOf, contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { getCommunityOrThrow } from '../../domain/identity/communities';
import { updateActivity } from '../../domain/timebank/activities';
import { stores } from '../../wiring';
import { alongside, httpRoute, ok } from '../route';

/** PATCH /v1/communities/{cid}/activities/{aid} — staff. */
export const handler = httpRoute(contracts.updateActivity, async ({ params, body, userId }) => {
  // The community's own activity categories are checked against.
  const [, community] = await alongside(
    requireStaff(stores.communities(), params.cid, userId),
    getCommunityOrThrow(stores.communities(), params.cid),
  );
  const categories = activityCategoriesOf(community.rules);
  return ok(
    await updateActivity(
      { communityId: params.cid, activityId: params.aid, patch: body, categories },
      stores.activities(),
    ),
  );
});
