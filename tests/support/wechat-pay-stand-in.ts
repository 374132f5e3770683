import { createCipheriv, createSign, createVerify, generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { requestViolations } from '../../functions/src/gateways/wechat-pay-rules';
import { httpEvent } from './events';

/**
 * A local stand-in for WeChat Pay API v3 (直连商户) that keeps WeChat's rules, so a fault the
 * real service would refuse is refused here too:
 * - every request must carry a valid `WECHATPAY2-SHA256-RSA2048` signature by the merchant key
 *   (401 SIGN_ERROR otherwise);
 * - every request must keep WeChat's documented limits (`wechat-pay-rules.ts`; 400 PARAM_ERROR
 *   with WeChat's error shape otherwise);
 * - every reply is signed with the platform key (`Wechatpay-Timestamp/Nonce/Signature/Serial`
 *   over `timestamp\nnonce\nbody\n`), unless a test scripts a forged or unsigned one;
 * - it keeps each order's trade state (NOTPAY → SUCCESS | CLOSED → REFUND) and its refunds, and
 *   answers JSAPI prepay, close, query-by-out_trade_no and refund the way WeChat documents
 *   (close: 204, also for an unknown or already closed order; a paid order cannot be closed).
 * The test plays the payer with `pay()` and WeChat's notifier with `paymentNotification()` /
 * `refundNotification()`.
 */
export const WECHAT_PAY_IDS = {
  mchid: '1900000109',
  appid: 'wx-test-app',
  merchantSerial: 'MERCHANT-SERIAL-1',
  platformSerial: 'PLATFORM-SERIAL-1',
} as const;

type KeyPair = { publicKey: string; privateKey: string };
const keyPair = (): KeyPair =>
  generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });

export type TradeState = 'NOTPAY' | 'USERPAYING' | 'SUCCESS' | 'CLOSED' | 'REFUND';

export interface StandInOrder {
  out_trade_no: string;
  appid: string;
  mchid: string;
  description: string;
  attach?: string;
  total: number;
  openid: string;
  trade_state: TradeState;
  transaction_id?: string;
  success_time?: string;
}

export interface StandInRefund {
  refund_id: string;
  out_refund_no: string;
  transaction_id: string;
  out_trade_no: string;
  refund: number;
  total: number;
  status: 'PROCESSING' | 'SUCCESS' | 'ABNORMAL' | 'CLOSED';
  notify_url?: string;
}

export interface ReceivedRequest {
  method: string;
  path: string;
  body: Record<string, unknown> | undefined;
  /** The merchant's signature verified. */
  verified: boolean;
  status: number;
}

/** How the next matching reply misbehaves. */
export type ReplyFault =
  'unsigned' | 'wrong_key' | 'stale_timestamp' | 'unknown_serial' | 'altered_body' | 'server_error';

export interface NotificationOptions {
  signer?: string;
  serial?: string;
  timestamp?: number;
  key?: string;
  tamper?: (body: string) => string;
}

export interface WechatPayStandIn {
  url: string;
  server: Server;
  merchant: KeyPair;
  platform: KeyPair;
  apiV3Key: string;
  requests: ReceivedRequest[];
  orders: Map<string, StandInOrder>;
  refunds: Map<string, StandInRefund>;
  /** The environment the functions read their WeChat Pay configuration from. */
  environment: Record<string, string>;
  /**
   * The next reply to a request whose path matches (and whose body, when `body` is given) misbehaves
   * this way (first in, first used).
   */
  fault(path: RegExp, fault: ReplyFault, body?: (body: Record<string, unknown> | undefined) => boolean): void;
  /**
   * The buyer pays: the order becomes SUCCESS and its transaction is returned. A closed order
   * cannot be paid unless `slippedPastClose` (a payment WeChat took in the instant it closed).
   */
  pay(outTradeNo: string, options?: { slippedPastClose?: boolean; amountFen?: number; currency?: string }): Transaction;
  /** Puts the order in the "payer is entering the password" state. */
  startPaying(outTradeNo: string): void;
  /** A signed `TRANSACTION.SUCCESS` notification event for the notify handler. */
  paymentNotification(transaction: object, options?: NotificationOptions): APIGatewayProxyEventV2;
  /** Any genuine notification: `resource` (whatever it is) encrypted with the APIv3 key and signed. */
  genuineNotification(eventType: string, resource: unknown): APIGatewayProxyEventV2;
  /** A signed `REFUND.<status>` notification for a refund this stand-in made; the refund takes that status. */
  refundNotification(outRefundNo: string, status: 'SUCCESS' | 'ABNORMAL' | 'CLOSED'): APIGatewayProxyEventV2;
  close(): Promise<void>;
}

