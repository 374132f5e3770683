import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';
import { receiptRequests } from '../../store/fund/receipt-requests';

/** GET /v1/communities/{cid}/me/receipt-requests — the caller's receipt requests, newest first, with their status. */
export const handler = httpRoute(contracts.listMyReceiptRequests, async ({ params, userId }) => {
  await requireMember(stores.communities(), params.cid, userId);
  return ok({ items: await receiptRequests().listMine(params.cid, userId) });
});
