import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** GET /v1/communities/{cid}/fund/expenses?status=pending — staff. */
export const handler = httpRoute(contracts.listFundExpenses, async ({ params, query, userId }) => {
  await requireStaff(stores.communities(), params.cid, userId);
  return ok(await stores.fund().listExpenses(params.cid, query.status ?? 'pending', query.cursor));
});
