import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** GET /v1/communities/{cid}/me/merchants — the merchants the caller owns or works for. */
export const handler = httpRoute(contracts.listMyMerchants, async ({ params, userId }) => {
  await requireMember(stores.communities(), params.cid, userId);
  return ok({ items: await stores.merchants().listMyMerchants(params.cid, userId) });
});
