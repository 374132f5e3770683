import * as z from 'zod/mini';
import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { stores } from '../../lib/dependencies';
import { httpRoute, ok } from '../../lib/http';

export const Query = z.strictObject({
  status: z.optional(z.enum(['open', 'resolved'])),
  cursor: z.optional(z.string().check(z.maxLength(500))),
});

/** GET /v1/communities/{cid}/complaints?status=open&cursor= — staff. */
export const handler = httpRoute(
  contracts.listComplaints,
  { auth: 'user', query: Query },
  async ({ params, query, userId }) => {
    await requireStaff(stores.communities(), params.cid, userId);
    return ok(await stores.merchants().listComplaints(params.cid, query.status ?? 'open', query.cursor));
  },
);
