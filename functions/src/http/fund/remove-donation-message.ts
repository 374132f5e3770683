import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { removeDonationMessage } from '../../domain/fund/donation-messages';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';
import { donationMessages } from '../../store/fund/donation-messages';

/** POST /v1/communities/{cid}/fund/messages/{messageId}/remove — staff take a donor's message off, with a reason. */
export const handler = httpRoute(contracts.removeDonationMessage, async ({ params, body, userId }) => {
  const staff = await requireStaff(stores.communities(), params.cid, userId);
  return ok(
    await removeDonationMessage(
      { communityId: params.cid, messageId: params.messageId, actorId: staff.userId, reason: body.reason },
      donationMessages(),
    ),
  );
});
