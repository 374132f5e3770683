import { activitySeriesStore } from '../../store/timebank/series-store';
import { screenStrictly } from '../../domain/office/content-screening';
import { activityCategoriesOf, contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { attachableImage } from '../../domain/media/images';
import { getCommunityOrThrow } from '../../domain/identity/communities';
import { createActivitySeries } from '../../domain/timebank/series';
import { notFound } from '../../lib/errors';
import { gateways, stores } from '../../wiring';
import { alongside, created, httpRoute } from '../route';

/** POST /v1/communities/{cid}/activity-series — staff; every occurrence written at once. */
export const handler = httpRoute(contracts.createActivitySeries, async ({ params, body, userId }) => {
  // The community's own activity categories are checked against, as for one activity.
  const [, community] = await alongside(
    requireStaff(stores.communities(), params.cid, userId),
    getCommunityOrThrow(stores.communities(), params.cid),
  );
  // Text others will read: WeChat's content check (risky → 422 content.rejected); staff are the reviewers themselves.
  await screenStrictly(gateways.textChecker(), {
    userId,
    scene: 'forum',
    texts: [
      body.activity.title,
      body.activity.description,
      body.activity.location,
      ...(body.activity.positions ?? []).map((position) => position.name),
    ],
    officeAuthor: true,
  });
  // A team's series: the team must be this community's (404 `team.not_found`), as for one activity.
  if (body.activity.teamId && !(await stores.teams().getTeam(params.cid, body.activity.teamId))) {
    throw notFound('team');
  }
  // A cover photo for every occurrence: one the staff member uploaded for it.
  await attachableImage(
    { communityId: params.cid, userId, purpose: 'activity_cover', imageId: body.activity.coverImageId },
    stores.images(),
  );
  const categories = activityCategoriesOf(community.rules);
  return created(
    await createActivitySeries(
      { communityId: params.cid, actorId: userId, request: body, categories },
      activitySeriesStore(),
    ),
  );
});
