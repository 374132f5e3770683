import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ROUTES } from '../../miniapp/src/route-table';
import { qrPng } from './qr-png';

/**
 * A local stand-in for WeChat's server API (https://api.weixin.qq.com), speaking its protocol over
 * plain HTTP: `npm start` and the test stack point WECHAT_API_BASE at it. It answers as WeChat
 * documents it — JSON `{errcode, errmsg}` for every refusal, with WeChat's own codes — so the
 * gateways in functions/src/gateways are exercised as they will be in production.
 *
 * Endpoints are a table (`ENDPOINTS`, method + path → handler): a later issue adds one entry
 * (msgSecCheck, the order-shipping upload…) and, if it needs them, a field of {@link WechatApiState}.
 */

/** One request as an endpoint sees it: the query, the raw body and the body as JSON (undefined if it is not). */
export interface WechatApiRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  raw: Buffer;
  json: Record<string, unknown> | undefined;
}

/** An endpoint's answer: JSON (WeChat answers HTTP 200 even for its errors), or bytes of a content type. */
export type WechatApiReply =
  { status?: number; json: object } | { status?: number; contentType: string; bytes: Buffer };

export interface WechatApiState {
  appId: string;
  appSecret: string;
  /** Live access tokens → when each expires (ms since the epoch). */
  tokens: Map<string, number>;
  /** The token `stable_token` hands out in its normal mode until it nears expiry. */
  stableToken?: string;
  /** Pages of the "published" mini-program (no leading `/`): what `check_path: true` accepts. */
  publishedPages: Set<string>;
  tokenLifetimeSeconds: number;
  now: () => number;
  /** Orders' shipping at WeChat (发货信息管理), by order key (`tx:<transaction_id>` or `mch:<mchid>:<out_trade_no>`). */
  shipping: Map<string, ShippingRecord>;
  /** Order keys WeChat does not know as paid (a test marks them): upload and query answer 10060001. */
  unpaidOrders: Set<string>;
  /** Where and with which token the message push (消息推送) reaches the mini-program's server. */
  push?: { url: string; token: string };
  /** Image checks asked (mediaCheckAsync), by trace id, with the verdict once WeChat has one. */
  mediaChecks: Map<string, MediaCheck>;
  /** While true, verdicts are decided but not pushed (a test then pushes with `pushMediaVerdict`). */
  holdMediaVerdicts: boolean;
  /** Set by `close()`: nothing is pushed again after it. */
  closed?: boolean;
}

/** One mediaCheckAsync as the stand-in keeps it. */
export interface MediaCheck {
  traceId: string;
  mediaUrl: string;
  openid: string;
  scene: number;
  /** The push body once decided (the image downloaded and read). */
  verdict?: Record<string, unknown>;
  /** Pushes answered `success` by the server. */
  delivered: number;
}

/** What the stand-in keeps of an order's shipping, as get_order reports it. */
export interface ShippingRecord {
  key: string;
  /** 2 shipped (发货), 3 receipt reminded/confirmed (the stand-in's simplification of WeChat's 1–5). */
  orderState: 2 | 3;
  logisticsType: number;
  payerOpenid: string;
  shippingList: Record<string, unknown>[];
  uploadTime: string;
  /** Uploads accepted: WeChat allows one re-upload (重新发货) per payment. */
  uploads: number;
  receivedTime?: number;
}

export type WechatEndpoint = (request: WechatApiRequest, state: WechatApiState) => WechatApiReply;

/** A request the stand-in received, for tests to look at (`access_token` and `secret` included). */
export interface ReceivedCall {
  method: string;
  path: string;
  query: Record<string, string>;
  body: Record<string, unknown> | undefined;
  /** The errcode answered (0 for a success). */
  errcode: number;
}

export interface WechatApi {
  /** `http://127.0.0.1:<port>`: the WECHAT_API_BASE to use. */
  url: string;
  state: WechatApiState;
  calls: ReceivedCall[];
  /** The next `count` requests to `path` are answered `{errcode, errmsg}` whatever they ask (a fault to test). */
  failNext(path: string, errcode: number, errmsg?: string, count?: number): void;
  /** Every token stops working at once (as a force refresh elsewhere would do): the next use gets 40001. */
  revokeTokens(): void;
  /** Pushes an image check's verdict (again): the HTTP status the server answered (0: no verdict yet or unreachable). */
  pushMediaVerdict(traceId: string): Promise<number>;
  close(): Promise<void>;
}

