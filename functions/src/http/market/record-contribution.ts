import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { recordContribution } from '../../domain/market/contributions';
import { stores } from '../../wiring';
import { created, httpRoute } from '../route';

/** POST /v1/communities/{cid}/contributions — staff award contribution points (CCS) through the ledger. */
export const handler = httpRoute(contracts.recordContribution, async ({ params, body, userId }) => {
  const communities = stores.communities();
  await requireStaff(communities, params.cid, userId);
  return created(
    await recordContribution(
      { communityId: params.cid, actorId: userId, request: body },
      { contributions: stores.supermarket(), communities },
    ),
  );
});
