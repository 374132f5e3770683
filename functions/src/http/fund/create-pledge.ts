import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { createPledge } from '../../domain/fund/pledges';
import { recordDonorNameChoice } from '../../domain/identity/consents';
import { stores } from '../../wiring';
import { created, httpRoute } from '../route';

/** POST /v1/communities/{cid}/fund/pledges — 月月捐: a monthly donation on a day of the month. */
export const handler = httpRoute(contracts.createPledge, async ({ params, body, userId }) => {
  const donor = await requireMember(stores.communities(), params.cid, userId);
  await recordDonorNameChoice(stores.consents(), userId, body.publishName, new Date().toISOString());
  return created(await createPledge({ communityId: params.cid, donor, request: body }, stores.pledges()));
});
