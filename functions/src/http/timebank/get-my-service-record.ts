import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { getCommunityOrThrow } from '../../domain/identity/communities';
import { getServiceRecord } from '../../domain/timebank/service-record';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** GET /v1/communities/{cid}/me/service-record — 我的志愿服务记录: every approved, unreversed entry. */
export const handler = httpRoute(contracts.getMyServiceRecord, async ({ params, userId }) => {
  const member = await requireMember(stores.communities(), params.cid, userId);
  const community = await getCommunityOrThrow(stores.communities(), params.cid);
  return ok(await getServiceRecord({ community, memberId: member.userId }, { lookups: stores.serviceRecords() }));
});
