import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { requestCertificate } from '../../domain/timebank/record-requests';
import { newId } from '../../lib/ids';
import { stores } from '../../wiring';
import { created, httpRoute } from '../route';

/** POST /v1/communities/{cid}/me/service-certificates/requests — a member asks for a certificate (free). */
export const handler = httpRoute(contracts.requestServiceCertificate, async ({ params, body, userId }) => {
  const member = await requireMember(stores.communities(), params.cid, userId);
  return created(await requestCertificate({ member, body, id: newId(), now: new Date() }, stores.serviceRecords()));
});