const refuse = (errcode: number, errmsg: string): WechatApiReply => ({ json: { errcode, errmsg } });

/** What WeChat adds to every errmsg: ` rid: <request id>`. */
const rid = () => ` rid: ${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}`;

/**
 * `POST /cgi-bin/stable_token` — getStableAccessToken
 * (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-access-token/getStableAccessToken.html):
 * `{grant_type: "client_credential", appid, secret, force_refresh?}` → `{access_token, expires_in}`.
 * The normal mode returns the same token while it has more than 5 minutes left; `force_refresh`
 * revokes it and issues a new one. Refusals: 40002 grant_type, 40013 appid, 40125 secret, 47001 body.
 */
function stableToken(request: WechatApiRequest, state: WechatApiState): WechatApiReply {
  const body = request.json;
  if (!body) return refuse(47001, `data format error${rid()}`);
  if (body.grant_type !== 'client_credential') return refuse(40002, `invalid grant_type${rid()}`);
  if (body.appid !== state.appId) return refuse(40013, `invalid appid${rid()}`);
  if (body.secret !== state.appSecret) return refuse(40125, `invalid appsecret${rid()}`);
  const now = state.now();
  const current = state.stableToken;
  const currentExpiry = current ? (state.tokens.get(current) ?? 0) : 0;
  if (body.force_refresh === true || !current || currentExpiry - now <= 300_000) {
    if (body.force_refresh === true && current) state.tokens.delete(current);
    const token = `${createHash('sha256').update(randomBytes(16)).digest('base64url')}_stand_in`;
    state.tokens.set(token, now + state.tokenLifetimeSeconds * 1000);
    state.stableToken = token;
  }
  const expiresAt = state.tokens.get(state.stableToken!)!;
  return { json: { access_token: state.stableToken, expires_in: Math.round((expiresAt - now) / 1000) } };
}

/** 41001 no token, 40001 one never issued (or revoked), 42001 one expired; undefined for a good one. */
function tokenRefusal(request: WechatApiRequest, state: WechatApiState): WechatApiReply | undefined {
  const token = request.query.get('access_token');
  if (!token) return refuse(41001, `access_token missing${rid()}`);
  const expiresAt = state.tokens.get(token);
  if (expiresAt === undefined) {
    return refuse(40001, `invalid credential, access_token is invalid or not latest${rid()}`);
  }
  if (expiresAt <= state.now()) return refuse(42001, `access_token expired${rid()}`);
  return undefined;
}

