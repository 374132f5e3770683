import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { getActivityOrThrow, toActivity } from '../../domain/timebank/activities';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** GET /v1/communities/{cid}/activities/{aid} — members. */
export const handler = httpRoute(contracts.getActivity, async ({ params, userId }) => {
  await requireMember(stores.communities(), params.cid, userId);
  return ok(toActivity(await getActivityOrThrow(stores.activities(), params.cid, params.aid)));
});
