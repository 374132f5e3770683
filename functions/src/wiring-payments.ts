import type { PaymentGateway } from './domain/shop/payment-gateway';
import { wechatPayGateway } from './gateways/wechat-pay';
import { env } from './lib/env';
import { stores } from './wiring';

/**
 * WeChat Pay as wired in production, apart from `wiring.ts`: only the functions that take or return
 * money (shop, fund, jobs) bundle the WeChat Pay client and its signing rules — every function bundles
 * `wiring.ts`, and the office function is at its size budget.
 */

/** WeChat Pay, or null where it is not configured (then only the dev stage takes orders, through dev-pay). */
export async function paymentGateway(): Promise<PaymentGateway | null> {
  const config = await env.wechatPay();
  return config ? wechatPayGateway(config) : null;
}

/** What the checkout use cases need, as wired in production. */
export const checkoutDependencies = async () => ({
  payments: await paymentGateway(),
  devStage: env.isDevStage(),
  users: stores.users(),
});
