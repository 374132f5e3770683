import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** GET /v1/communities/{cid}/office/proxies — staff: every proxy relation of the community. */
export const handler = httpRoute(contracts.listAllProxies, async ({ params, userId }) => {
  await requireStaff(stores.communities(), params.cid, userId);
  return ok({ items: await stores.proxies().listProxiesOf(params.cid) });
});
