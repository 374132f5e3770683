import type { Order, PaymentInstruction, PaymentRefund, ReturnedPayment } from '@linli/shared';
import { SHOP_MESSAGES, notificationText } from '@linli/shared';
import { AppError, notFound } from '../../lib/errors';
import {
  OUT_REFUND_NO,
  OUT_TRADE_NO,
  TRANSACTION_ID,
  type AcceptedRefund,
  type PaidTransaction,
  type PaymentGateway,
  type RefundResult,
} from './payment-gateway';
import type { FundStore } from '../fund/ports';
import type { ConsentStore, UserStore } from '../identity/ports';
import { markOrderPaid } from './orders';
import type { ShopStore } from './ports';

/**
 * The life of an order's money at WeChat Pay, against the life of the order in Linli. Every
 * state a WeChat order can reach meets every state of ours here:
 *
 * | WeChat \ ours        | pending_payment               | cancelled / expired     | paid … refunded          |
 * |----------------------|-------------------------------|-------------------------|--------------------------|
 * | SUCCESS, amount ok   | credited (one transaction)    | refunded automatically  | same transaction: no-op; |
 * |                      |                               |                         | another: refunded        |
 * | SUCCESS, other amount| refunded, order cancelled     | refunded automatically  | refunded automatically   |
 * | NOTPAY / CLOSED …    | cancel and expiry close it at WeChat first; ours closes only once WeChat's has       |
 * | REFUND (on close)    | being returned (by us, or outside Linli): ours closes, nothing is credited            |
 *
 * A notification delivered again in any later state is acknowledged (200) and changes nothing.
 */
export interface PaymentDependencies {
  shop: ShopStore;
  fund: FundStore;
  payments: PaymentGateway;
  /** Whether a paid donation's donor may still be named (`donor_name_public`). */
  consents: ConsentStore;
}

/** How the buyer pays: WeChat Pay's JSAPI parameters where configured, the dev confirmation on the dev stage. */
export async function paymentFor(
  input: { communityId: string; order: Order; payerOpenid: string },
  options: { payments: PaymentGateway | null; devStage: boolean },
): Promise<PaymentInstruction> {
  if (options.payments) {
    if (!input.payerOpenid) {
      throw new AppError('payment.payer_unknown', 'Pay from the WeChat account that placed the order');
    }
    return options.payments.prepay({
      outTradeNo: outTradeNoOf(input.order),
      description: input.order.lines.map((line) => line.title).join('、'),
      totalFen: input.order.totalFen,
      payerOpenid: input.payerOpenid,
      attach: input.communityId,
      expiresAt: input.order.expiresAt,
    });
  }
  if (options.devStage) return { mode: 'dev' };
  throw new AppError('payment.unavailable', 'Online payment is not configured');
}

/** Who pays and how: the payment provider (none where not configured), the stage, and the payer's WeChat account. */
export interface CheckoutDependencies {
  payments: PaymentGateway | null;
  devStage: boolean;
  users: Pick<UserStore, 'getUser'>;
}

/**
 * Places an order — a sale (`createOrder`) or a donation — and says how to pay it, the one path
 * for both: refused with `payment.unavailable` before anything is stored where no payment is
 * possible (no WeChat Pay and not the dev stage), then `place` stores the order, then WeChat's
 * prepay is made for the payer's openid.
 */
export async function checkout(
  input: { communityId: string; payerId: string; place: () => Promise<Order> },
  dependencies: CheckoutDependencies,
): Promise<Order & { payment: PaymentInstruction }> {
  if (!dependencies.payments && !dependencies.devStage) {
    throw new AppError('payment.unavailable', 'Online payment is not configured');
  }
  const order = await input.place();
  return { ...order, payment: await paymentOf(input.communityId, order, input.payerId, dependencies) };
}

/**
 * The buyer asks again how to pay their unpaid order (the same `out_trade_no` at WeChat).
 * Throws `shop.order_not_payable` (409) once it is paid, cancelled or past its window.
 */
