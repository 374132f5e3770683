import { contracts } from '@linli/shared';
import { pledgeStore } from '../../store/fund/pledge-store';
import { requireMember } from '../../domain/identity/authorization';
import { changePledge } from '../../domain/fund/pledges';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** POST /v1/communities/{cid}/fund/pledges/{pledgeId} {action: pause|resume|cancel} — the donor. */
export const handler = httpRoute(contracts.changePledge, async ({ params, body, userId }) => {
  await requireMember(stores.communities(), params.cid, userId);
  return ok(
    await changePledge(
      { communityId: params.cid, pledgeId: params.pledgeId, donorId: userId, action: body.action },
      pledgeStore(),
    ),
  );
});
