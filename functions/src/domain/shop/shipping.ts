import type { LogisticsType, Order, OrderShipping } from '@linli/shared';
import { AppError, notFound } from '../../lib/errors';
import { logger } from '../../lib/logger';
import type { UserStore } from '../identity/ports';
import type { OrderShippingGateway, ShippingOrderKey, ShopStore } from './ports';

/**
 * Shipping information at WeChat (发货信息管理, issue 19 item 1). For a mini-program taking WeChat
 * Pay the buyer's money stays frozen until the order's shipping is uploaded
 * (https://developers.weixin.qq.com/miniprogram/dev/platform-capabilities/business-capabilities/order-shipping/order-shipping.html):
 * staff marking an order ready for pickup (logistics type 4) or shipped (1 with a tracking number,
 * else 2 same-city) and a donation being paid (3 virtual) owe an upload. The owed upload is
 * written on the order (`shipping.status: 'pending'`) in the same write that changes its status,
 * then tried at once; if WeChat cannot take it, the order still moves and the scheduled job
 * `retryShippingUploads` tries again with back-off (1, 2, 4 … minutes, at most 6 hours apart),
 * giving up — `failed`, shown to staff with a retry button — after {@link MAX_SHIPPING_ATTEMPTS}.
 */
export const MAX_SHIPPING_ATTEMPTS = 12;
const MAX_BACKOFF_MINUTES = 360;
/** The merchant id put in a dev payment's order key (type 1): dev payments reach only a stand-in. */
export const DEV_MERCHANT_ID = '0000000000';

export interface ShippingDependencies {
  shop: ShopStore;
  users: Pick<UserStore, 'getUser'>;
  shipping: OrderShippingGateway;
  /** Upload dev payments too (the dev stage talking to a WeChat stand-in): see {@link shippingKeyOf}. */
  uploadDevPayments: boolean;
}

/** Minutes until attempt `attempts + 1`: 1, 2, 4 … doubling, at most 6 hours. */
export const backoffMinutes = (attempts: number) => Math.min(MAX_BACKOFF_MINUTES, 2 ** Math.max(0, attempts - 1));

/**
 * The order as WeChat knows it, or null when no upload is owed: a WeChat Pay payment by its
 * transaction id; a dev payment (`dev-…`, the dev stage's dev-pay route, which WeChat never saw)
 * only where `uploadDevPayments` — by merchant id {@link DEV_MERCHANT_ID} and the order id.
 */
export function shippingKeyOf(order: Order, uploadDevPayments: boolean): ShippingOrderKey | null {
  const reference = order.paymentReference;
  if (!reference) return null;
  if (reference.startsWith('dev-')) {
    return uploadDevPayments ? { merchantId: DEV_MERCHANT_ID, outTradeNo: order.id } : null;
  }
  return { transactionId: reference };
}

/** What was bought, as WeChat's `item_desc` (at most 120 characters): `title × quantity`, joined. */
export function itemDescOf(order: Order): string {
  const text = order.lines.map((line) => `${line.title} × ${line.quantity}`).join('，');
  const characters = Array.from(text);
  return characters.length > 120 ? `${characters.slice(0, 119).join('')}…` : text;
}

/** The upload an order owes from now on (attempted at once; the job's first retry a minute later). */
export function owedShipping(
  logisticsType: LogisticsType,
  at: Date,
  tracking?: { trackingNo?: string; expressCompany?: string },
): OrderShipping {
  return {
    status: 'pending',
    logisticsType,
    attempts: 0,
    nextAttemptAt: new Date(at.getTime() + 60_000).toISOString(),
    ...(tracking?.trackingNo ? { trackingNo: tracking.trackingNo, expressCompany: tracking.expressCompany } : {}),
  };
}

/** The next state after one attempt's outcome. */
function afterAttempt(
  shipping: OrderShipping,
  outcome: { ok: true } | { ok: false; retryable: boolean; error: string },
  now: Date,
): OrderShipping {
  const attempts = shipping.attempts + 1;
  const { nextAttemptAt: _next, lastError: _error, ...rest } = shipping;
  if (outcome.ok) return { ...rest, status: 'uploaded', attempts, uploadedAt: now.toISOString() };
  if (!outcome.retryable || attempts >= MAX_SHIPPING_ATTEMPTS) {
    return { ...rest, status: 'failed', attempts, lastError: outcome.error };
  }
  const nextAttemptAt = new Date(now.getTime() + backoffMinutes(attempts) * 60_000).toISOString();
  return { ...rest, status: 'pending', attempts, lastError: outcome.error, nextAttemptAt };
}

/**
 * One attempt at the order's owed upload; the result recorded on the order (if no other attempt
 * recorded one meanwhile). Never throws for WeChat's sake: the order as it is now.
 */
