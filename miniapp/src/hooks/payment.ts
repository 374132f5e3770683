import Taro from '@tarojs/taro';
import { contracts, type Order, type PaymentInstruction } from '@linli/shared';
import { request } from '../api';

/** How often and how long to ask whether WeChat Pay's notification has marked the order paid. */
const POLL_INTERVAL_MS = 1500;
const POLL_ATTEMPTS = 20;

/** Payment instructions of orders created in this session, so an unpaid order can be paid later from 我的订单. */
const instructions = new Map<string, PaymentInstruction>();

export function rememberPayment(orderId: string, payment: PaymentInstruction): void {
  instructions.set(orderId, payment);
}

/** How this order can be paid now: its instruction, or the dev confirmation on the dev stage; undefined if neither. */
export function paymentFor(orderId: string): PaymentInstruction | undefined {
  return instructions.get(orderId) ?? (LINLI_STAGE === 'dev' ? { mode: 'dev' } : undefined);
}

/**
 * Pays an order (a purchase or a donation) and returns it once paid: the buyer's confirmation on the dev
 * stage, WeChat Pay's own sheet in the mini-program — then waits for the server to hear from WeChat Pay.
 */
export async function payOrder(communityId: string, orderId: string, payment: PaymentInstruction): Promise<Order> {
  const params = { cid: communityId, oid: orderId };
  if (payment.mode === 'dev') {
    const paid = await request(contracts.devPayOrder, { params });
    instructions.delete(orderId);
    return paid.order;
  }
  await Taro.requestPayment({
    timeStamp: payment.timeStamp,
    nonceStr: payment.nonceStr,
    package: payment.package,
    signType: payment.signType,
    paySign: payment.paySign,
  });
  for (let attempt = 0; attempt < POLL_ATTEMPTS; attempt += 1) {
    const order = await request(contracts.getOrder, { params });
    if (order.status !== 'pending_payment') {
      instructions.delete(orderId);
      return order;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
  return request(contracts.getOrder, { params });
}
