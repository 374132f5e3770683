import { contracts } from '@linli/shared';
import { requireAdmin } from '../../domain/identity/authorization';
import { reverseTransfer } from '../../domain/ledger/ledger';
import { stores } from '../../lib/dependencies';
import { created, httpRoute } from '../../lib/http';

/** POST /v1/communities/{cid}/transfers/{transferId}/reverse — admin: corrects a transfer by reversing it. */
export const handler = httpRoute(contracts.reverseTransfer, { auth: 'user' }, async ({ params, body, userId }) => {
  await requireAdmin(stores.communities(), params.cid, userId);
  return created(
    await reverseTransfer(stores.ledger(), {
      communityId: params.cid,
      transferId: params.transferId,
      actorId: userId,
      reason: body.reason,
    }),
  );
});
