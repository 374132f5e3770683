import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { resolveComplaint } from '../../domain/market/complaints';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** POST /v1/communities/{cid}/complaints/{complaintId}/resolve — staff: dismiss / warn / suspend / remove. */
export const handler = httpRoute(contracts.resolveComplaint, async ({ params, body, userId }) => {
  await requireStaff(stores.communities(), params.cid, userId);
  const complaint = await resolveComplaint(
    {
      communityId: params.cid,
      complaintId: params.complaintId,
      actorId: userId,
      outcome: body.outcome,
      note: body.note,
    },
    stores.merchants(),
  );
  return ok({ complaint });
});
