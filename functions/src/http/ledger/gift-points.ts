import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { getCommunityOrThrow } from '../../domain/identity/communities';
import { giftPoints } from '../../domain/ledger/gifts';
import { stores } from '../../wiring';
import { created, httpRoute } from '../route';

/** POST /v1/communities/{cid}/ledger/gifts — a member gives points to another member or the pool. */
export const handler = httpRoute(contracts.giftPoints, async ({ params, body, userId }) => {
  const giver = await requireMember(stores.communities(), params.cid, userId);
  const community = await getCommunityOrThrow(stores.communities(), params.cid);
  return created(
    await giftPoints(
      { community, giver, request: body },
      { ledger: stores.ledger(), communities: stores.communities() },
    ),
  );
});