/** The characters a scene may hold (at most 32 of them), as the getUnlimitedQRCode doc lists them. */
const SCENE = /^[0-9a-zA-Z!#$&'()*+,/:;=?@\-._~]+$/;
const ENV_VERSIONS = new Set(['release', 'trial', 'develop']);

/**
 * `POST /wxa/getwxacodeunlimit?access_token=` — getUnlimitedQRCode
 * (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/qrcode-link/qr-code/getUnlimitedQRCode.html):
 * `{scene, page?, check_path? = true, env_version? = "release", width? = 430}` → the image bytes
 * (`image/png` here: a plain QR code of `<page>?scene=<scene>`, since only WeChat draws the round
 * code). Refusals as WeChat answers them: 40001/41001/42001 token, 47001 body not JSON,
 * 40169 scene empty or longer than 32, 40129 scene with a character outside the list, 41030 page
 * with a leading `/` or a query, or — `check_path` true — not a page of the published app,
 * 40097 env_version not one of release/trial/develop.
 */
function unlimitedCode(request: WechatApiRequest, state: WechatApiState): WechatApiReply {
  const tokenProblem = tokenRefusal(request, state);
  if (tokenProblem) return tokenProblem;
  const body = request.json;
  if (!body) return refuse(47001, `data format error${rid()}`);
  const {
    scene,
    page = ROUTES.home.slice(1),
    check_path: checkPath = true,
    env_version: envVersion = 'release',
  } = body;
  if (typeof scene !== 'string' || scene.length === 0 || scene.length > 32) {
    return refuse(40169, `invalid length for scene, or the data is not json string${rid()}`);
  }
  if (!SCENE.test(scene)) return refuse(40129, `invalid scene${rid()}`);
  if (typeof page !== 'string' || page.startsWith('/') || /[?#&=]/.test(page)) {
    return refuse(41030, `invalid page${rid()}`);
  }
  if (checkPath !== false && !state.publishedPages.has(page)) return refuse(41030, `invalid page${rid()}`);
  if (typeof envVersion !== 'string' || !ENV_VERSIONS.has(envVersion)) return refuse(40097, `invalid args${rid()}`);
  const requested = typeof body.width === 'number' ? body.width : 430;
  const width = Math.min(1280, Math.max(280, Math.round(requested)));
  return { contentType: 'image/png', bytes: qrPng(`${page}?scene=${scene}`, width) };
}

/**
 * `GET /sns/jscode2session` — code2Session: appid and secret checked (40013, 40125), a code
 * starting `invalid` refused (40029); any other code answers a fresh openid and session key, so
 * each login through the stand-in is a new WeChat user.
 */
function codeToSession(request: WechatApiRequest, state: WechatApiState): WechatApiReply {
  if (request.query.get('appid') !== state.appId) return refuse(40013, `invalid appid${rid()}`);
  if (request.query.get('secret') !== state.appSecret) return refuse(40125, `invalid appsecret${rid()}`);
  const code = request.query.get('js_code') ?? '';
  if (!code || code.startsWith('invalid')) return refuse(40029, `invalid code${rid()}`);
  return {
    json: {
      openid: `o-stand-in-${randomBytes(9).toString('base64url')}`,
      session_key: randomBytes(16).toString('base64'),
    },
  };
}

/** RFC 3339 with a zone (`2022-12-15T13:29:35.120+08:00` or `…Z`), as upload_time must be. */
const RFC_3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The order an order_key (upload) or a query body names: `tx:<transaction_id>` (type 2) or
 * `mch:<mchid>:<out_trade_no>` (type 1); undefined when the key is malformed (47001).
 */
function shippingKey(key: Record<string, unknown>): string | undefined {
  const type = key.order_number_type;
  const transactionId = key.transaction_id;
  const mchid = key.mchid ?? key.merchant_id;
  const tradeNo = key.out_trade_no ?? key.merchant_trade_no;
  if (
    (type === 2 || type === undefined) &&
    typeof transactionId === 'string' &&
    /^[0-9A-Za-z]{1,32}$/.test(transactionId)
  )
    return `tx:${transactionId}`;
  if (
    (type === 1 || type === undefined) &&
    typeof mchid === 'string' &&
    /^\d{1,32}$/.test(mchid) &&
    typeof tradeNo === 'string' &&
    /^[0-9A-Za-z_\-|*]{6,32}$/.test(tradeNo)
  )
    return `mch:${mchid}:${tradeNo}`;
  return undefined;
}

/** The refusal for a shipping_list that breaks the doc's rules, or undefined. */
function shippingListRefusal(body: Record<string, unknown>): WechatApiReply | undefined {
  const list = body.shipping_list;
  if (!Array.isArray(list) || list.length === 0) return refuse(47001, `data format error${rid()}`);
  if (list.length > 15) return refuse(10060024, `物流信息列表太长${rid()}`);
  if (body.delivery_mode === 1 && list.length !== 1)
    return refuse(268485228, `统一发货模式下，物流信息列表长度必须为1${rid()}`);
  for (const entry of list as Record<string, unknown>[]) {
    const desc = entry?.item_desc;
    if (typeof desc !== 'string' || desc.length === 0)
      return refuse(10060008, `商品描述 item_desc 字段不能为空${rid()}`);
    if (Array.from(desc).length > 120) return refuse(10060009, `商品描述 item_desc 字段太长${rid()}`);
    if (body.logistics_type === 1) {
      if (typeof entry.tracking_no !== 'string' || typeof entry.express_company !== 'string')
        return refuse(10060014, `参数错误，物流快递发货须填写物流单号和物流公司编码${rid()}`);
      if (entry.tracking_no.length > 128) return refuse(10060026, `物流单号太长${rid()}`);
      if (entry.express_company.length > 128) return refuse(10060025, `物流公司编码太长${rid()}`);
    }
  }
  return undefined;
}

/**
 * `POST /wxa/sec/order/upload_shipping_info?access_token=` — uploadShippingInfo
 * (https://developers.weixin.qq.com/miniprogram/dev/server/API/order_shipping/api_uploadshippinginfo.html):
 * `{order_key, logistics_type 1–4, delivery_mode 1|2, is_all_delivered?, shipping_list[1..15], upload_time, payer:{openid}}`
 * → `{errcode, errmsg}`. Which orders are paid: the stand-in is not joined to the WeChat Pay one,
 * so every well-formed order key is a paid order WeChat knows, except those a test puts in
 * `state.unpaidOrders` (10060001 支付单不存在). Refusals: 40001/41001/42001 token, 47001 body or
 * order key malformed, 10060005 logistics type, 268485224 delivery mode, 10060006 split delivery not
 * by express, 10060007 split without is_all_delivered, 10060008/10060009 item_desc empty/too long,
 * 10060014 express without tracking number and courier, 10060024–26 list/courier/tracking too long,
 * 268485228 unified delivery with more than one entry, 268485216 upload_time not RFC 3339, and
 * 10060003 once the one re-upload (重新发货) a payment allows is used; 10060023 an upload not later than the last.
 */
function uploadShippingInfo(request: WechatApiRequest, state: WechatApiState): WechatApiReply {
  const tokenProblem = tokenRefusal(request, state);
  if (tokenProblem) return tokenProblem;
  const body = request.json;
  if (!body || typeof body.order_key !== 'object' || body.order_key === null)
    return refuse(47001, `data format error${rid()}`);
  const key = shippingKey(body.order_key as Record<string, unknown>);
  const openid = (body.payer as { openid?: unknown } | undefined)?.openid;
  if (!key || typeof openid !== 'string' || openid.length === 0) return refuse(47001, `data format error${rid()}`);
  if (![1, 2, 3, 4].includes(body.logistics_type as number)) return refuse(10060005, `物流类型有误${rid()}`);
  if (body.delivery_mode !== 1 && body.delivery_mode !== 2) return refuse(268485224, `发货模式非法${rid()}`);
  if (body.delivery_mode === 2 && body.logistics_type !== 1)
    return refuse(10060006, `非快递发货时不允许分拆发货${rid()}`);
  if (body.delivery_mode === 2 && typeof body.is_all_delivered !== 'boolean')
    return refuse(10060007, `分拆发货模式下必须填写 is_all_delivered 字段${rid()}`);
  const listProblem = shippingListRefusal(body);
  if (listProblem) return listProblem;
  if (
    typeof body.upload_time !== 'string' ||
    !RFC_3339.test(body.upload_time) ||
    Number.isNaN(Date.parse(body.upload_time))
  )
    return refuse(268485216, `上传时间非法，请按照 RFC 3339 格式填写${rid()}`);
  if (state.unpaidOrders.has(key)) return refuse(10060001, `支付单不存在${rid()}`);
  const previous = state.shipping.get(key);
  if (previous && previous.uploads >= 2) return refuse(10060003, `支付单已使用重新发货机会${rid()}`);
  if (previous && Date.parse(body.upload_time) <= Date.parse(previous.uploadTime))
    return refuse(10060023, `发货信息未更新${rid()}`);
  state.shipping.set(key, {
    key,
    orderState: 2,
    logisticsType: body.logistics_type as number,
    payerOpenid: openid,
    shippingList: body.shipping_list as Record<string, unknown>[],
    uploadTime: body.upload_time,
    uploads: (previous?.uploads ?? 0) + 1,
  });
  return { json: { errcode: 0, errmsg: 'ok' } };
}

/**
 * `POST /wxa/sec/order/get_order?access_token=` — getOrder: `{transaction_id}` or
 * `{merchant_id, merchant_trade_no}` → `{errcode: 0, order: {order_state, shipping: {logistics_type,
 * shipping_list}, openid, …}}`; 10060001 for an order WeChat does not know as paid. An order
 * known as paid but not yet shipped answers order_state 1 (待发货).
 */
function getShippingOrder(request: WechatApiRequest, state: WechatApiState): WechatApiReply {
  const tokenProblem = tokenRefusal(request, state);
  if (tokenProblem) return tokenProblem;
  const key = request.json ? shippingKey(request.json) : undefined;
  if (!key) return refuse(47001, `data format error${rid()}`);
  if (state.unpaidOrders.has(key)) return refuse(10060001, `支付单不存在${rid()}`);
  const record = state.shipping.get(key);
  const [, first, second] = key.split(':');
  return {
    json: {
      errcode: 0,
      errmsg: 'ok',
      order: {
        ...(key.startsWith('tx:') ? { transaction_id: first } : { merchant_id: first, merchant_trade_no: second }),
        openid: record?.payerOpenid,
        order_state: record?.orderState ?? 1,
        shipping: record
          ? {
              delivery_mode: 1,
              logistics_type: record.logisticsType,
              finish_shipping: true,
              finish_shipping_count: record.uploads,
              shipping_list: record.shippingList.map((entry) => ({ ...entry, upload_time: record.uploadTime })),
            }
          : undefined,
      },
    },
  };
}

/**
 * `POST /wxa/sec/order/notify_confirm_receive?access_token=` — notifyConfirmReceive
 * (https://developers.weixin.qq.com/miniprogram/dev/server/API/order_shipping/api_notifyconfirmreceive.html):
 * `{transaction_id | merchant_id + merchant_trade_no, received_time (Unix seconds)}` → `{errcode, errmsg}`.
 * The doc's rules: once per order, only for express delivery (logistics_type 1), the received time
 * after the shipping time (10060029 签收时间不合理). Other refusals here: 10060001 an order not
 * shipped through upload_shipping_info; 10060004 not express or reminded already (the code for
 * these two is the stand-in's choice: the doc names the rule, not the code).
 */
function notifyConfirmReceive(request: WechatApiRequest, state: WechatApiState): WechatApiReply {
  const tokenProblem = tokenRefusal(request, state);
  if (tokenProblem) return tokenProblem;
  const key = request.json ? shippingKey(request.json) : undefined;
  const received = request.json?.received_time;
  if (!key || typeof received !== 'number' || !Number.isInteger(received))
    return refuse(47001, `data format error${rid()}`);
  const record = state.shipping.get(key);
  if (!record || state.unpaidOrders.has(key)) return refuse(10060001, `支付单不存在${rid()}`);
  if (record.logisticsType !== 1 || record.receivedTime !== undefined)
    return refuse(10060004, `支付单处于不可提醒确认收货的状态${rid()}`);
  if (received * 1000 < Date.parse(record.uploadTime) - 1000 || received > state.now() / 1000 + 60)
    return refuse(10060029, `签收时间不合理${rid()}`);
  record.receivedTime = received;
  record.orderState = 3;
  return { json: { errcode: 0, errmsg: 'ok' } };
}

/** msgSecCheck's scenes (1 profile, 2 comment, 3 forum, 4 social log). */
const CONTENT_SCENES = new Set([1, 2, 3, 4]);

/**
 * `POST /wxa/msg_sec_check?access_token=` — msgSecCheck v2
 * (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/sec-center/sec-check/msgSecCheck.html):
 * `{content, version: 2, scene, openid}` → `{errcode: 0, result: {suggest, label}, detail, trace_id}`.
 * The dev stage's fixed rules (shared/API.md "Content security"): content with `LINLI-RISKY` is
 * `risky` (label 20002), with `LINLI-REVIEW` `review` (label 20006), anything else `pass` (100).
 * Refusals: the token errors, 47001 not JSON, 40003 no openid, 40097 a bad version or scene.
 */
function messageCheck(request: WechatApiRequest, state: WechatApiState): WechatApiReply {
  const tokenProblem = tokenRefusal(request, state);
  if (tokenProblem) return tokenProblem;
  const body = request.json;
  if (!body || typeof body.content !== 'string') return refuse(47001, `data format error${rid()}`);
  if (typeof body.openid !== 'string' || !body.openid) return refuse(40003, `invalid openid${rid()}`);
  if (body.version !== 2 || !CONTENT_SCENES.has(Number(body.scene))) return refuse(40097, `invalid args${rid()}`);
  const [suggest, label] = body.content.includes('LINLI-RISKY')
    ? ['risky', 20002]
    : body.content.includes('LINLI-REVIEW')
      ? ['review', 20006]
      : ['pass', 100];
  return {
    json: {
      errcode: 0,
      errmsg: 'ok',
      result: { suggest, label },
      detail: [{ strategy: 'content_model', errcode: 0, suggest, label, prob: suggest === 'pass' ? 0 : 90 }],
      trace_id: randomBytes(8).toString('hex'),
    },
  };
}

/**
 * `POST /wxa/media_check_async?access_token=` — mediaCheckAsync v2
 * (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/sec-center/sec-check/mediaCheckAsync.html):
 * `{media_url, media_type: 2, version: 2, scene, openid}` → `{errcode: 0, trace_id}`; then, as WeChat,
 * the stand-in downloads the image and pushes a `wxa_media_check` event to the message-push URL. The
 * dev stage's fixed rules: an image whose bytes contain `LINLI-RISKY` is `risky`, `LINLI-REVIEW`
 * `review`, anything else `pass`; an image it cannot download is pushed with errcode -1.
 * Refusals: the token errors, 47001 not JSON, 40003 no openid, 40097 a bad version, type or scene.
 */
function mediaCheckAsync(request: WechatApiRequest, state: WechatApiState): WechatApiReply {
  const tokenProblem = tokenRefusal(request, state);
  if (tokenProblem) return tokenProblem;
  const body = request.json;
  if (!body || typeof body.media_url !== 'string') return refuse(47001, `data format error${rid()}`);
  if (typeof body.openid !== 'string' || !body.openid) return refuse(40003, `invalid openid${rid()}`);
  if (body.version !== 2 || ![1, 2].includes(Number(body.media_type)) || !CONTENT_SCENES.has(Number(body.scene)))
    return refuse(40097, `invalid args${rid()}`);
  const traceId = `${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}`;
  const check: MediaCheck = {
    traceId,
    mediaUrl: body.media_url,
    openid: body.openid,
    scene: Number(body.scene),
    delivered: 0,
  };
  state.mediaChecks.set(traceId, check);
  setTimeout(() => void decideAndPush(check, state), 20);
  return { json: { errcode: 0, errmsg: 'ok', trace_id: traceId } };
}

async function decideAndPush(check: MediaCheck, state: WechatApiState): Promise<void> {
  let errcode = 0;
  let suggest = 'pass';
  let label = 100;
  try {
    const response = await fetch(check.mediaUrl, { signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`download answered ${response.status}`);
    const bytes = Buffer.from(await response.arrayBuffer()).toString('latin1');
    if (bytes.includes('LINLI-RISKY')) [suggest, label] = ['risky', 20002];
    else if (bytes.includes('LINLI-REVIEW')) [suggest, label] = ['review', 20006];
  } catch {
    [errcode, suggest] = [-1, 'review'];
  }
  check.verdict = {
    ToUserName: 'gh_0000000000000',
    FromUserName: check.openid,
    CreateTime: Math.floor(state.now() / 1000),
    MsgType: 'event',
    Event: 'wxa_media_check',
    appid: state.appId,
    trace_id: check.traceId,
    version: 2,
    detail: [{ strategy: 'content_model', errcode, suggest, label, prob: suggest === 'pass' ? 0 : 90 }],
    errcode,
    errmsg: errcode === 0 ? 'ok' : 'media download failed',
    result: { suggest, label },
  };
  if (!state.push) return;
  const pushing = () => !state.holdMediaVerdicts && !state.closed && check.delivered === 0;
  for (let attempt = 0; attempt <= PUSH_RETRIES && pushing(); attempt += 1) {
    if (attempt > 0) {
      await new Promise((resolve) => setTimeout(resolve, PUSH_RETRY_AFTER_MILLISECONDS).unref());
      // A test may have held the verdicts, closed the stand-in or pushed by hand meanwhile.
      if (!pushing()) return;
    }
    await pushMediaVerdict(check, state);
  }
}

/**
 * WeChat pushes a message again when the server does not answer `success`: three more times
 * (消息推送, https://developers.weixin.qq.com/miniprogram/dev/framework/server-ability/message-push.html).
 * The stand-in waits a second between tries (WeChat does not say how long it waits).
 */
const PUSH_RETRIES = 3;
const PUSH_RETRY_AFTER_MILLISECONDS = 1_000;

/** Sends (or sends again, as WeChat retries) a decided verdict to the message-push URL, signed with its token. */
export async function pushMediaVerdict(check: MediaCheck, state: WechatApiState): Promise<number> {
  if (!state.push || !check.verdict) return 0;
  const timestamp = String(Math.floor(state.now() / 1000));
  const nonce = randomBytes(8).toString('hex');
  const signature = createHash('sha1').update([state.push.token, timestamp, nonce].sort().join('')).digest('hex');
  const url = new URL(state.push.url);
  url.search = new URLSearchParams({ signature, timestamp, nonce }).toString();
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(check.verdict),
      signal: AbortSignal.timeout(30_000),
    });
    const answer = await response.text();
    if (response.ok && answer === 'success') check.delivered += 1;
    return response.status;
  } catch {
    return 0;
  }
}

