import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** GET /v1/communities/{cid}/flags?cursor= — staff: open anti-proxy flags, oldest first. */
export const handler = httpRoute(contracts.listFlags, async ({ params, query, userId }) => {
  await requireStaff(stores.communities(), params.cid, userId);
  return ok(await stores.merchants().listFlags(params.cid, 'open', query.cursor));
});
