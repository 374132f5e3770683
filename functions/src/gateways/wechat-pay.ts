import { createDecipheriv, createSign, createVerify, randomBytes } from 'node:crypto';
import { AppError } from '../lib/errors';
import { beforeOutsideEffect } from '../lib/request-scope';
import { LIMITS, requestViolations } from './wechat-pay-rules';

import type { WechatPayConfig } from '../lib/env';
import type {
  AcceptedRefund,
  PaidTransaction,
  PaymentGateway,
  PrepayInput,
  RefundInput,
  RefundResult,
} from '../domain/shop/payment-gateway';
export type { AcceptedRefund, PaidTransaction, PrepayInput, RefundInput, RefundResult, WechatPayConfig };

/** Notifications and replies older (or newer) than this are refused: WeChat's 5-minute window. */
export const MAX_NOTIFICATION_AGE_SECONDS = 300;

const nonce = () => randomBytes(16).toString('hex');

function rsaSign(privateKey: string, message: string): string {
  return createSign('RSA-SHA256').update(message).sign(privateKey, 'base64');
}

/** The `Authorization` header of a request to WeChat Pay. */
export function authorizationHeader(
  config: Pick<WechatPayConfig, 'merchantId' | 'merchantSerial' | 'merchantPrivateKey'>,
  request: { method: string; pathWithQuery: string; body: string },
  timestampSeconds = Math.floor(Date.now() / 1000),
  nonceText = nonce(),
): string {
  const message = `${request.method}\n${request.pathWithQuery}\n${timestampSeconds}\n${nonceText}\n${request.body}\n`;
  const signature = rsaSign(config.merchantPrivateKey, message);
  return (
    `WECHATPAY2-SHA256-RSA2048 mchid="${config.merchantId}",nonce_str="${nonceText}",` +
    `signature="${signature}",timestamp="${timestampSeconds}",serial_no="${config.merchantSerial}"`
  );
}

/**
 * Why a message signed by WeChat Pay is not genuine, or null when it is: the four
 * `Wechatpay-*` headers present, the serial known, the timestamp within 5 minutes of `nowSeconds`,
 * and the RSA-SHA256 signature over `timestamp\nnonce\nbody\n` valid for that serial's key.
 * The same rule for notifications and for the replies to our requests.
 */
export function signatureProblem(
  platformPublicKeys: Record<string, string>,
  headers: Record<string, string | undefined>,
  body: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): string | null {
  const timestamp = headers['wechatpay-timestamp'];
  const nonceText = headers['wechatpay-nonce'];
  const signature = headers['wechatpay-signature'];
  const serial = headers['wechatpay-serial'];
  if (!timestamp || !nonceText || !signature || !serial) return 'Missing Wechatpay-* headers';
  const publicKey = Object.hasOwn(platformPublicKeys, serial) ? platformPublicKeys[serial] : undefined;
  if (!publicKey) return 'Unknown Wechatpay-Serial';
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > MAX_NOTIFICATION_AGE_SECONDS) {
    return 'Stale or invalid Wechatpay-Timestamp';
  }
  try {
    const verifier = createVerify('RSA-SHA256').update(`${timestamp}\n${nonceText}\n${body}\n`);
    return verifier.verify(publicKey, signature, 'base64') ? null : 'Bad Wechatpay-Signature';
  } catch {
    return 'Bad Wechatpay-Signature';
  }
}

/** A request to WeChat Pay, as the builders below make it. */
export interface WechatPayRequest {
  method: 'GET' | 'POST';
  /** Path and query, exactly as signed. */
  pathWithQuery: string;
  body?: Record<string, unknown>;
}

/** A verified reply: its status and JSON body (undefined for 204). */
export interface WechatPayReply<Body> {
  status: number;
  body: Body | undefined;
}

const unavailable = (message: string, details?: unknown) => new AppError('payment.unavailable', message, details);

/**
 * Sends a signed request and returns the reply once its signature verifies. Throws
 * `payment.unavailable` (503) when the request would break WeChat's rules, when WeChat Pay
 * cannot be reached or answers 5xx, and `payment.provider_unverified` (503) when the reply is
 * not signed by WeChat Pay — both retryable, and nothing is believed from such a reply.
 */
