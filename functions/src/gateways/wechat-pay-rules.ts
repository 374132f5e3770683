/**
 * WeChat Pay API v3's own rules for the requests Linli sends, transcribed from WeChat's
 * documentation for 普通商户 (pay.weixin.qq.com/doc/v3/merchant: JSAPI下单, 关闭订单 4013070360,
 * 商户订单号查询订单 4013070356, 退款申请) — not from our own request builders, so a test can hold
 * the builders to them and the local stand-in can refuse what WeChat would refuse (400
 * PARAM_ERROR) instead of hiding it.
 *
 * Where the documentation says `string(n)` without saying characters or bytes, the limit is
 * taken as UTF-8 bytes — the stricter reading, which satisfies both.
 */
import { MAX_AMOUNT_FEN, OUT_REFUND_NO, OUT_TRADE_NO, TRANSACTION_ID } from '../domain/shop/payment-gateway';

export { MAX_AMOUNT_FEN, OUT_REFUND_NO, OUT_TRADE_NO, TRANSACTION_ID };

/** `time_expire`: RFC 3339, `yyyy-MM-DDTHH:mm:ss+TIMEZONE` (fractions of a second allowed), string(64). */
export const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

export const LIMITS = {
  appidBytes: 32,
  mchidBytes: 32,
  descriptionBytes: 127,
  attachBytes: 128,
  notifyUrlBytes: 255,
  refundNotifyUrlBytes: 256,
  openidBytes: 128,
  refundReasonBytes: 80,
  timeExpireBytes: 64,
  currency: 'CNY',
} as const;

/** One broken rule, in the shape of WeChat Pay's `PARAM_ERROR` detail: where, and what is wrong. */
export interface RuleViolation {
  field: string;
  issue: string;
}

const byteLength = (text: string) => Buffer.byteLength(text, 'utf8');
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A lone UTF-16 surrogate cannot be sent as UTF-8: WeChat would see a replacement character. */
const wellFormed = (text: string) =>
  !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);

class Checker {
  readonly violations: RuleViolation[] = [];

  constructor(private readonly body: Record<string, unknown>) {}

  private at(path: string): unknown {
    let value: unknown = this.body;
    for (const part of path.split('.')) value = isRecord(value) ? value[part] : undefined;
    return value;
  }

  fail(field: string, issue: string) {
    this.violations.push({ field, issue });
  }

  text(path: string, rule: { required: boolean; maxBytes: number; minLength?: number; pattern?: RegExp }) {
    const value = this.at(path);
    if (value === undefined) {
      if (rule.required) this.fail(path, 'is required');
      return;
    }
    if (typeof value !== 'string') return this.fail(path, 'must be a string');
    if (value.length < (rule.minLength ?? 1)) return this.fail(path, `must be at least ${rule.minLength ?? 1} long`);
    if (!wellFormed(value)) return this.fail(path, 'must be well-formed UTF-8 (a lone surrogate)');
    if (byteLength(value) > rule.maxBytes) this.fail(path, `must be at most ${rule.maxBytes} bytes`);
    if (rule.pattern && !rule.pattern.test(value)) this.fail(path, `must match ${String(rule.pattern)}`);
  }

