import { contracts } from '@linli/shared';
import { handlePaymentNotification } from '../../domain/shop/payments';
import { attemptShippingUpload } from '../../domain/shop/shipping';
import { shippingDependencies, stores } from '../../wiring';
import { AppError } from '../../lib/errors';
import { paymentGateway } from '../../wiring-payments';
import { httpRoute, ok } from '../route';
import { logger } from '../../lib/logger';

/**
 * POST /v1/payments/wechat/notify — WeChat Pay's payment and refund notifications. Signed by
 * WeChat (no Linli token); a bad signature, stale timestamp or foreign order is a 4xx and changes
 * nothing. A genuine notification is acknowledged with 200 in every state of the order — a
 * payment we cannot accept is refunded automatically — and a repeat changes nothing.
 */
export const handler = httpRoute(contracts.wechatPayNotify, { idempotent: false }, async ({ event, headers }) => {
  const payments = await paymentGateway();
  if (!payments) throw new AppError('route.not_found', 'WeChat Pay is not configured on this stage');
  const body = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');
  const result = await handlePaymentNotification(
    { headers, body },
    { shop: stores.shop(), fund: stores.fund(), consents: stores.consents(), payments },
  );
  logger.info('wechat pay notification', { ...result });
  if (result.outcome === 'credited' && result.orderId && result.communityId) {
    await uploadDonationShipping(result.communityId, result.orderId);
  }
  return ok({ code: 'SUCCESS', message: '成功' });
});

/** A donation owes its shipping upload from payment: tried now (never failing the notification), else by the job. */
async function uploadDonationShipping(communityId: string, orderId: string): Promise<void> {
  const order = await stores.shop().getOrder(communityId, orderId);
  if (order?.shipping?.status !== 'pending') return;
  await attemptShippingUpload({ communityId, order }, shippingDependencies()).catch((error: unknown) =>
    logger.warn('shipping upload after payment failed', { orderId, error: String((error as Error).message) }),
  );
}