export async function sendWechatPayRequest<Body>(
  config: WechatPayConfig,
  request: WechatPayRequest,
): Promise<WechatPayReply<Body>> {
  const violations = requestViolations(request.method, request.pathWithQuery, request.body);
  if (violations.length > 0) throw unavailable('This payment request would break WeChat Pay’s rules', { violations });
  const body = request.body === undefined ? '' : JSON.stringify(request.body);
  let response: Response;
  let text: string;
  try {
    response = await fetch(new URL(request.pathWithQuery, config.apiBase), {
      method: request.method,
      headers: {
        Authorization: authorizationHeader(config, {
          method: request.method,
          pathWithQuery: request.pathWithQuery,
          body,
        }),
        ...(request.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        Accept: 'application/json',
        'User-Agent': 'linli/1.0',
      },
      body: request.body === undefined ? undefined : body,
      signal: AbortSignal.timeout(5000),
    });
    text = await response.text();
  } catch (error) {
    throw unavailable('WeChat Pay is unavailable right now; please try again', { reason: (error as Error).message });
  }
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name.toLowerCase()] = value));
  const problem = signatureProblem(config.platformPublicKeys, headers, text);
  if (problem) {
    throw new AppError('payment.provider_unverified', 'WeChat Pay’s reply could not be verified; please try again', {
      status: response.status,
      reason: problem,
    });
  }
  if (response.status >= 500) throw unavailable('WeChat Pay is unavailable right now; please try again');
  try {
    return { status: response.status, body: text ? (JSON.parse(text) as Body) : undefined };
  } catch {
    throw unavailable('WeChat Pay answered with something that is not JSON');
  }
}

/** `text` cut to at most `maxBytes` of UTF-8, never inside a character (so never a lone surrogate). */
export function truncateUtf8(text: string, maxBytes: number): string {
  let bytes = 0;
  let kept = '';
  for (const character of text) {
    const size = Buffer.byteLength(character, 'utf8');
    if (bytes + size > maxBytes) break;
    bytes += size;
    kept += character;
  }
  return kept;
}

/** An ISO instant as RFC 3339 in China time, the form WeChat's examples use (`2026-11-30T18:15:00+08:00`). */
export function chinaRfc3339(instant: string): string {
  const china = new Date(Date.parse(instant) + 8 * 3600_000).toISOString();
  return `${china.slice(0, 19)}+08:00`;
}

/** POST /v3/pay/transactions/jsapi: description cut to 127 bytes, time_expire in RFC 3339. */
export function prepayRequest(config: WechatPayConfig, input: PrepayInput): WechatPayRequest {
  return {
    method: 'POST',
    pathWithQuery: '/v3/pay/transactions/jsapi',
    body: {
      appid: config.appId,
      mchid: config.merchantId,
      description: truncateUtf8(input.description, LIMITS.descriptionBytes),
      out_trade_no: input.outTradeNo,
      time_expire: chinaRfc3339(input.expiresAt),
      attach: input.attach,
      notify_url: config.notifyUrl,
      amount: { total: input.totalFen, currency: LIMITS.currency },
      payer: { openid: input.payerOpenid },
    },
  };
}

/** POST /v3/pay/transactions/jsapi → the prepay id. */
export async function requestJsapiPrepay(config: WechatPayConfig, input: PrepayInput): Promise<string> {
  const { status, body } = await sendWechatPayRequest<{ prepay_id?: string; code?: string }>(
    config,
    prepayRequest(config, input),
  );
  if (status !== 200 || !body?.prepay_id) {
    throw unavailable('WeChat Pay refused the order; please try again', { code: body?.code });
  }
  return body.prepay_id;
}

/** POST /v3/pay/transactions/out-trade-no/{out_trade_no}/close with `{mchid}`. */
export function closeRequest(config: WechatPayConfig, outTradeNo: string): WechatPayRequest {
  return {
    method: 'POST',
    pathWithQuery: `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}/close`,
    body: { mchid: config.merchantId },
  };
}

/**
 * Closes the WeChat order so it can no longer be paid: `closed` on WeChat's 204 (which it also
 * answers for an order already closed or never placed), otherwise `refused` with WeChat's code
 * (USER_PAYING, a paid order…) — the caller then asks for the order's state.
 */
export async function closeTransaction(
  config: WechatPayConfig,
  outTradeNo: string,
): Promise<{ outcome: 'closed' } | { outcome: 'refused'; code: string }> {
  const { status, body } = await sendWechatPayRequest<{ code?: string }>(config, closeRequest(config, outTradeNo));
  if (status === 204) return { outcome: 'closed' };
  return { outcome: 'refused', code: String(body?.code ?? status) };
}

/** GET /v3/pay/transactions/out-trade-no/{out_trade_no}?mchid=… */
export function queryRequest(config: WechatPayConfig, outTradeNo: string): WechatPayRequest {
  return {
    method: 'GET',
    pathWithQuery:
      `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}` +
      `?mchid=${encodeURIComponent(config.merchantId)}`,
  };
}

/** The WeChat order's state, or null when WeChat has no such order (ORDER_NOT_EXIST). */
export async function queryTransaction(config: WechatPayConfig, outTradeNo: string): Promise<PaidTransaction | null> {
  const { status, body } = await sendWechatPayRequest<PaidTransaction & { code?: string }>(
    config,
    queryRequest(config, outTradeNo),
  );
  if (status === 404 || body?.code === 'ORDER_NOT_EXIST') return null;
  if (status !== 200 || !body?.trade_state) {
    throw unavailable('WeChat Pay did not say what became of the order', { code: body?.code });
  }
  return body;
}

