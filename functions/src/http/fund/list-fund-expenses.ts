import * as z from 'zod/mini';
import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { stores } from '../../lib/dependencies';
import { httpRoute, ok } from '../../lib/http';

export const Query = z.strictObject({
  status: z.optional(z.enum(['pending', 'approved', 'rejected'])),
  cursor: z.optional(z.string().check(z.maxLength(500))),
});

/** GET /v1/communities/{cid}/fund/expenses?status=pending — staff. */
export const handler = httpRoute(
  contracts.listFundExpenses,
  { auth: 'user', query: Query },
  async ({ params, query, userId }) => {
    await requireStaff(stores.communities(), params.cid, userId);
    return ok(await stores.fund().listExpenses(params.cid, query.status ?? 'pending', query.cursor));
  },
);
