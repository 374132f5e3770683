import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { createOfflineMember } from '../../domain/identity/proxies';
import { stores } from '../../wiring';
import { created, httpRoute } from '../route';

/** POST /v1/communities/{cid}/members/offline — staff register a resident who has no phone. */
export const handler = httpRoute(contracts.createOfflineMember, async ({ params, body, userId }) => {
  await stores.communities().readAheadNewMember(params.cid, userId);
  await requireStaff(stores.communities(), params.cid, userId);
  return created(await createOfflineMember({ communityId: params.cid, request: body }, stores.communities()));
});
