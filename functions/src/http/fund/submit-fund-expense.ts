import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { submitExpense } from '../../domain/fund/fund';
import { stores } from '../../wiring';
import { created, httpRoute } from '../route';

/** POST /v1/communities/{cid}/fund/expenses — staff submit; another staff member or admin approves. */
export const handler = httpRoute(contracts.submitFundExpense, async ({ params, body, userId }) => {
  await requireStaff(stores.communities(), params.cid, userId);
  return created(await submitExpense({ communityId: params.cid, actorId: userId, request: body }, stores.fund()));
});