export async function attemptShippingUpload(
  input: { communityId: string; order: Order; now?: Date },
  dependencies: ShippingDependencies,
): Promise<Order> {
  const { order } = input;
  const shipping = order.shipping;
  if (!shipping || shipping.status === 'uploaded') return order;
  const now = input.now ?? new Date();
  const key = shippingKeyOf(order, dependencies.uploadDevPayments);
  const payer = await dependencies.users.getUser(order.buyerId);
  const outcome = !key
    ? { ok: false as const, retryable: false, error: 'The order was not paid through WeChat Pay' }
    : order.status === 'refunded'
      ? { ok: false as const, retryable: false, error: 'The order was refunded' }
      : !payer?.openid
        ? { ok: false as const, retryable: false, error: 'The buyer has no WeChat openid' }
        : await dependencies.shipping
            .upload({
              orderKey: key,
              logisticsType: shipping.logisticsType,
              itemDesc: itemDescOf(order),
              trackingNo: shipping.trackingNo,
              expressCompany: shipping.expressCompany,
              payerOpenid: payer.openid,
              uploadedAt: now,
            })
            .catch((error: unknown) => ({
              ok: false as const,
              retryable: true,
              error: String((error as Error).message),
            }));
  const next = afterAttempt(shipping, outcome, now);
  if (!(await dependencies.shop.updateShipping(input.communityId, order.id, next, shipping.attempts))) {
    return (await dependencies.shop.getOrder(input.communityId, order.id)) ?? order;
  }
  if (next.status !== 'uploaded') {
    logger.warn('shipping upload not accepted', { orderId: order.id, status: next.status, error: next.lastError });
  }
  return { ...order, shipping: next };
}

/**
 * Scheduled (`retryShippingUploads`, every minute): every upload due is attempted again. One
 * order's trouble never holds up the others.
 */
export async function retryDueShippingUploads(
  input: { now?: Date },
  dependencies: ShippingDependencies,
): Promise<{ uploaded: number; pending: number; failed: number }> {
  const now = input.now ?? new Date();
  const counts = { uploaded: 0, pending: 0, failed: 0 };
  for (const { communityId, orderId } of await dependencies.shop.shippingDue(now.toISOString())) {
    const order = await dependencies.shop.getOrder(communityId, orderId);
    if (order?.shipping?.status !== 'pending') continue;
    const after = await attemptShippingUpload({ communityId, order, now }, dependencies);
    counts[after.shipping?.status ?? 'pending'] += 1;
  }
  return counts;
}

/**
 * Staff: try a failed (or still pending) upload again now, with a fresh count of attempts. 409
 * `shop.shipping_not_owed` when the order owes none or it is uploaded already.
 */
export async function retryShippingNow(
  input: { communityId: string; orderId: string; now?: Date },
  dependencies: ShippingDependencies,
): Promise<Order> {
  const order = await dependencies.shop.getOrder(input.communityId, input.orderId);
  if (!order) throw notFound('order', 'shop.order_not_found');
  const shipping = order.shipping;
  if (!shipping || shipping.status === 'uploaded' || order.status === 'refunded') {
    throw new AppError('shop.shipping_not_owed', 'This order has no shipping information waiting for WeChat');
  }
  const restarted: OrderShipping = { ...shipping, status: 'pending', attempts: 0 };
  if (!(await dependencies.shop.updateShipping(input.communityId, order.id, restarted, shipping.attempts))) {
    throw new AppError('shop.payment_busy', 'The order is being updated; please try again');
  }
  return attemptShippingUpload({ ...input, order: { ...order, shipping: restarted } }, dependencies);
}

/**
 * The buyer collected (the order is `completed`): for an express order uploaded to WeChat, WeChat
 * is asked to remind the buyer to confirm receipt (notify_confirm_receive — the doc allows it for
 * express orders only, once). Pickup and same-city orders need no call: the buyer confirms in
 * WeChat (or it confirms itself). The reminder's outcome is recorded, not retried.
 */
export async function remindReceipt(
  input: { communityId: string; order: Order; now?: Date },
  dependencies: ShippingDependencies,
): Promise<Order> {
  const { order } = input;
  const shipping = order.shipping;
  const key = shippingKeyOf(order, dependencies.uploadDevPayments);
  if (!shipping || shipping.status !== 'uploaded' || shipping.logisticsType !== 1 || !key) return order;
  if (shipping.receiptNotifiedAt) return order;
  const now = input.now ?? new Date();
  const outcome = await dependencies.shipping
    .notifyConfirmReceive({ orderKey: key, receivedAt: now })
    .catch((error: unknown) => ({ ok: false as const, retryable: true, error: String((error as Error).message) }));
  const next: OrderShipping = outcome.ok
    ? { ...shipping, receiptNotifiedAt: now.toISOString() }
    : { ...shipping, receiptError: outcome.error };
  await dependencies.shop.updateShipping(input.communityId, order.id, next, shipping.attempts);
  return { ...order, shipping: next };
}
