import { contracts, OFFICE_ROLES } from '@linli/shared';
import { memberOfClaimId } from '../../domain/timebank/attendance';
import { approveClaim } from '../../domain/timebank/claims';
import { communityAndMember } from '../../domain/timebank/context';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** POST /v1/communities/{cid}/claims/{claimId}/approve — staff; pays the points in the same transaction. */
export const handler = httpRoute(contracts.approveClaim, async ({ params, userId }) => {
  // The claim (and its member's account) is read alongside the authorization check, in one round
  // trip; nothing of it is used or shown unless that passes.
  await stores.claims().readAheadApproval(params.cid, params.claimId, userId, memberOfClaimId(params.claimId));
  const [{ community }, preloaded] = await Promise.all([
    communityAndMember(stores.communities(), params.cid, userId, OFFICE_ROLES),
    stores.claims().getClaim(params.cid, params.claimId),
  ]);
  const claim = await approveClaim(
    { community, claimId: params.claimId, actorId: userId, claim: preloaded },
    {
      claims: stores.claims(),
      ledger: stores.ledger(),
      certificates: stores.certificates(),
      communities: stores.communities(),
      activities: stores.activities(),
    },
  );
  return ok({ claim });
});
