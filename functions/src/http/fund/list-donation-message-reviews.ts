import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { listDonationMessageReviews } from '../../domain/fund/donation-messages';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';
import { donationMessages } from '../../store/fund/donation-messages';

/** GET /v1/communities/{cid}/content-reviews/donation-messages — staff: donors' messages held for review, oldest first. */
export const handler = httpRoute(contracts.listDonationMessageReviews, async ({ params, query, userId }) => {
  await requireStaff(stores.communities(), params.cid, userId);
  return ok(
    await listDonationMessageReviews(
      { communityId: params.cid, status: query.status, cursor: query.cursor },
      donationMessages(),
    ),
  );
});
