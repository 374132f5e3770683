import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { getCommunityOrThrow } from '../../domain/identity/communities';
import { recognize } from '../../domain/office/recognition';
import { stores } from '../../wiring';
import { created, httpRoute } from '../route';

/** POST /v1/communities/{cid}/recognition — staff recognise the month's outstanding volunteers. */
export const handler = httpRoute(contracts.recognize, async ({ params, body, userId }) => {
  await requireStaff(stores.communities(), params.cid, userId);
  const community = await getCommunityOrThrow(stores.communities(), params.cid);
  return created(
    await recognize(
      { community, actorId: userId, request: body },
      { office: stores.office(), communities: stores.communities() },
    ),
  );
});
