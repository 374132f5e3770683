import { isOffice } from '../../domain/identity/authorization';
import { screenTexts } from '../../domain/office/content-screening';
import { activityCategoriesOf, contracts } from '@linli/shared';
import { getCommunityOrThrow } from '../../domain/identity/communities';
import { createActivity } from '../../domain/timebank/activities';
import { requireActivityOrganiser } from '../../domain/timebank/teams';
import { attachableImage } from '../../domain/media/images';
import { gateways, stores } from '../../wiring';
import { alongside, created, httpRoute } from '../route';

/** POST /v1/communities/{cid}/activities — staff; or a leader of the body's `teamId`, for that team. */
export const handler = httpRoute(contracts.createActivity, async ({ params, body, userId }) => {
  // The community's own activity categories are checked against.
  const [organiser, community] = await alongside(
    requireActivityOrganiser(
      { teams: stores.teams(), communities: stores.communities() },
      { communityId: params.cid, userId, teamId: body.teamId },
    ),
    getCommunityOrThrow(stores.communities(), params.cid),
  );
  // Text others will read: WeChat's content check (risky → 422 content.rejected). Staff are the reviewers
  // themselves: their text stands. A team leader's text to review (or unchecked) is held: hidden from
  // residents, no sign-up or check-in, until another staff member releases it.
  const officeAuthor = isOffice(organiser);
  const texts = [
    body.title,
    body.description,
    body.location,
    ...(body.positions ?? []).map((position) => position.name),
  ];
  const held =
    (await screenTexts(gateways.textChecker(), { userId, scene: 'forum', texts })) === 'hold' && !officeAuthor;
  // A cover photo: one the organiser uploaded for it (shown once WeChat's image check passed it).
  await attachableImage(
    {
      communityId: params.cid,
      userId,
      purpose: 'activity_cover',
      imageId: body.coverImageId,
    },
    stores.images(),
  );
  const categories = activityCategoriesOf(community.rules);
  return created(
    await createActivity(
      { communityId: params.cid, actorId: userId, request: body, categories, held },
      stores.activities(),
    ),
  );
});
