import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { getCommunityOrThrow } from '../../domain/identity/communities';
import { getServiceRecord } from '../../domain/timebank/service-record';
import { notFound } from '../../lib/errors';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** GET /v1/communities/{cid}/members/{uid}/service-record — staff: a member's whole record. */
export const handler = httpRoute(contracts.getMemberServiceRecord, async ({ params, userId }) => {
  await requireStaff(stores.communities(), params.cid, userId);
  const [community, member] = await Promise.all([
    getCommunityOrThrow(stores.communities(), params.cid),
    stores.communities().getMember(params.cid, params.memberId),
  ]);
  if (!member) throw notFound('member');
  return ok(await getServiceRecord({ community, memberId: member.userId }, { lookups: stores.serviceRecords() }));
});
