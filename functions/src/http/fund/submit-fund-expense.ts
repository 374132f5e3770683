import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { submitExpense } from '../../domain/fund/fund';
import { stores } from '../../wiring';
import { created, httpRoute } from '../route';
import { attachableImage } from '../../domain/media/images';

/** POST /v1/communities/{cid}/fund/expenses — staff submit; another staff member or admin approves. */
export const handler = httpRoute(contracts.submitFundExpense, async ({ params, body, userId }) => {
  await requireStaff(stores.communities(), params.cid, userId);
  // The receipt photo: one this staff member uploaded for it (public once WeChat's check passed it).
  await attachableImage(
    {
      communityId: params.cid,
      userId,
      purpose: 'fund_receipt',
      imageId: body.receiptImageId,
    },
    stores.images(),
  );
  return created(await submitExpense({ communityId: params.cid, actorId: userId, request: body }, stores.fund()));
});
