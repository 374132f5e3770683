import { contracts } from '@linli/shared';
import { pledgeStore } from '../../store/fund/pledge-store';
import { requireMember } from '../../domain/identity/authorization';
import { getCommunityOrThrow } from '../../domain/identity/communities';
import { requireDonationsOpen } from '../../domain/fund/holder';
import { createPledge } from '../../domain/fund/pledges';
import { recordDonorNameChoice } from '../../domain/identity/consents';
import { stores } from '../../wiring';
import { created, httpRoute } from '../route';

/** POST /v1/communities/{cid}/fund/pledges — 月月捐: a monthly donation on a day of the month. */
export const handler = httpRoute(contracts.createPledge, async ({ params, body, userId }) => {
  const communities = stores.communities();
  const [community, donor] = await Promise.all([
    getCommunityOrThrow(communities, params.cid),
    requireMember(communities, params.cid, userId),
  ]);
  // A new pledge only under a charity with public-fundraising qualification valid today (409 fund.no_legal_holder).
  requireDonationsOpen(community);
  await recordDonorNameChoice(stores.consents(), userId, body.publishName, new Date().toISOString());
  return created(await createPledge({ communityId: params.cid, donor, request: body }, pledgeStore()));
});
