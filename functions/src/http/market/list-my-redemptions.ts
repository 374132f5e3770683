import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** GET /v1/communities/{cid}/me/redemptions?cursor= — the caller's redemptions with pickup codes. */
export const handler = httpRoute(contracts.listMyRedemptions, async ({ params, query, userId }) => {
  await requireMember(stores.communities(), params.cid, userId);
  return ok(await stores.supermarket().listMemberRedemptions(params.cid, userId, query.cursor));
});
