import { contracts } from '@linli/shared';
import { requireAdmin } from '../../domain/identity/authorization';
import { getCommunityOrThrow } from '../../domain/identity/communities';
import { reverseTransfer } from '../../domain/ledger/reversals';
import { stores } from '../../wiring';
import { created, httpRoute } from '../route';

/**
 * POST /v1/communities/{cid}/transfers/{transferId}/reverse — admin: corrects a transfer by
 * reversing it, with everything derived from it (claim, statistics, certificate…).
 */
export const handler = httpRoute(contracts.reverseTransfer, async ({ params, body, userId }) => {
  await requireAdmin(stores.communities(), params.cid, userId);
  const community = await getCommunityOrThrow(stores.communities(), params.cid);
  const office = stores.office();
  return created(
    await reverseTransfer(
      { community, transferId: params.transferId, actorId: userId, reason: body.reason },
      {
        ledger: stores.ledger(),
        claims: stores.claims(),
        certificates: stores.certificates(),
        contributions: stores.supermarket(),
        supermarket: stores.supermarket(),
        getEarned: (communityId, memberId, month) => office.getEarned(communityId, memberId, month),
      },
    ),
  );
});
