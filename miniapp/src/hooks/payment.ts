import Taro from '@tarojs/taro';
import { contracts, type Order, type PaymentInstruction } from '@linli/shared';
import { request } from '../api';

/** How often and how long to ask whether WeChat Pay's notification has marked the order paid. */
const POLL_INTERVAL_MS = 1500;
const POLL_ATTEMPTS = 20;

/** How an order is paid on this stage before the API says so: the dev confirmation or WeChat Pay. */
export const STAGE_PAYMENT_MODE: PaymentInstruction['mode'] = LINLI_STAGE === 'dev' ? 'dev' : 'wechat';

/** Asks the API again how to pay an unpaid order (pay later from 我的订单): fresh WeChat Pay parameters or dev. */
export async function reissuePayment(communityId: string, orderId: string): Promise<PaymentInstruction> {
  const { payment } = await request(contracts.payOrder, { params: { cid: communityId, oid: orderId } });
  return payment;
}

/**
 * Pays an order (a purchase or a donation) and returns it once paid: the buyer's confirmation on the dev
 * stage, WeChat Pay's own sheet in the mini-program — then waits for the server to hear from WeChat Pay.
 */
export async function payOrder(communityId: string, orderId: string, payment: PaymentInstruction): Promise<Order> {
  const params = { cid: communityId, oid: orderId };
  if (payment.mode === 'dev') {
    const paid = await request(contracts.devPayOrder, { params });
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
    if (order.status !== 'pending_payment') return order;
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
  return request(contracts.getOrder, { params });
}
