import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { createGood } from '../../domain/market/supermarket';
import { stores } from '../../wiring';
import { created, httpRoute } from '../route';

/** POST /v1/communities/{cid}/goods — staff stock the credit supermarket. */
export const handler = httpRoute(contracts.createGood, async ({ params, body, userId }) => {
  const communities = stores.communities();
  await requireStaff(communities, params.cid, userId);
  return created(
    await createGood({ communityId: params.cid, request: body }, { supermarket: stores.supermarket(), communities }),
  );
});
