import { createDecipheriv, createSign, createVerify, randomBytes } from 'node:crypto';
import { AppError } from './errors';

/**
 * WeChat Pay API v3, the parts Linli uses: JSAPI prepay (a request signed with the merchant's
 * private key, RSA-SHA256), the parameters `wx.requestPayment` needs, and the payment
 * notification (signature checked with the platform key named by `Wechatpay-Serial`, the
 * `resource` decrypted with AES-256-GCM and the APIv3 key).
 */
export interface WechatPayConfig {
  apiBase: string;
  appId: string;
  merchantId: string;
  merchantSerial: string;
  merchantPrivateKey: string;
  apiV3Key: string;
  /** Platform certificate / WeChat Pay public key, by serial. */
  platformPublicKeys: Record<string, string>;
  notifyUrl: string;
}

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

/** A signed POST to WeChat Pay; its JSON reply and HTTP status, or `payment.unavailable` when unreachable. */
async function signedPost<Reply>(
  config: WechatPayConfig,
  path: string,
  payload: object,
): Promise<{ status: number; reply: Reply }> {
  const body = JSON.stringify(payload);
  try {
    const response = await fetch(new URL(path, config.apiBase), {
      method: 'POST',
      headers: {
        Authorization: authorizationHeader(config, { method: 'POST', pathWithQuery: path, body }),
        'Content-Type': 'application/json',
        Accept: 'application/json',
        'User-Agent': 'linli/1.0',
      },
      body,
      signal: AbortSignal.timeout(5000),
    });
    return { status: response.status, reply: (await response.json()) as Reply };
  } catch (error) {
    throw new AppError('payment.unavailable', 'WeChat Pay is unavailable right now; please try again', {
      reason: (error as Error).message,
    });
  }
}

export interface PrepayInput {
  outTradeNo: string;
  description: string;
  totalFen: number;
  payerOpenid: string;
  /** Returned in the notification; Linli puts the community id here. */
  attach: string;
  expiresAt: string;
}

/** POST /v3/pay/transactions/jsapi → the prepay id. */
export async function requestJsapiPrepay(config: WechatPayConfig, input: PrepayInput): Promise<string> {
  const { status, reply } = await signedPost<{ prepay_id?: string; code?: string }>(
    config,
    '/v3/pay/transactions/jsapi',
    {
      appid: config.appId,
      mchid: config.merchantId,
      description: input.description.slice(0, 127),
      out_trade_no: input.outTradeNo,
      time_expire: input.expiresAt.replace(/\.\d{3}Z$/, '+00:00'),
      attach: input.attach,
      notify_url: config.notifyUrl,
      amount: { total: input.totalFen, currency: 'CNY' },
      payer: { openid: input.payerOpenid },
    },
  );
  if (status >= 300 || !reply.prepay_id) {
    throw new AppError('payment.unavailable', 'WeChat Pay refused the order; please try again', { code: reply.code });
  }
  return reply.prepay_id;
}

/** What the mini-program passes to `Taro.requestPayment`, signed for this prepay id. */
export function paymentParameters(config: Pick<WechatPayConfig, 'appId' | 'merchantPrivateKey'>, prepayId: string) {
  const timeStamp = String(Math.floor(Date.now() / 1000));
  const nonceStr = nonce();
  const packageValue = `prepay_id=${prepayId}`;
  const paySign = rsaSign(config.merchantPrivateKey, `${config.appId}\n${timeStamp}\n${nonceStr}\n${packageValue}\n`);
  return { mode: 'wechat' as const, timeStamp, nonceStr, package: packageValue, signType: 'RSA' as const, paySign };
}

export interface PaidTransaction {
  appid: string;
  mchid: string;
  out_trade_no: string;
  transaction_id: string;
  trade_state: string;
  attach?: string;
  amount: { total: number; payer_total?: number; currency: string };
}

const refuse = (message: string) => new AppError('payment.notification_rejected', message);

/**
 * Verifies and opens a payment notification. Throws `payment.notification_rejected` for a
 * missing or unknown serial, a stale timestamp, a bad signature, or a resource that does not
 * decrypt — nothing of such a request is trusted.
 */
export function openNotification(
  config: Pick<WechatPayConfig, 'apiV3Key' | 'platformPublicKeys'>,
  headers: Record<string, string | undefined>,
  body: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): { eventType: string; transaction: PaidTransaction } {
  const timestamp = headers['wechatpay-timestamp'];
  const nonceText = headers['wechatpay-nonce'];
  const signature = headers['wechatpay-signature'];
  const serial = headers['wechatpay-serial'];
  if (!timestamp || !nonceText || !signature || !serial) throw refuse('Missing Wechatpay-* headers');
  const publicKey = config.platformPublicKeys[serial];
  if (!publicKey) throw refuse('Unknown Wechatpay-Serial');
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > MAX_NOTIFICATION_AGE_SECONDS) {
    throw refuse('Stale or invalid Wechatpay-Timestamp');
  }
  const signed = createVerify('RSA-SHA256').update(`${timestamp}\n${nonceText}\n${body}\n`);
  let genuine = false;
  try {
    genuine = signed.verify(publicKey, signature, 'base64');
  } catch {
    genuine = false;
  }
  if (!genuine) throw refuse('Bad Wechatpay-Signature');
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
    transaction: decryptResource(config.apiV3Key, resource.ciphertext, resource.nonce, resource.associated_data ?? ''),
  };
}

function decryptResource(
  apiV3Key: string,
  ciphertextBase64: string,
  nonceText: string,
  associatedData: string,
): PaidTransaction {
  try {
    const sealed = Buffer.from(ciphertextBase64, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonceText, 'utf8'));
    decipher.setAuthTag(sealed.subarray(sealed.length - 16));
    decipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const plain = Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]);
    return JSON.parse(plain.toString('utf8')) as PaidTransaction;
  } catch {
    throw refuse('The resource does not decrypt with the APIv3 key');
  }
}

/**
 * POST /v3/refund/domestic/refunds — asks WeChat Pay to return the buyer's money. `outRefundNo`
 * is fixed per order, so a retried refund request is the same refund to WeChat.
 */
export async function requestRefund(
  config: WechatPayConfig,
  input: { outTradeNo: string; outRefundNo: string; refundFen: number; totalFen: number; reason: string },
): Promise<string> {
  const { status, reply } = await signedPost<{ status?: string; refund_id?: string; code?: string }>(
    config,
    '/v3/refund/domestic/refunds',
    {
      out_trade_no: input.outTradeNo,
      out_refund_no: input.outRefundNo,
      reason: input.reason.slice(0, 80),
      amount: { refund: input.refundFen, total: input.totalFen, currency: 'CNY' },
    },
  );
  if (status >= 300 || !reply.refund_id || !['SUCCESS', 'PROCESSING'].includes(reply.status ?? '')) {
    throw new AppError('payment.refund_refused', 'WeChat Pay refused the refund', {
      code: reply.code,
      status: reply.status,
    });
  }
  return reply.refund_id;
}
