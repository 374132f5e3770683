import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { withoutPickupCode } from '../../domain/market/supermarket';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** GET /v1/communities/{cid}/redemptions?status=reserved&cursor= — staff: pickups waiting (codes hidden). */
export const handler = httpRoute(contracts.listRedemptions, async ({ params, query, userId }) => {
  await requireStaff(stores.communities(), params.cid, userId);
  const page = await stores.supermarket().listRedemptions(params.cid, query.status ?? 'reserved', query.cursor);
  return ok({ items: page.items.map(withoutPickupCode), nextCursor: page.nextCursor });
});
