import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { listImageReviews } from '../../domain/media/images';
import { imageReading, stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** GET /v1/communities/{cid}/content-reviews/images — staff: photos held for a person's review, oldest first. */
export const handler = httpRoute(contracts.listImageReviews, async ({ params, query, userId }) => {
  const communities = stores.communities();
  await requireStaff(communities, params.cid, userId);
  const page = await listImageReviews(
    { communityId: params.cid, actorId: userId, cursor: query.cursor },
    imageReading(),
  );
  const uploaders = [...new Set(page.items.map((item) => item.uploadedBy))];
  const members = await Promise.all(uploaders.map((id) => communities.getMember(params.cid, id)));
  const names = new Map(members.flatMap((member) => (member ? [[member.userId, member.displayName] as const] : [])));
  return ok({ ...page, items: page.items.map((item) => ({ ...item, uploaderName: names.get(item.uploadedBy) })) });
});
