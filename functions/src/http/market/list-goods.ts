import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** GET /v1/communities/{cid}/goods — members: the supermarket's catalogue. */
export const handler = httpRoute(contracts.listGoods, async ({ params, userId }) => {
  await requireMember(stores.communities(), params.cid, userId);
  return ok({ items: await stores.supermarket().listGoods(params.cid) });
});
