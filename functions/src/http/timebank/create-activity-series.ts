import { activityCategoriesOf, contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { getCommunityOrThrow } from '../../domain/identity/communities';
import { createActivitySeries } from '../../domain/timebank/series';
import { stores } from '../../wiring';
import { alongside, created, httpRoute } from '../route';

/** POST /v1/communities/{cid}/activity-series — staff; every occurrence written at once. */
export const handler = httpRoute(contracts.createActivitySeries, async ({ params, body, userId }) => {
  // The community's own activity categories are checked against, as for one activity.
  const [, community] = await alongside(
    requireStaff(stores.communities(), params.cid, userId),
    getCommunityOrThrow(stores.communities(), params.cid),
  );
  const categories = activityCategoriesOf(community.rules);
  return created(
    await createActivitySeries(
      { communityId: params.cid, actorId: userId, request: body, categories },
      stores.activitySeries(),
    ),
  );
});
