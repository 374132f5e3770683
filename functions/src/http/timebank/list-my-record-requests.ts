import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** GET /v1/communities/{cid}/me/service-record/requests — the caller's requests and certificates. */
export const handler = httpRoute(contracts.listMyRecordRequests, async ({ params, userId }) => {
  const member = await requireMember(stores.communities(), params.cid, userId);
  const store = stores.serviceRecords();
  const [requests, certificates] = await Promise.all([
    store.listMemberRequests(params.cid, member.userId),
    store.listMemberCertificates(params.cid, member.userId),
  ]);
  return ok({ requests, certificates });
});
