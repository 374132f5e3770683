import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { getCommunityOrThrow } from '../../domain/identity/communities';
import { requestDonationReceipt } from '../../domain/fund/receipts';
import { stores } from '../../wiring';
import { created, httpRoute } from '../route';
import { receiptRequests } from '../../store/fund/receipt-requests';

/** POST /v1/communities/{cid}/fund/receipt-requests — the donor asks for a 捐赠票据 for their paid donation. */
export const handler = httpRoute(contracts.requestDonationReceipt, async ({ params, body, userId }) => {
  const communities = stores.communities();
  const [community] = await Promise.all([
    getCommunityOrThrow(communities, params.cid),
    requireMember(communities, params.cid, userId),
  ]);
  return created(
    await requestDonationReceipt(
      { communityId: params.cid, donorId: userId, body, holder: community.fundHolder },
      { shop: stores.shop(), receipts: receiptRequests() },
    ),
  );
});
