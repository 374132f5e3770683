import { contracts, monthOf } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { getRecognition } from '../../domain/office/recognition';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** GET /v1/communities/{cid}/recognition?month=2026-11 — members: the month's volunteers and 光荣榜. */
export const handler = httpRoute(contracts.getRecognition, async ({ params, query, userId }) => {
  await requireMember(stores.communities(), params.cid, userId);
  return ok(
    await getRecognition(
      { communityId: params.cid, month: query.month ?? monthOf(new Date()) },
      { office: stores.office(), communities: stores.communities(), teams: stores.teams() },
    ),
  );
});
