import type { Order, PaymentInstruction } from '@linli/shared';
import { AppError } from '../../lib/errors';
import { openNotification, paymentParameters, requestJsapiPrepay, type WechatPayConfig } from '../../lib/wechat-pay';
import type { FundStore } from '../fund/ports';
import { markOrderPaid } from './orders';
import type { ShopStore } from './ports';

/** How the buyer pays: WeChat Pay's JSAPI parameters where configured, the dev confirmation on the dev stage. */
export async function paymentFor(
  input: { communityId: string; order: Order; payerOpenid: string },
  options: { config: WechatPayConfig | null; devStage: boolean },
): Promise<PaymentInstruction> {
  if (options.config) {
    const prepayId = await requestJsapiPrepay(options.config, {
      outTradeNo: input.order.id,
      description: input.order.lines.map((line) => line.title).join('、'),
      totalFen: input.order.totalFen,
      payerOpenid: input.payerOpenid,
      attach: input.communityId,
      expiresAt: input.order.expiresAt,
    });
    return paymentParameters(options.config, prepayId);
  }
  if (options.devStage) return { mode: 'dev' };
  throw new AppError('payment.unavailable', 'Online payment is not configured');
}

/**
 * A WeChat Pay notification: verified and decrypted, checked against our merchant, app,
 * order and amount, then recorded through the same path as every payment. Replays credit nothing.
 */
export async function handlePaymentNotification(
  input: { headers: Record<string, string | undefined>; body: string; config: WechatPayConfig },
  dependencies: { shop: ShopStore; fund: FundStore },
): Promise<{ credited: boolean; orderId?: string }> {
  const { eventType, transaction } = openNotification(input.config, input.headers, input.body);
  if (eventType !== 'TRANSACTION.SUCCESS' || transaction.trade_state !== 'SUCCESS') return { credited: false };
  if (transaction.mchid !== input.config.merchantId || transaction.appid !== input.config.appId) {
    throw new AppError('payment.notification_rejected', 'The notification is for another merchant or app');
  }
  const communityId = transaction.attach ?? '';
  if (!/^[a-z0-9][a-z0-9-]{1,39}$/.test(communityId) || !/^[A-Za-z0-9_-]{1,64}$/.test(transaction.out_trade_no)) {
    throw new AppError('payment.notification_rejected', 'The notification does not name a Linli order');
  }
  const result = await markOrderPaid(
    {
      communityId,
      orderId: transaction.out_trade_no,
      reference: transaction.transaction_id,
      amountFen: transaction.amount.total,
    },
    dependencies,
  );
  return { credited: result.credited, orderId: transaction.out_trade_no };
}
