import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { approveExpense } from '../../domain/fund/fund';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** POST /v1/communities/{cid}/fund/expenses/{id}/approve — a different staff member or admin; 409 past the balance. */
export const handler = httpRoute(contracts.approveFundExpense, async ({ params, userId }) => {
  await requireStaff(stores.communities(), params.cid, userId);
  return ok(await approveExpense({ communityId: params.cid, expenseId: params.id, actorId: userId }, stores.fund()));
});
