import { contracts } from '@linli/shared';
import { addChild } from '../../domain/identity/children';
import { gateways, stores } from '../../wiring';
import { created, httpRoute } from '../route';

/** POST /v1/communities/{cid}/me/children — a guardian adds a child under 14 (content-checked name). */
export const handler = httpRoute(contracts.addChild, async ({ params, body, userId }) => {
  await stores.communities().readAheadNewMember(params.cid, userId);
  return created(
    await addChild(
      { communityId: params.cid, guardianId: userId, request: body },
      { communities: stores.communities(), proxies: stores.proxies(), checker: gateways.textChecker() },
    ),
  );
});
