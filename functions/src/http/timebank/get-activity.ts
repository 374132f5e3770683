import { contracts } from '@linli/shared';
import { isOffice, requireMember } from '../../domain/identity/authorization';
import { notFound } from '../../lib/errors';
import { toActivity, visibleTo } from '../../domain/timebank/activities';
import { stores, imageReading } from '../../wiring';
import { alongside, httpRoute, ok } from '../route';
import { resolveImages } from '../../domain/media/images';

/** GET /v1/communities/{cid}/activities/{aid} — members; the attendee count as of now. */
export const handler = httpRoute(contracts.getActivity, async ({ params, userId }) => {
  const [member, activity] = await alongside(
    requireMember(stores.communities(), params.cid, userId),
    stores.activities().getActivityWithLiveCount(params.cid, params.aid),
  );
  if (!activity) throw notFound('activity');
  // Held for review: as if there were none, but for staff and its creator.
  if (!visibleTo(activity, { userId, isStaff: isOffice(member) })) throw notFound('activity');
  const resolve = await resolveImages(
    {
      communityId: params.cid,
      idLists: [activity.coverImageId ? [activity.coverImageId] : [], activity.evidenceImageIds],
      reader: { userId },
    },
    imageReading(),
  );
  const [cover] = resolve(activity.coverImageId ? [activity.coverImageId] : []);
  return ok({ ...toActivity(activity), ...(cover ? { cover } : {}), evidence: resolve(activity.evidenceImageIds) });
});
