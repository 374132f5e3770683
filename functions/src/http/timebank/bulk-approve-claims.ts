import { contracts, OFFICE_ROLES } from '@linli/shared';
import { bulkApproveClaims } from '../../domain/timebank/claims';
import { communityAndMember } from '../../domain/timebank/context';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** POST /v1/communities/{cid}/claims/approve — staff: up to 25 claims, each decided on its own. */
export const handler = httpRoute(contracts.bulkApproveClaims, async ({ params, body, userId }) => {
  const { community } = await communityAndMember(stores.communities(), params.cid, userId, OFFICE_ROLES);
  return ok(
    await bulkApproveClaims(
      { community, claimIds: body.claimIds, actorId: userId },
      {
        claims: stores.claims(),
        ledger: stores.ledger(),
        certificates: stores.certificates(),
        communities: stores.communities(),
        activities: stores.activities(),
      },
    ),
  );
});