/** The endpoints, by `METHOD /path`: add a later one here. */
export const ENDPOINTS: Record<string, WechatEndpoint> = {
  'POST /wxa/sec/order/upload_shipping_info': uploadShippingInfo,
  'POST /wxa/sec/order/get_order': getShippingOrder,
  'POST /wxa/sec/order/notify_confirm_receive': notifyConfirmReceive,
  'POST /cgi-bin/stable_token': stableToken,
  'POST /wxa/getwxacodeunlimit': unlimitedCode,
  'POST /wxa/msg_sec_check': messageCheck,
  'POST /wxa/media_check_async': mediaCheckAsync,
  'GET /sns/jscode2session': codeToSession,
};

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function parseJson(raw: Buffer): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(raw.toString('utf8'));
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function write(response: ServerResponse, reply: WechatApiReply): void {
  if ('bytes' in reply) {
    response.writeHead(reply.status ?? 200, {
      'content-type': reply.contentType,
      'content-length': reply.bytes.length,
    });
    response.end(reply.bytes);
    return;
  }
  response.writeHead(reply.status ?? 200, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(reply.json));
}

/**
 * Starts the stand-in on 127.0.0.1 (`port` 0 or absent: any free port) for the app `appId` /
 * `appSecret` — what WECHAT_APP_ID / WECHAT_APP_SECRET must then say. `publishedPages` defaults to
 * every page of the mini-program's route table; tokens live `tokenLifetimeSeconds` (7200 as WeChat's).
 */
