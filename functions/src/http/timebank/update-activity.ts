import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { updateActivity } from '../../domain/timebank/activities';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** PATCH /v1/communities/{cid}/activities/{aid} — staff. */
export const handler = httpRoute(contracts.updateActivity, async ({ params, body, userId }) => {
  await requireStaff(stores.communities(), params.cid, userId);
  return ok(
    await updateActivity({ communityId: params.cid, activityId: params.aid, patch: body }, stores.activities()),
  );
});
