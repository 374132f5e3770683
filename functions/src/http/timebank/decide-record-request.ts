import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { decideRequest } from '../../domain/timebank/record-requests';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** POST /v1/communities/{cid}/service-record/requests/{rid}/decision — staff accept or reject; the member is told. */
export const handler = httpRoute(contracts.decideRecordRequest, async ({ params, body, userId }) => {
  const staff = await requireStaff(stores.communities(), params.cid, userId);
  return ok(
    await decideRequest(
      { communityId: params.cid, requestId: params.rid, body, actorId: staff.userId, now: new Date() },
      stores.serviceRecords(),
    ),
  );
});
