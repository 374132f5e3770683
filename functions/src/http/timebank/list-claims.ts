import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { listClaims } from '../../domain/timebank/claims';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** GET /v1/communities/{cid}/claims?status=pending&cursor= — staff: the approval queue, oldest first. */
export const handler = httpRoute(contracts.listClaims, async ({ params, query, userId }) => {
  await requireStaff(stores.communities(), params.cid, userId);
  return ok(await listClaims({ communityId: params.cid, ...query }, stores.claims()));
});
