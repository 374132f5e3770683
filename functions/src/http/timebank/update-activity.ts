import { screenStrictly } from '../../domain/office/content-screening';
import { activityCategoriesOf, contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { getCommunityOrThrow } from '../../domain/identity/communities';
import { toActivity, updateActivity } from '../../domain/timebank/activities';
import { fillFromWaitlist } from '../../domain/timebank/signups';
import { attachableImage } from '../../domain/media/images';
import { gateways, stores } from '../../wiring';
import { alongside, httpRoute, ok } from '../route';

/** PATCH /v1/communities/{cid}/activities/{aid} — staff; a larger capacity confirms waitlisted sign-ups. */
export const handler = httpRoute(contracts.updateActivity, async ({ params, body, userId }) => {
  // The community's own activity categories are checked against.
  const [, community] = await alongside(
    requireStaff(stores.communities(), params.cid, userId),
    getCommunityOrThrow(stores.communities(), params.cid),
  );
  // Text others will read: WeChat's content check (risky → 422 content.rejected); staff are the reviewers themselves.
  await screenStrictly(gateways.textChecker(), {
    userId,
    scene: 'forum',
    texts: [body.title, body.description, body.location],
    officeAuthor: true,
  });
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
  const updated = await updateActivity(
    { communityId: params.cid, activityId: params.aid, patch: body, categories },
    stores.activities(),
  );
  // More places: the waitlist moves up into them (each promoted member told).
  if (body.capacity === undefined) return ok(updated);
  const moved = await fillFromWaitlist(
    { communityId: params.cid, activityId: params.aid },
    { activities: stores.activities(), signups: stores.signups() },
  );
  if (moved === 0) return ok(updated);
  const current = await stores.activities().getActivityWithLiveCount(params.cid, params.aid);
  return ok(current ? toActivity(current) : updated);
});
