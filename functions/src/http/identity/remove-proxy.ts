import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { removeProxy } from '../../domain/identity/proxies';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** DELETE /v1/communities/{cid}/proxies/{residentId}/{proxyId} — the resident, the proxy or staff. */
export const handler = httpRoute(contracts.removeProxy, async ({ params, userId }) => {
  const caller = await requireMember(stores.communities(), params.cid, userId);
  return ok(
    await removeProxy(
      { communityId: params.cid, caller, residentId: params.residentId, proxyId: params.proxyId },
      stores.proxies(),
    ),
  );
});
