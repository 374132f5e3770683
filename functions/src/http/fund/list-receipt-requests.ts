import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { listReceiptRequests } from '../../domain/fund/receipts';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';
import { receiptRequests } from '../../store/fund/receipt-requests';

/** GET /v1/communities/{cid}/fund/receipt-requests?status=&cursor= — staff: the receipt requests, oldest first. */
export const handler = httpRoute(contracts.listReceiptRequests, async ({ params, query, userId }) => {
  await requireStaff(stores.communities(), params.cid, userId);
  return ok(
    await listReceiptRequests(
      { communityId: params.cid, status: query.status, cursor: query.cursor },
      receiptRequests(),
    ),
  );
});