export async function payAgain(
  input: { communityId: string; order: Order; payerId: string; now?: Date },
  dependencies: CheckoutDependencies,
): Promise<PaymentInstruction> {
  const { order } = input;
  if (order.status !== 'pending_payment' || Date.parse(order.expiresAt) <= (input.now ?? new Date()).getTime()) {
    throw new AppError(
      'shop.order_not_payable',
      `This order is ${order.status === 'pending_payment' ? 'expired' : order.status}`,
    );
  }
  return paymentOf(input.communityId, order, input.payerId, dependencies);
}

async function paymentOf(
  communityId: string,
  order: Order,
  payerId: string,
  dependencies: CheckoutDependencies,
): Promise<PaymentInstruction> {
  const payer = await dependencies.users.getUser(payerId);
  return paymentFor({ communityId, order, payerOpenid: payer?.openid ?? '' }, dependencies);
}

/** The order's WeChat `out_trade_no`: its id, which every order-making path keeps to WeChat's 6–32 of `0-9A-Za-z_-|*`. */
export function outTradeNoOf(order: Pick<Order, 'id'>): string {
  if (!OUT_TRADE_NO.test(order.id)) {
    throw new AppError('payment.unavailable', 'This order cannot be paid through WeChat Pay', { orderId: order.id });
  }
  return order.id;
}

/** Our `out_refund_no` for the office's refund of an order (`rf` + order id: 28 characters). */
export const refundNumberOf = (orderId: string) => `rf${orderId}`;
/** Our `out_refund_no` for a payment sent back automatically (`rp` + order id). */
export const returnNumberOf = (orderId: string) => `rp${orderId}`;

const REFUND_STATUS: Record<AcceptedRefund['status'], PaymentRefund['status']> = {
  PROCESSING: 'processing',
  SUCCESS: 'success',
  ABNORMAL: 'abnormal',
  CLOSED: 'closed',
};

const rejected = (message: string) => new AppError('payment.notification_rejected', message);

/**
 * A WeChat Pay notification, verified and decrypted: `TRANSACTION.SUCCESS` settles the
 * payment against the order whatever state it is in (see the table above); `REFUND.*` moves
 * the refund it reports forward. Anything else is acknowledged and ignored. Throws
 * `payment.notification_rejected` (401) for anything not genuine or not ours.
 */
export async function handlePaymentNotification(
  input: { headers: Record<string, string | undefined>; body: string },
  dependencies: PaymentDependencies,
): Promise<{ outcome: string; orderId?: string; communityId?: string }> {
  const { eventType, resource } = dependencies.payments.openNotification(input.headers, input.body);
  if (eventType === 'TRANSACTION.SUCCESS') {
    const transaction = resource as unknown as PaidTransaction;
    if (transaction.trade_state !== 'SUCCESS') return { outcome: 'ignored' };
    const communityId = transaction.attach ?? '';
    if (!/^[a-z0-9][a-z0-9-]{1,39}$/.test(communityId)) {
      throw rejected('The notification does not name a Linli community');
    }
    return { ...(await settleTransaction(communityId, transaction, dependencies)), communityId };
  }
  if (eventType.startsWith('REFUND.')) return followRefund(resource as unknown as RefundResult, dependencies);
  return { outcome: 'ignored' };
}

/** The checks a genuine transaction must still pass to be about one of our orders, in our money. */
function checkOurs(
  transaction: PaidTransaction,
  payments: Pick<PaymentGateway, 'merchantId' | 'appId'>,
): { amountFen: number; transactionId: string } {
  if (transaction.mchid !== payments.merchantId || transaction.appid !== payments.appId) {
    throw rejected('The notification is for another merchant or app');
  }
  if (typeof transaction.out_trade_no !== 'string' || !OUT_TRADE_NO.test(transaction.out_trade_no)) {
    throw rejected('The notification does not name a Linli order');
  }
  const transactionId = transaction.transaction_id;
  if (typeof transactionId !== 'string' || !TRANSACTION_ID.test(transactionId)) {
    throw rejected('The notification has no WeChat transaction id');
  }
  const amountFen = transaction.amount?.total;
  if (typeof amountFen !== 'number' || !Number.isSafeInteger(amountFen) || amountFen < 1) {
    throw rejected('The notification has no amount');
  }
  if (transaction.amount?.currency !== 'CNY') throw rejected('The payment is not in CNY');
  return { amountFen, transactionId };
}

