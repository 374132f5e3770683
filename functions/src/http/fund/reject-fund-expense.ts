import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { rejectExpense } from '../../domain/fund/fund';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** POST /v1/communities/{cid}/fund/expenses/{id}/reject — staff, with a reason. */
export const handler = httpRoute(contracts.rejectFundExpense, async ({ params, body, userId }) => {
  await requireStaff(stores.communities(), params.cid, userId);
  return ok(
    await rejectExpense(
      { communityId: params.cid, expenseId: params.id, actorId: userId, reason: body.reason },
      stores.fund(),
    ),
  );
});
