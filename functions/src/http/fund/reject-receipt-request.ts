import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { decideReceiptRequest } from '../../domain/fund/receipts';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';
import { receiptRequests } from '../../store/fund/receipt-requests';

/** POST /v1/communities/{cid}/fund/receipt-requests/{requestId}/reject — staff: not issued, with a reason. */
export const handler = httpRoute(contracts.rejectReceiptRequest, async ({ params, body, userId }) => {
  const staff = await requireStaff(stores.communities(), params.cid, userId);
  const decision = { to: 'rejected' as const, reason: body.reason };
  return ok(
    await decideReceiptRequest(
      { communityId: params.cid, requestId: params.requestId, actorId: staff.userId, decision },
      receiptRequests(),
    ),
  );
});
