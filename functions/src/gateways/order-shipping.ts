import type {
  OrderShippingGateway,
  ShippingOrderKey,
  ShippingUploadRequest,
  WechatCallOutcome,
} from '../domain/shop/ports';
import { AppError } from '../lib/errors';
import { env } from '../lib/env';
import { ACCESS_TOKEN_ERRORS, wechatAccessToken } from './wechat-access-token';

/**
 * WeChat's order-shipping service (发货信息管理服务,
 * https://developers.weixin.qq.com/miniprogram/dev/platform-capabilities/business-capabilities/order-shipping/order-shipping.html):
 * for a mini-program that takes WeChat Pay the buyer's money stays frozen until the shipping
 * information is uploaded. Calls never throw: each answers a {@link WechatCallOutcome}, retryable
 * or not, for the domain to record on the order.
 */
const TIMEOUT_MILLISECONDS = 5000;

/**
 * Errcodes worth trying again later: -1 system busy, 45009 the API's daily/minute quota,
 * 10060012 / 10060019 busy, and 10060001 支付单不存在 — WeChat takes about a minute to know a new
 * payment (its operators' answer on the developer forum), so it is retried; after the retries it
 * is flagged like any other failure.
 */
export const RETRYABLE_SHIPPING_ERRORS = new Set([-1, 45009, 10060001, 10060012, 10060019]);

/** `2026-11-22T18:05:09.120+08:00`: RFC 3339 in China time, as upload_time's example. */
export function rfc3339China(at: Date): string {
  return `${new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 23)}+08:00`;
}

function orderKeyBody(key: ShippingOrderKey) {
  return 'transactionId' in key
    ? { order_number_type: 2, transaction_id: key.transactionId }
    : { order_number_type: 1, mchid: key.merchantId, out_trade_no: key.outTradeNo };
}

/** `POST <path>?access_token=`, once more with a fresh token when WeChat calls the token bad. */
async function call(path: string, body: object): Promise<WechatCallOutcome> {
  let reply: { errcode?: number; errmsg?: string } = {};
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const url = new URL(path, env.wechatApiBase());
      url.searchParams.set('access_token', await wechatAccessToken(attempt > 0));
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MILLISECONDS),
      });
      if (response.status >= 500) return { ok: false, retryable: true, error: `HTTP ${response.status}` };
      reply = (await response.json()) as typeof reply;
    } catch (error) {
      const reason = error instanceof AppError ? error.message : (error as Error).message;
      return { ok: false, retryable: true, error: `WeChat unreachable: ${reason}`.slice(0, 300) };
    }
    if (!reply.errcode) return { ok: true };
    if (!ACCESS_TOKEN_ERRORS.has(reply.errcode)) break;
  }
  const errcode = reply.errcode ?? -1;
  return {
    ok: false,
    retryable: RETRYABLE_SHIPPING_ERRORS.has(errcode) || ACCESS_TOKEN_ERRORS.has(errcode),
    error: `${errcode} ${reply.errmsg ?? ''}`.trim().slice(0, 300),
  };
}

/**
 * uploadShippingInfo (`POST /wxa/sec/order/upload_shipping_info`,
 * https://developers.weixin.qq.com/miniprogram/dev/server/API/order_shipping/api_uploadshippinginfo.html):
 * one unified delivery (`delivery_mode` 1, one shipping_list entry), `upload_time` RFC 3339.
 */
function upload(request: ShippingUploadRequest): Promise<WechatCallOutcome> {
  return call('/wxa/sec/order/upload_shipping_info', {
    order_key: orderKeyBody(request.orderKey),
    logistics_type: request.logisticsType,
    delivery_mode: 1,
    shipping_list: [
      {
        item_desc: request.itemDesc,
        ...(request.trackingNo ? { tracking_no: request.trackingNo, express_company: request.expressCompany } : {}),
      },
    ],
    upload_time: rfc3339China(request.uploadedAt),
    payer: { openid: request.payerOpenid },
  });
}

/**
 * notifyConfirmReceive (`POST /wxa/sec/order/notify_confirm_receive`,
 * https://developers.weixin.qq.com/miniprogram/dev/server/API/order_shipping/api_notifyconfirmreceive.html):
 * `received_time` in Unix seconds (milliseconds are refused, 10060029); express orders only, once.
 */
function notifyConfirmReceive(request: { orderKey: ShippingOrderKey; receivedAt: Date }): Promise<WechatCallOutcome> {
  const key = request.orderKey;
  return call('/wxa/sec/order/notify_confirm_receive', {
    ...('transactionId' in key
      ? { transaction_id: key.transactionId }
      : { merchant_id: key.merchantId, merchant_trade_no: key.outTradeNo }),
    received_time: Math.floor(request.receivedAt.getTime() / 1000),
  });
}

/** The production adapter of {@link OrderShippingGateway}. */
export const orderShippingGateway: OrderShippingGateway = { upload, notifyConfirmReceive };