/** POST /v3/refund/domestic/refunds, its results notified to our notify URL; reason cut to 80 bytes. */
export function refundRequest(config: WechatPayConfig, input: RefundInput): WechatPayRequest {
  return {
    method: 'POST',
    pathWithQuery: '/v3/refund/domestic/refunds',
    body: {
      ...(input.transactionId === undefined
        ? { out_trade_no: input.outTradeNo }
        : { transaction_id: input.transactionId }),
      out_refund_no: input.outRefundNo,
      reason: truncateUtf8(input.reason, LIMITS.refundReasonBytes),
      notify_url: config.notifyUrl,
      amount: { refund: input.refundFen, total: input.totalFen, currency: LIMITS.currency },
    },
  };
}

/**
 * Asks WeChat Pay to return a payment. Throws `payment.refund_refused` (502) when WeChat
 * refuses it (its code in the details), and the errors of `sendWechatPayRequest`.
 */
export async function requestRefund(config: WechatPayConfig, input: RefundInput): Promise<AcceptedRefund> {
  const { status, body } = await sendWechatPayRequest<{ status?: string; refund_id?: string; code?: string }>(
    config,
    refundRequest(config, input),
  );
  const accepted = ['PROCESSING', 'SUCCESS', 'ABNORMAL', 'CLOSED'];
  if (status !== 200 || !body?.refund_id || !accepted.includes(body.status ?? '')) {
    throw new AppError('payment.refund_refused', 'WeChat Pay refused the refund', {
      code: body?.code,
      status: body?.status,
    });
  }
  return { refundId: body.refund_id, status: body.status as AcceptedRefund['status'] };
}

/** What the mini-program passes to `Taro.requestPayment`, signed for this prepay id. */
export function paymentParameters(config: Pick<WechatPayConfig, 'appId' | 'merchantPrivateKey'>, prepayId: string) {
  const timeStamp = String(Math.floor(Date.now() / 1000));
  const nonceStr = nonce();
  const packageValue = `prepay_id=${prepayId}`;
  const paySign = rsaSign(config.merchantPrivateKey, `${config.appId}\n${timeStamp}\n${nonceStr}\n${packageValue}\n`);
  return { mode: 'wechat' as const, timeStamp, nonceStr, package: packageValue, signType: 'RSA' as const, paySign };
}

const refuse = (message: string) => new AppError('payment.notification_rejected', message);

/**
 * Verifies and opens a notification (`TRANSACTION.*` or `REFUND.*`). Throws
 * `payment.notification_rejected` for a missing or unknown serial, a stale timestamp, a bad
 * signature, or a resource that does not decrypt — nothing of such a request is trusted.
 */
export function openNotification(
  config: Pick<WechatPayConfig, 'apiV3Key' | 'platformPublicKeys'>,
  headers: Record<string, string | undefined>,
  body: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): { eventType: string; resource: Record<string, unknown> } {
  const problem = signatureProblem(config.platformPublicKeys, headers, body, nowSeconds);
  if (problem) throw refuse(problem);
  let notification: {
    event_type?: string;
    resource?: { algorithm?: string; ciphertext?: string; nonce?: string; associated_data?: string };
  };
  try {
    notification = JSON.parse(body) as typeof notification;
  } catch {
    throw refuse('The notification is not JSON');
  }
  const resource = notification.resource;
  if (!resource || resource.algorithm !== 'AEAD_AES_256_GCM' || !resource.ciphertext || !resource.nonce) {
    throw refuse('The notification has no encrypted resource');
  }
  return {
    eventType: String(notification.event_type ?? ''),
    resource: decryptResource(config.apiV3Key, resource.ciphertext, resource.nonce, resource.associated_data ?? ''),
  };
}

function decryptResource(
  apiV3Key: string,
  ciphertextBase64: string,
  nonceText: string,
  associatedData: string,
): Record<string, unknown> {
  let resource: unknown;
  try {
    const sealed = Buffer.from(ciphertextBase64, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonceText, 'utf8'));
    decipher.setAuthTag(sealed.subarray(sealed.length - 16));
    decipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const plain = Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]);
    resource = JSON.parse(plain.toString('utf8')) as unknown;
  } catch {
    throw refuse('The resource does not decrypt with the APIv3 key');
  }
  if (typeof resource !== 'object' || resource === null || Array.isArray(resource)) {
    throw refuse('The resource is not an object');
  }
  return resource as Record<string, unknown>;
}

/** The shop's {@link PaymentGateway} over WeChat Pay API v3, for one merchant's configuration. */
export function wechatPayGateway(config: WechatPayConfig): PaymentGateway {
  return {
    merchantId: config.merchantId,
    appId: config.appId,
    prepay: async (input) => paymentParameters(config, await requestJsapiPrepay(config, input)),
    // Closing and refunding act on money: the books they follow must have committed first.
    close: (outTradeNo) => {
      beforeOutsideEffect();
      return closeTransaction(config, outTradeNo);
    },
    query: (outTradeNo) => queryTransaction(config, outTradeNo),
    refund: (input) => {
      beforeOutsideEffect();
      return requestRefund(config, input);
    },
    openNotification: (headers, body) => openNotification(config, headers, body),
  };
}