  fen(path: string, rule: { min: number; max?: number }) {
    const value = this.at(path);
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) return this.fail(path, 'must be an integer (fen)');
    if (value < rule.min) this.fail(path, `must be at least ${rule.min}`);
    if (rule.max !== undefined && value > rule.max) this.fail(path, `must be at most ${rule.max}`);
  }

  httpsUrl(path: string, rule: { required: boolean; maxBytes: number }) {
    this.text(path, rule);
    const value = this.at(path);
    if (typeof value !== 'string') return;
    // "通知URL必须为直接可访问的URL，不允许携带查询串，要求必须为https地址"
    if (!/^https:\/\/[^\s?#]+$/.test(value)) this.fail(path, 'must be an https URL without a query');
  }

  only(allowed: Record<string, readonly string[] | true>, prefix = '', value: unknown = this.body) {
    if (!isRecord(value)) return;
    for (const [name, inner] of Object.entries(value)) {
      const rule = allowed[name];
      if (rule === undefined) this.fail(`${prefix}${name}`, 'is not a field of this API');
      else if (rule !== true && isRecord(inner)) {
        this.only(Object.fromEntries(rule.map((field) => [field, true])), `${prefix}${name}.`, inner);
      }
    }
  }
}

function checkPrepay(body: Record<string, unknown>): RuleViolation[] {
  const check = new Checker(body);
  check.only({
    appid: true,
    mchid: true,
    description: true,
    out_trade_no: true,
    time_expire: true,
    attach: true,
    notify_url: true,
    amount: ['total', 'currency'],
    payer: ['openid'],
  });
  check.text('appid', { required: true, maxBytes: LIMITS.appidBytes });
  check.text('mchid', { required: true, maxBytes: LIMITS.mchidBytes });
  check.text('description', { required: true, maxBytes: LIMITS.descriptionBytes });
  check.text('out_trade_no', { required: true, maxBytes: 32, pattern: OUT_TRADE_NO });
  check.text('time_expire', { required: false, maxBytes: LIMITS.timeExpireBytes, pattern: RFC3339 });
  check.text('attach', { required: false, maxBytes: LIMITS.attachBytes });
  check.httpsUrl('notify_url', { required: true, maxBytes: LIMITS.notifyUrlBytes });
  check.fen('amount.total', { min: 1, max: MAX_AMOUNT_FEN });
  check.text('amount.currency', { required: false, maxBytes: 16, pattern: /^CNY$/ });
  check.text('payer.openid', { required: true, maxBytes: LIMITS.openidBytes });
  return check.violations;
}

function checkRefund(body: Record<string, unknown>): RuleViolation[] {
  const check = new Checker(body);
  check.only({
    transaction_id: true,
    out_trade_no: true,
    out_refund_no: true,
    reason: true,
    notify_url: true,
    amount: ['refund', 'total', 'currency'],
  });
  if (body.transaction_id === undefined && body.out_trade_no === undefined) {
    check.fail('transaction_id', 'transaction_id or out_trade_no is required');
  }
  check.text('transaction_id', { required: false, maxBytes: 32, pattern: TRANSACTION_ID });
  check.text('out_trade_no', { required: false, maxBytes: 32, pattern: OUT_TRADE_NO });
  check.text('out_refund_no', { required: true, maxBytes: 64, pattern: OUT_REFUND_NO });
  check.text('reason', { required: false, maxBytes: LIMITS.refundReasonBytes });
  check.httpsUrl('notify_url', { required: false, maxBytes: LIMITS.refundNotifyUrlBytes });
  check.fen('amount.total', { min: 1, max: MAX_AMOUNT_FEN });
  const total = isRecord(body.amount) && typeof body.amount.total === 'number' ? body.amount.total : undefined;
  check.fen('amount.refund', { min: 1, max: total });
  check.text('amount.currency', { required: true, maxBytes: 16, pattern: /^CNY$/ });
  return check.violations;
}

function checkClose(outTradeNo: string, body: Record<string, unknown>): RuleViolation[] {
  const check = new Checker(body);
  check.only({ mchid: true });
  check.text('mchid', { required: true, maxBytes: LIMITS.mchidBytes });
  if (!OUT_TRADE_NO.test(outTradeNo)) check.fail('out_trade_no', `must match ${String(OUT_TRADE_NO)}`);
  return check.violations;
}

function checkQuery(outTradeNo: string, query: URLSearchParams): RuleViolation[] {
  const check = new Checker(Object.fromEntries(query));
  check.only({ mchid: true });
  check.text('mchid', { required: true, maxBytes: LIMITS.mchidBytes });
  if (!OUT_TRADE_NO.test(outTradeNo)) check.fail('out_trade_no', `must match ${String(OUT_TRADE_NO)}`);
  return check.violations;
}

/**
 * Every rule a request breaks, `[]` when WeChat Pay would accept its form. `pathWithQuery` is
 * the request line's path (`/v3/...?...`), `body` the parsed JSON body (undefined for a GET).
 * An endpoint Linli does not use is itself a violation.
 */
export function requestViolations(method: string, pathWithQuery: string, body: unknown): RuleViolation[] {
  const url = new URL(pathWithQuery, 'https://api.mch.weixin.qq.com');
  const path = url.pathname;
  const payload = isRecord(body) ? body : {};
  if (method === 'POST' && !isRecord(body)) return [{ field: 'body', issue: 'must be a JSON object' }];
  if (method === 'POST' && path === '/v3/pay/transactions/jsapi') return checkPrepay(payload);
  if (method === 'POST' && path === '/v3/refund/domestic/refunds') return checkRefund(payload);
  const close = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]*)\/close$/.exec(path);
  if (method === 'POST' && close) return checkClose(decodeURIComponent(close[1]!), payload);
  const query = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]*)$/.exec(path);
  if (method === 'GET' && query) return checkQuery(decodeURIComponent(query[1]!), url.searchParams);
  return [{ field: 'path', issue: `${method} ${path} is not an API Linli uses` }];
}
