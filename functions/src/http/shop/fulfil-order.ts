import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { fulfilOrder } from '../../domain/shop/fulfilment';
import { attemptShippingUpload, remindReceipt } from '../../domain/shop/shipping';
import { env } from '../../lib/env';
import { shippingDependencies, stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/**
 * POST /v1/communities/{cid}/orders/{oid}/fulfil — staff: ready for pickup / shipped → completed.
 * Ready for pickup or shipped: the shipping upload to WeChat is tried at once (the order moves
 * whatever WeChat says; a failed upload stays on the order for the job). Completed: WeChat is
 * asked to remind the buyer to confirm receipt, where that applies.
 */
export const handler = httpRoute(contracts.fulfilOrder, async ({ params, body, userId }) => {
  await requireStaff(stores.communities(), params.cid, userId);
  const moved = await fulfilOrder(
    {
      communityId: params.cid,
      orderId: params.oid,
      actorId: userId,
      status: body.status,
      trackingNo: body.trackingNo,
      expressCompany: body.expressCompany,
      uploadDevPayments: env.shippingUploadsForDevPayments(),
    },
    stores.shop(),
  );
  const dependencies = shippingDependencies();
  const input = { communityId: params.cid, order: moved };
  return ok(
    body.status === 'completed'
      ? await remindReceipt(input, dependencies)
      : await attemptShippingUpload(input, dependencies),
  );
});
