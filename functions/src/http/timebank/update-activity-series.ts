import { activitySeriesStore } from '../../store/timebank/series-store';
import { screenStrictly } from '../../domain/office/content-screening';
import { activityCategoriesOf, contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { getCommunityOrThrow } from '../../domain/identity/communities';
import { updateActivitySeries } from '../../domain/timebank/series';
import { gateways, stores } from '../../wiring';
import { alongside, httpRoute, ok } from '../route';

/** PATCH /v1/communities/{cid}/activity-series/{sid} — staff; occurrence `from` and the rest, a result each. */
export const handler = httpRoute(contracts.updateActivitySeries, async ({ params, body, userId }) => {
  const [, community] = await alongside(
    requireStaff(stores.communities(), params.cid, userId),
    getCommunityOrThrow(stores.communities(), params.cid),
  );
  // Text others will read: WeChat's content check (risky → 422 content.rejected); staff are the reviewers themselves.
  await screenStrictly(gateways.textChecker(), {
    userId,
    scene: 'forum',
    texts: [body.patch.title, body.patch.description, body.patch.location],
    officeAuthor: true,
  });
  const categories = activityCategoriesOf(community.rules);
  return ok(
    await updateActivitySeries(
      { communityId: params.cid, seriesId: params.sid, from: body.from, patch: body.patch, categories },
      { series: activitySeriesStore(), activities: stores.activities() },
    ),
  );
});