export interface Transaction {
  appid: string;
  mchid: string;
  out_trade_no: string;
  transaction_id: string;
  trade_type: 'JSAPI';
  trade_state: TradeState;
  trade_state_desc: string;
  attach?: string;
  amount: { total: number; payer_total: number; currency: string; payer_currency: string };
  payer: { openid: string };
  success_time?: string;
}

const sign = (privateKey: string, message: string) =>
  createSign('RSA-SHA256').update(message).sign(privateKey, 'base64');

function encryptResource(plain: unknown, apiV3Key: string, associated: string, originalType: string) {
  const nonce = randomBytes(6).toString('hex');
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonce, 'utf8'));
  cipher.setAAD(Buffer.from(associated, 'utf8'));
  const sealed = Buffer.concat([cipher.update(JSON.stringify(plain), 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return {
    algorithm: 'AEAD_AES_256_GCM',
    ciphertext: sealed.toString('base64'),
    nonce,
    associated_data: associated,
    original_type: originalType,
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

/** The merchant's `Authorization` header, checked as WeChat Pay checks it (mchid, 5-minute timestamp, signature). */
function merchantSigned(request: IncomingMessage, raw: string, merchantPublicKey: string): boolean {
  const header = String(request.headers.authorization ?? '');
  const field = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(header)?.[1] ?? '';
  const timestamp = Number(field('timestamp'));
  if (!header.startsWith('WECHATPAY2-SHA256-RSA2048 ') || field('mchid') !== WECHAT_PAY_IDS.mchid) return false;
  if (!Number.isInteger(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > 300) return false;
  if (field('serial_no') !== WECHAT_PAY_IDS.merchantSerial) return false;
  const message = `${request.method}\n${request.url}\n${field('timestamp')}\n${field('nonce_str')}\n${raw}\n`;
  try {
    return createVerify('RSA-SHA256').update(message).verify(merchantPublicKey, field('signature'), 'base64');
  } catch {
    return false;
  }
}

export async function startWechatPayStandIn(): Promise<WechatPayStandIn> {
  const merchant = keyPair();
  const platform = keyPair();
  const impostor = keyPair();
  const apiV3Key = randomBytes(16).toString('hex');
  const requests: ReceivedRequest[] = [];
  const orders = new Map<string, StandInOrder>();
  const refunds = new Map<string, StandInRefund>();
  const faults: {
    path: RegExp;
    fault: ReplyFault;
    body?: (body: Record<string, unknown> | undefined) => boolean;
  }[] = [];
  let sequence = 0;
  const transactionId = () => `42000${Date.now()}${String((sequence += 1)).padStart(6, '0')}`.slice(0, 32);

  function transactionOf(order: StandInOrder, currency = 'CNY', amountFen = order.total): Transaction {
    return {
      appid: order.appid,
      mchid: order.mchid,
      out_trade_no: order.out_trade_no,
      transaction_id: order.transaction_id ?? '',
      trade_type: 'JSAPI',
      trade_state: order.trade_state,
      trade_state_desc: order.trade_state,
      attach: order.attach,
      amount: { total: amountFen, payer_total: amountFen, currency, payer_currency: currency },
      payer: { openid: order.openid },
      success_time: order.success_time,
    };
  }

  function reply(
    response: ServerResponse,
    path: string,
    status: number,
    payload?: object,
    requestBody?: Record<string, unknown>,
  ) {
    const fault = faults.findIndex(
      (candidate) => candidate.path.test(path) && (!candidate.body || candidate.body(requestBody)),
    );
    const chosen = fault >= 0 ? faults.splice(fault, 1)[0]!.fault : undefined;
    if (chosen === 'server_error') {
      status = 500;
      payload = { code: 'SYSTEM_ERROR', message: '系统错误' };
    }
    const body = payload === undefined ? '' : JSON.stringify(payload);
    const timestamp = String(Math.floor(Date.now() / 1000) - (chosen === 'stale_timestamp' ? 3600 : 0));
    const nonce = randomBytes(16).toString('hex');
    const signature = sign(
      chosen === 'wrong_key' ? impostor.privateKey : platform.privateKey,
      `${timestamp}\n${nonce}\n${body}\n`,
    );
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'request-id': randomBytes(8).toString('hex'),
    };
    if (chosen !== 'unsigned') {
      Object.assign(headers, {
        'wechatpay-timestamp': timestamp,
        'wechatpay-nonce': nonce,
        'wechatpay-signature': signature,
        'wechatpay-serial': chosen === 'unknown_serial' ? 'SOMEONE-ELSE' : WECHAT_PAY_IDS.platformSerial,
      });
    }
    response.writeHead(status, headers);
    response.end(chosen === 'altered_body' && body ? body.replace(/"(PROCESSING|wx[^"]*)"/, '"$1x"') : body);
  }

  const error = (code: string, message: string, detail?: object) => ({ code, message, ...(detail ? { detail } : {}) });

  function prepay(body: Record<string, unknown>): [number, object] {
    const outTradeNo = String(body.out_trade_no);
    const amount = body.amount as { total: number };
    const existing = orders.get(outTradeNo);
    if (existing?.trade_state === 'SUCCESS' || existing?.trade_state === 'REFUND') {
      return [400, error('ORDERPAID', '该订单已支付')];
    }
    if (existing?.trade_state === 'CLOSED') return [400, error('ORDER_CLOSED', '订单已关闭')];
    if (existing && existing.total !== amount.total) {
      return [400, error('INVALID_REQUEST', '201 商户订单号重复：同一商户订单号，参数不一致')];
    }
    orders.set(outTradeNo, {
      out_trade_no: outTradeNo,
      appid: String(body.appid),
      mchid: String(body.mchid),
      description: String(body.description),
      attach: body.attach === undefined ? undefined : String(body.attach),
      total: amount.total,
      openid: String((body.payer as { openid: string }).openid),
      trade_state: existing?.trade_state ?? 'NOTPAY',
    });
    return [200, { prepay_id: `wx${Date.now()}${randomBytes(6).toString('hex')}` }];
  }

  function closeOrder(outTradeNo: string): [number, object | undefined] {
    const order = orders.get(outTradeNo);
    if (order?.trade_state === 'USERPAYING') return [202, error('USER_PAYING', '用户支付中，需要输入密码')];
    if (order?.trade_state === 'SUCCESS' || order?.trade_state === 'REFUND') {
      return [400, error('ORDERPAID', '订单已支付，不能发起关单')];
    }
    if (order) order.trade_state = 'CLOSED';
    return [204, undefined];
  }

  function queryOrder(outTradeNo: string): [number, object] {
    const order = orders.get(outTradeNo);
    if (!order) return [404, error('ORDER_NOT_EXIST', '订单不存在')];
    return [200, transactionOf(order)];
  }

  function refund(body: Record<string, unknown>): [number, object] {
    const outRefundNo = String(body.out_refund_no);
    const amount = body.amount as { refund: number; total: number };
    const order = [...orders.values()].find((candidate) =>
      body.transaction_id !== undefined
        ? candidate.transaction_id === body.transaction_id
        : candidate.out_trade_no === body.out_trade_no,
    );
    const existing = refunds.get(outRefundNo);
    const view = (made: StandInRefund) => ({
      refund_id: made.refund_id,
      out_refund_no: made.out_refund_no,
      transaction_id: made.transaction_id,
      out_trade_no: made.out_trade_no,
      channel: 'ORIGINAL',
      user_received_account: '支付用户零钱',
      status: made.status,
      create_time: new Date().toISOString(),
      amount: {
        total: made.total,
        refund: made.refund,
        payer_total: made.total,
        payer_refund: made.refund,
        currency: 'CNY',
      },
    });
    if (existing) {
      // "同一退款单号多次请求只退一笔": the same out_refund_no is the same refund.
      if (existing.refund !== amount.refund || (order && existing.out_trade_no !== order.out_trade_no)) {
        return [400, error('INVALID_REQUEST', '退款单号重复，参数不一致')];
      }
      return [200, view(existing)];
    }
    if (!order || !order.transaction_id) return [404, error('RESOURCE_NOT_EXISTS', '订单不存在')];
    if (amount.total !== order.total) return [400, error('PARAM_ERROR', '订单金额与原订单不一致')];
    const refunded = [...refunds.values()]
      .filter((made) => made.transaction_id === order.transaction_id)
      .reduce((sum, made) => sum + made.refund, 0);
    if (refunded + amount.refund > order.total) return [400, error('INVALID_REQUEST', '申请退款金额超过订单可退金额')];
    const made: StandInRefund = {
      refund_id: `50000${Date.now()}${String((sequence += 1)).padStart(6, '0')}`.slice(0, 32),
      out_refund_no: outRefundNo,
      transaction_id: order.transaction_id,
      out_trade_no: order.out_trade_no,
      refund: amount.refund,
      total: order.total,
      status: 'PROCESSING',
      notify_url: body.notify_url === undefined ? undefined : String(body.notify_url),
    };
    refunds.set(outRefundNo, made);
    order.trade_state = 'REFUND';
    return [200, view(made)];
  }

  const server = createServer((request, response) => {
    void (async () => {
      const raw = await readBody(request);
      const method = request.method ?? 'GET';
      const url = new URL(request.url ?? '/', 'http://stand-in');
      let body: Record<string, unknown> | undefined;
      try {
        body = raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
      } catch {
        body = undefined;
      }
      const verified = merchantSigned(request, raw, merchant.publicKey);
      const record = (status: number) => requests.push({ method, path: request.url ?? '', body, verified, status });
      if (!verified) {
        record(401);
        return reply(response, url.pathname, 401, error('SIGN_ERROR', '签名错误'));
      }
      const violations = requestViolations(method, request.url ?? '', body);
      if (violations.length > 0) {
        record(400);
        const first = violations[0]!;
        return reply(
          response,
          url.pathname,
          400,
          error('PARAM_ERROR', `输入源“/body/${first.field}”映射到字段“${first.field}”${first.issue}`, {
            field: first.field,
            issue: first.issue,
            location: 'body',
            violations,
          }),
        );
      }
      const close = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)\/close$/.exec(url.pathname);
      const query = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)$/.exec(url.pathname);
      const [status, payload] =
        url.pathname === '/v3/pay/transactions/jsapi'
          ? prepay(body!)
          : url.pathname === '/v3/refund/domestic/refunds'
            ? refund(body!)
            : close
              ? closeOrder(decodeURIComponent(close[1]!))
              : query
                ? queryOrder(decodeURIComponent(query[1]!))
                : [404, error('NOT_FOUND', '无此接口')];
      record(status);
      reply(response, url.pathname, status, payload, body);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  function signedNotification(plainBody: string, options: NotificationOptions = {}): APIGatewayProxyEventV2 {
    const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
    const nonce = randomBytes(8).toString('hex');
    const signature = sign(options.signer ?? platform.privateKey, `${timestamp}\n${nonce}\n${plainBody}\n`);
    const event = httpEvent({
      method: 'POST',
      path: '/v1/payments/wechat/notify',
      routeKey: 'POST /v1/payments/wechat/notify',
      headers: {
        'content-type': 'application/json',
        'wechatpay-timestamp': timestamp,
        'wechatpay-nonce': nonce,
        'wechatpay-signature': signature,
        'wechatpay-serial': options.serial ?? WECHAT_PAY_IDS.platformSerial,
      },
    });
    return { ...event, body: options.tamper ? options.tamper(plainBody) : plainBody };
  }

  const envelope = (eventType: string, summary: string, resource: object) =>
    JSON.stringify({
      id: randomBytes(8).toString('hex'),
      create_time: new Date().toISOString(),
      resource_type: 'encrypt-resource',
      event_type: eventType,
      summary,
      resource,
    });

  return {
    url,
    server,
    merchant,
    platform,
    apiV3Key,
    requests,
    orders,
    refunds,
    environment: {
      WECHAT_APP_ID: WECHAT_PAY_IDS.appid,
      WECHAT_PAY_MCHID: WECHAT_PAY_IDS.mchid,
      WECHAT_PAY_SERIAL: WECHAT_PAY_IDS.merchantSerial,
      WECHAT_PAY_PRIVATE_KEY: merchant.privateKey,
      WECHAT_PAY_APIV3_KEY: apiV3Key,
      WECHAT_PAY_PLATFORM_KEYS: JSON.stringify({ [WECHAT_PAY_IDS.platformSerial]: platform.publicKey }),
      WECHAT_PAY_NOTIFY_URL: 'https://api.example.org/v1/payments/wechat/notify',
      WECHAT_PAY_API_BASE: url,
    },
    fault: (path, fault, body) => faults.push({ path, fault, body }),
    pay(outTradeNo, options = {}) {
      const order = orders.get(outTradeNo);
      if (!order) throw new Error(`stand-in: no WeChat order ${outTradeNo}`);
      const payable = ['NOTPAY', 'USERPAYING'].includes(order.trade_state);
      if (!payable && !(options.slippedPastClose && order.trade_state === 'CLOSED')) {
        throw new Error(`stand-in: order ${outTradeNo} is ${order.trade_state} and cannot be paid`);
      }
      order.trade_state = 'SUCCESS';
      // A payment of another amount: as if WeChat's order had been placed for that amount.
      if (options.amountFen !== undefined) order.total = options.amountFen;
      order.transaction_id = transactionId();
      order.success_time = new Date().toISOString();
      return transactionOf(order, options.currency);
    },
    startPaying(outTradeNo) {
      const order = orders.get(outTradeNo);
      if (!order) throw new Error(`stand-in: no WeChat order ${outTradeNo}`);
      order.trade_state = 'USERPAYING';
    },
    paymentNotification: (transaction, options = {}) =>
      signedNotification(
        envelope(
          'TRANSACTION.SUCCESS',
          '支付成功',
          encryptResource(transaction, options.key ?? apiV3Key, 'transaction', 'transaction'),
        ),
        options,
      ),
    genuineNotification: (eventType, resource) =>
      signedNotification(
        envelope(eventType, '通知', encryptResource(resource, apiV3Key, 'transaction', 'transaction')),
      ),
    refundNotification(outRefundNo, status) {
      const made = refunds.get(outRefundNo);
      if (!made) throw new Error(`stand-in: no refund ${outRefundNo}`);
      made.status = status;
      const resource = {
        mchid: WECHAT_PAY_IDS.mchid,
        out_trade_no: made.out_trade_no,
        transaction_id: made.transaction_id,
        out_refund_no: made.out_refund_no,
        refund_id: made.refund_id,
        refund_status: status,
        success_time: status === 'SUCCESS' ? new Date().toISOString() : undefined,
        user_received_account: '支付用户零钱',
        amount: { total: made.total, refund: made.refund, payer_total: made.total, payer_refund: made.refund },
      };
      return signedNotification(
        envelope(`REFUND.${status}`, '退款通知', encryptResource(resource, apiV3Key, 'refund', 'refund')),
      );
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
