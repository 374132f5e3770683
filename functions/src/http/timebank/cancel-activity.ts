import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { cancelActivity } from '../../domain/timebank/activities';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** POST /v1/communities/{cid}/activities/{aid}/cancel — staff; settles its pending claims and open attendances. */
export const handler = httpRoute(contracts.cancelActivity, async ({ params, userId }) => {
  await requireStaff(stores.communities(), params.cid, userId);
  return ok(
    await cancelActivity(
      { communityId: params.cid, activityId: params.aid, actorId: userId },
      {
        activities: stores.activities(),
        attendances: stores.attendances(),
        claims: stores.claims(),
        signups: stores.signups(),
      },
    ),
  );
});
