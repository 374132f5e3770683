import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { requestCorrection } from '../../domain/timebank/record-requests';
import { newId } from '../../lib/ids';
import { stores } from '../../wiring';
import { created, httpRoute } from '../route';

/** POST /v1/communities/{cid}/me/service-record/corrections — a member asks for a correction (201 `status:"open"`). */
export const handler = httpRoute(contracts.requestRecordCorrection, async ({ params, body, userId }) => {
  const member = await requireMember(stores.communities(), params.cid, userId);
  const request = await requestCorrection(
    { member, body, id: newId(), now: new Date() },
    { requests: stores.serviceRecords(), claims: stores.claims() },
  );
  return created(request);
});
