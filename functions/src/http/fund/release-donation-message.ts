import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { releaseDonationMessage } from '../../domain/fund/donation-messages';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';
import { donationMessages } from '../../store/fund/donation-messages';

/** POST /v1/communities/{cid}/fund/messages/{messageId}/release — staff (not the donor) show a held message. */
export const handler = httpRoute(contracts.releaseDonationMessage, async ({ params, userId }) => {
  const staff = await requireStaff(stores.communities(), params.cid, userId);
  return ok(
    await releaseDonationMessage(
      { communityId: params.cid, messageId: params.messageId, actorId: staff.userId },
      donationMessages(),
    ),
  );
});