export async function startWechatApi(options: {
  appId: string;
  appSecret: string;
  port?: number;
  publishedPages?: string[];
  tokenLifetimeSeconds?: number;
  now?: () => number;
  /** The mini-program server's message-push URL and token (image check verdicts are pushed there). */
  push?: { url: string; token: string };
}): Promise<WechatApi> {
  const state: WechatApiState = {
    appId: options.appId,
    appSecret: options.appSecret,
    tokens: new Map(),
    publishedPages: new Set(options.publishedPages ?? Object.values(ROUTES).map((page) => page.slice(1))),
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 7200,
    now: options.now ?? Date.now,
    shipping: new Map(),
    unpaidOrders: new Set(),
    push: options.push,
    mediaChecks: new Map(),
    holdMediaVerdicts: false,
  };
  const calls: ReceivedCall[] = [];
  const faults = new Map<string, { errcode: number; errmsg: string }[]>();
  const server: Server = createServer((incoming, response) => {
    void readBody(incoming).then((raw) => {
      const url = new URL(incoming.url ?? '/', 'http://stand-in');
      const request: WechatApiRequest = {
        method: incoming.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        raw,
        json: parseJson(raw),
      };
      const endpoint = ENDPOINTS[`${request.method} ${request.path}`];
      const fault = faults.get(request.path)?.shift();
      const reply = fault
        ? refuse(fault.errcode, `${fault.errmsg}${rid()}`)
        : endpoint
          ? endpoint(request, state)
          : { status: 404, json: { errcode: 404, errmsg: `no such api: ${request.method} ${request.path}` } };
      const errcode = 'json' in reply ? Number((reply.json as { errcode?: number }).errcode ?? 0) : 0;
      calls.push({
        method: request.method,
        path: request.path,
        query: Object.fromEntries(url.searchParams),
        body: request.json,
        errcode,
      });
      write(response, reply);
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    state,
    calls,
    failNext: (path, errcode, errmsg = 'scripted fault', count = 1) =>
      faults.set(path, [...(faults.get(path) ?? []), ...Array.from({ length: count }, () => ({ errcode, errmsg }))]),
    pushMediaVerdict: async (traceId) => {
      const check = state.mediaChecks.get(traceId);
      return check ? pushMediaVerdict(check, state) : 0;
    },
    revokeTokens: () => {
      state.tokens.clear();
      state.stableToken = undefined;
    },
    close: () =>
      new Promise<void>((resolve) => {
        state.closed = true;
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
