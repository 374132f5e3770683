import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { attachableImages, resolveImages } from '../../domain/media/images';
import { toActivity } from '../../domain/timebank/activity-view';
import { AppError, notFound } from '../../lib/errors';
import { imageReading, stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/**
 * PUT /v1/communities/{cid}/activities/{aid}/evidence — staff attach the evidence photos of an
 * activity that has ended (photos they uploaded for `activity_evidence`), replacing the earlier set;
 * the record keeps who and when in the audit log.
 */
export const handler = httpRoute(contracts.putActivityEvidence, async ({ params, body, userId }) => {
  const staff = await requireStaff(stores.communities(), params.cid, userId);
  const activities = stores.activities();
  const activity = await activities.getActivity(params.cid, params.aid);
  if (!activity) throw notFound('activity');
  if (activity.status !== 'scheduled' || Date.parse(activity.endsAt) > Date.now())
    throw new AppError('activity.not_ended', 'Evidence photos are added once the activity has ended');
  const ids = await attachableImages(
    { communityId: params.cid, userId, purpose: 'activity_evidence', imageIds: body.imageIds },
    stores.images(),
  );
  const saved = await activities.setEvidence(params.cid, activity.id, ids, {
    audit: {
      communityId: params.cid,
      action: 'activity.update',
      objectType: 'activity',
      objectId: activity.id,
      before: { evidenceImageIds: activity.evidenceImageIds ?? [] },
      after: { evidenceImageIds: ids },
      actorId: staff.userId,
    },
  });
  if (!saved) throw new AppError('activity.not_ended', 'This activity can no longer be changed');
  const resolve = await resolveImages(
    { communityId: params.cid, idLists: [ids], reader: { userId, isStaff: true } },
    imageReading(),
  );
  return ok({ ...toActivity(saved), evidence: resolve(ids) });
});