/**
 * A successful WeChat transaction (from a notification, or found by a query) against our order:
 * credited when the order is unpaid and the amount is the order's; a no-op when the order was
 * credited with this very transaction; otherwise the money goes back (`returnPayment`).
 */
export async function settleTransaction(
  communityId: string,
  transaction: PaidTransaction,
  dependencies: PaymentDependencies,
): Promise<{ outcome: 'credited' | 'already_credited' | 'returned'; orderId: string }> {
  const { amountFen, transactionId } = checkOurs(transaction, dependencies.payments);
  const orderId = transaction.out_trade_no;
  for (let attempt = 1; attempt <= 5; attempt += 1) {
    const order = await dependencies.shop.getOrder(communityId, orderId);
    if (!order) throw notFound('order', 'shop.order_not_found');
    if (order.paymentReference === transactionId) return { outcome: 'already_credited', orderId };
    if (order.status === 'pending_payment' && amountFen === order.totalFen) {
      const paid = await markOrderPaid(
        { communityId, orderId, reference: transactionId, amountFen },
        dependencies,
      ).catch((error: unknown) => {
        if (error instanceof AppError && error.code === 'shop.order_not_payable') return null;
        throw error;
      });
      if (paid?.credited) return { outcome: 'credited', orderId };
      continue; // the order moved meanwhile (cancelled, expired, paid another way): look again
    }
    if (await returnPayment(communityId, order, { transactionId, amountFen }, dependencies)) {
      return { outcome: 'returned', orderId };
    }
  }
  throw new AppError('shop.payment_busy', 'The payment could not be settled yet; it will be retried');
}

function returnReason(order: Order, amountFen: number): ReturnedPayment['reason'] {
  if (order.status === 'pending_payment' && amountFen !== order.totalFen) return 'amount_mismatch';
  return order.status === 'cancelled' || order.status === 'expired' ? 'order_closed' : 'already_paid';
}

/**
 * Sends a payment we cannot accept back to the payer: the refund is recorded on the order first
 * (an unpaid order is cancelled with it, its stock returned; the buyer is told), then requested
 * from WeChat Pay (by transaction id, the whole amount), then its status kept. Once WeChat has
 * accepted it, a repeated delivery changes nothing; until then a repeat sends the same refund
 * again (same `out_refund_no`, which WeChat treats as one). false when the order changed meanwhile.
 */
async function returnPayment(
  communityId: string,
  order: Order,
  payment: { transactionId: string; amountFen: number },
  dependencies: PaymentDependencies,
): Promise<boolean> {
  let returned = order.returnedPayment;
  if (returned && returned.transactionId !== payment.transactionId) {
    throw new AppError('shop.payment_busy', 'Another payment for this order is being returned; retry later', {
      orderId: order.id,
    });
  }
  if (returned && returned.status !== 'requested') return true;
  if (!returned) {
    const at = new Date().toISOString();
    returned = {
      transactionId: payment.transactionId,
      outRefundNo: returnNumberOf(order.id),
      amountFen: payment.amountFen,
      status: 'requested',
      requestedAt: at,
      reason: returnReason(order, payment.amountFen),
    };
    const recorded = await dependencies.shop.recordReturnedPayment(communityId, order, returned, {
      audit: {
        communityId,
        action: 'order.payment_returned',
        objectType: 'order',
        objectId: order.id,
        actorId: 'system',
        before: order,
        after: { ...order, returnedPayment: returned },
      },
      notify: [
        {
          userId: order.buyerId,
          communityId,
          kind: 'order_status',
          ...notificationText(SHOP_MESSAGES, {
            key: order.status === 'pending_payment' ? 'order.payment_returned_closed' : 'order.payment_returned_ended',
            values: { amountFen: payment.amountFen },
          }),
          objectType: 'order',
          objectId: order.id,
          orderId: order.id,
        },
      ],
    });
    if (!recorded) return false;
  }
  const accepted = await dependencies.payments.refund({
    transactionId: payment.transactionId,
    outRefundNo: returned.outRefundNo,
    refundFen: returned.amountFen,
    totalFen: returned.amountFen,
    reason: '订单已关闭，款项原路退回',
  });
  await dependencies.shop.updateRefundStatus(communityId, order.id, 'returnedPayment', {
    outRefundNo: returned.outRefundNo,
    status: REFUND_STATUS[accepted.status],
    refundId: accepted.refundId,
    at: new Date().toISOString(),
  });
  return true;
}

