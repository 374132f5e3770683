import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { createPledge } from '../../domain/fund/pledges';
import { stores } from '../../wiring';
import { created, httpRoute } from '../route';

/** POST /v1/communities/{cid}/fund/pledges — 月月捐: a monthly donation on a day of the month. */
export const handler = httpRoute(contracts.createPledge, async ({ params, body, userId }) => {
  const donor = await requireMember(stores.communities(), params.cid, userId);
  return created(await createPledge({ communityId: params.cid, donor, request: body }, stores.pledges()));
});
