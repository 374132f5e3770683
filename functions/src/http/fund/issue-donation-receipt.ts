import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { decideReceiptRequest } from '../../domain/fund/receipts';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';
import { receiptRequests } from '../../store/fund/receipt-requests';

/** POST /v1/communities/{cid}/fund/receipt-requests/{requestId}/issue — staff: issued, with the receipt's number. */
export const handler = httpRoute(contracts.issueDonationReceipt, async ({ params, body, userId }) => {
  const staff = await requireStaff(stores.communities(), params.cid, userId);
  const decision = { to: 'issued' as const, receiptNo: body.receiptNo };
  return ok(
    await decideReceiptRequest(
      { communityId: params.cid, requestId: params.requestId, actorId: staff.userId, decision },
      receiptRequests(),
    ),
  );
});
