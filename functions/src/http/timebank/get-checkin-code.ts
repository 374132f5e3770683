import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { getCheckinCode } from '../../domain/timebank/activities';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** GET /v1/communities/{cid}/activities/{aid}/checkin-code — staff: the live QR and 6-digit code. */
export const handler = httpRoute(contracts.getCheckinCode, async ({ params, userId }) => {
  await requireStaff(stores.communities(), params.cid, userId);
  return ok(await getCheckinCode({ communityId: params.cid, activityId: params.aid }, stores.activities()));
});
