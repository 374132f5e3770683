import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { createActivity } from '../../domain/timebank/activities';
import { stores } from '../../wiring';
import { created, httpRoute } from '../route';

/** POST /v1/communities/{cid}/activities — staff. */
export const handler = httpRoute(contracts.createActivity, async ({ params, body, userId }) => {
  await requireStaff(stores.communities(), params.cid, userId);
  return created(
    await createActivity({ communityId: params.cid, actorId: userId, request: body }, stores.activities()),
  );
});
