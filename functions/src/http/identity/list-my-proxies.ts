import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { listMyProxies } from '../../domain/identity/proxies';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** GET /v1/communities/{cid}/proxies — whom I act for, and who may act for me. */
export const handler = httpRoute(contracts.listMyProxies, async ({ params, userId }) => {
  await requireMember(stores.communities(), params.cid, userId);
  return ok(await listMyProxies(params.cid, userId, stores.proxies()));
});
