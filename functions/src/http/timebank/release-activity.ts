import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { releaseActivity } from '../../domain/timebank/activities';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** POST /v1/communities/{cid}/activities/{aid}/release — staff (not its creator) let a held activity show. */
export const handler = httpRoute(contracts.releaseActivity, async ({ params, userId }) => {
  const staff = await requireStaff(stores.communities(), params.cid, userId);
  return ok(
    await releaseActivity(
      { communityId: params.cid, activityId: params.aid, actorId: staff.userId },
      stores.activities(),
    ),
  );
});