/**
 * Sends the office's refund of a WeChat-paid order to WeChat Pay once the books have recorded it
 * (`order.refund.status` = `requested`), and keeps WeChat's answer on the order. A failure leaves
 * it `requested`: refunding again sends the same refund (same `out_refund_no`).
 */
export async function sendRequestedRefund(
  communityId: string,
  order: Order,
  dependencies: { shop: ShopStore; payments: PaymentGateway },
): Promise<Order> {
  const refund = order.refund;
  if (!refund || refund.status !== 'requested') return order;
  const accepted = await dependencies.payments.refund({
    outTradeNo: outTradeNoOf(order),
    outRefundNo: refund.outRefundNo,
    refundFen: refund.amountFen,
    totalFen: order.totalFen,
    reason: order.refundReason ?? '退款',
  });
  const updated = await dependencies.shop.updateRefundStatus(communityId, order.id, 'refund', {
    outRefundNo: refund.outRefundNo,
    status: REFUND_STATUS[accepted.status],
    refundId: accepted.refundId,
    at: new Date().toISOString(),
  });
  return updated ?? (await dependencies.shop.getOrder(communityId, order.id)) ?? order;
}

/**
 * A `REFUND.SUCCESS | ABNORMAL | CLOSED` notification: the refund it names (found by our
 * `out_refund_no`) moves forward, with an audit entry; repeated, or for a refund not made
 * through Linli, it changes nothing.
 */
async function followRefund(
  result: RefundResult,
  dependencies: PaymentDependencies,
): Promise<{ outcome: string; orderId?: string }> {
  if (result.mchid !== dependencies.payments.merchantId) throw rejected('The notification is for another merchant');
  const status = Object.hasOwn(REFUND_STATUS, result.refund_status)
    ? REFUND_STATUS[result.refund_status as AcceptedRefund['status']]
    : undefined;
  const ours = typeof result.out_refund_no === 'string' && OUT_REFUND_NO.test(result.out_refund_no);
  const where = ours ? await dependencies.shop.findRefund(result.out_refund_no) : null;
  if (!status || !where) return { outcome: 'ignored' };
  const moved = await dependencies.shop.updateRefundStatus(
    where.communityId,
    where.orderId,
    where.field,
    { outRefundNo: result.out_refund_no, status, refundId: result.refund_id, at: new Date().toISOString() },
    {
      audit: {
        communityId: where.communityId,
        action: `order.refund_${status}`,
        objectType: 'order',
        objectId: where.orderId,
        actorId: 'system',
        after: { outRefundNo: result.out_refund_no, refundId: result.refund_id, status },
      },
    },
  );
  return { outcome: moved ? `refund_${status}` : 'unchanged', orderId: where.orderId };
}

/**
 * Closes the WeChat order behind an unpaid order of ours, before ours closes, so WeChat can no
 * longer take money for it: `closed` when WeChat closed it (or never had it); otherwise WeChat's
 * state decides — a payment already made is settled now (`settled`: a notification that never
 * came), a payer entering the password is `paying`, and a payment WeChat is already refunding
 * (`REFUND`: one we are sending back — ours was closed with it, a moment ago — or one refunded on
 * the merchant platform) leaves nothing to settle or wait for: `closed`. Throws
 * `payment.unavailable` / `payment.provider_unverified` (503) when WeChat cannot be asked: ours
 * then stays open.
 */
export async function closeAtWechat(
  communityId: string,
  order: Order,
  dependencies: PaymentDependencies,
): Promise<'closed' | 'settled' | 'paying'> {
  const outTradeNo = outTradeNoOf(order);
  const closed = await dependencies.payments.close(outTradeNo);
  if (closed.outcome === 'closed') return 'closed';
  const transaction = await dependencies.payments.query(outTradeNo);
  if (!transaction || ['CLOSED', 'REVOKED', 'PAYERROR', 'REFUND'].includes(transaction.trade_state)) return 'closed';
  if (transaction.trade_state === 'SUCCESS') {
    await settleTransaction(communityId, transaction, dependencies);
    return 'settled';
  }
  return 'paying';
}
