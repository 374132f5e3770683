import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { createProxy } from '../../domain/identity/proxies';
import { stores } from '../../wiring';
import { created, httpRoute } from '../route';

/** POST /v1/communities/{cid}/proxies {residentId, proxyId} — the resident for themself, or staff. */
export const handler = httpRoute(contracts.createProxy, async ({ params, body, userId }) => {
  const caller = await requireMember(stores.communities(), params.cid, userId);
  return created(
    await createProxy(
      { communityId: params.cid, caller, residentId: body.residentId, proxyId: body.proxyId },
      { communities: stores.communities(), proxies: stores.proxies() },
    ),
  );
});
