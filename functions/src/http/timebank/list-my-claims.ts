import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** GET /v1/communities/{cid}/me/claims?status=&cursor= — the caller's hours, newest first, by status if given. */
export const handler = httpRoute(contracts.listMyClaims, async ({ params, query, userId }) => {
  await requireMember(stores.communities(), params.cid, userId);
  return ok(await stores.claims().listMemberClaims(params.cid, userId, query.cursor, query.status));
});
