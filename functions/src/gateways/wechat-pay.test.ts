import { createSign, generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import type { Order, Pledge } from '@linli/shared';
import { donationOrder } from '../domain/shop/fulfilment';
import { outTradeNoOf, refundNumberOf, returnNumberOf } from '../domain/shop/payments';
import { createDuePledgeDonations } from '../domain/fund/pledges';
import type { PledgeStore } from '../domain/fund/ports';
import { newId } from '../lib/ids';
import {
  chinaRfc3339,
  closeRequest,
  prepayRequest,
  queryRequest,
  refundRequest,
  signatureProblem,
  truncateUtf8,
  type WechatPayConfig,
} from './wechat-pay';
import { requestViolations } from './wechat-pay-rules';

/**
 * Every request Linli sends WeChat Pay, built by the real builders from orders made by every
 * order-making path (shop, donation, monthly pledge), held to WeChat's documented limits — not
 * to our own stand-in: out_trade_no 6–32 of `0-9A-Za-z_-|*`, out_refund_no 1–64 of
 * `0-9A-Za-z_-|*@`, description ≤ 127 bytes, attach ≤ 128, reason ≤ 80, amounts integer fen
 * ≥ 1 with refund ≤ total, notify_url https without a query, time_expire RFC 3339.
 */
const config: WechatPayConfig = {
  apiBase: 'https://api.mch.weixin.qq.com',
  appId: 'wx8888888888888888',
  merchantId: '1900000109',
  merchantSerial: 'SERIAL',
  merchantPrivateKey: '',
  apiV3Key: 'x'.repeat(32),
  platformPublicKeys: {},
  notifyUrl: 'https://api.example.org/v1/payments/wechat/notify',
};

const RUNS = Number(process.env.LINLI_PROPERTY_RUNS ?? 300);
const instant = fc.date({
  min: new Date('2024-01-01T00:00:00Z'),
  max: new Date('2040-12-31T23:59:59Z'),
  noInvalidDate: true,
});
/** What a person may type as a title or message: any characters, emoji and CJK included, no control characters. */
const humanText = (maxLength: number) =>
  fc
    .string({ unit: 'grapheme', minLength: 1, maxLength })
    .map((text) => text.replace(/\p{Cc}/gu, '').trim())
    .filter((text) => text.length > 0 && text.length <= maxLength);
const communityId = fc.stringMatching(/^[a-z0-9][a-z0-9-]{1,39}$/);

function shopOrder(now: Date, titles: string[], unitFen: number): Order {
  return {
    id: newId(now.getTime()),
    buyerId: newId(),
    buyerName: '邻居',
    lines: titles.map((title) => ({
      productId: newId(),
      title,
      makerId: newId(),
      quantity: 1,
      unitPriceFen: unitFen,
      grossFen: unitFen,
      fundShareBps: 2000,
      fundFen: Math.floor(unitFen / 5),
      makerFen: unitFen - Math.floor(unitFen / 5),
    })),
    totalFen: unitFen * titles.length,
    status: 'pending_payment',
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + 15 * 60_000).toISOString(),
  };
}

/** The order the monthly pledge job makes, through the job itself with an in-memory store. */
async function pledgeOrder(now: Date, amountFen: number): Promise<Order> {
  const pledge: Pledge = {
    id: newId(now.getTime() - 86_400_000),
    donorId: newId(),
    donorName: '邻居',
    amountFen,
    dayOfMonth: 1,
    anonymous: false,
    status: 'active',
    createdAt: now.toISOString(),
  };
  const made: Order[] = [];
  const store: Pick<PledgeStore, 'pledgesDueOn' | 'getPledge' | 'createMonthlyDonation'> = {
    pledgesDueOn: async () => [{ communityId: 'demo', pledgeId: pledge.id }],
    getPledge: async () => pledge,
    createMonthlyDonation: async (_communityId, _pledge, order) => {
      made.push(order);
      return true;
    },
  };
  await createDuePledgeDonations(
    {
      now,
      getMember: async () => ({ userId: pledge.donorId, displayName: '邻居' }) as never,
      mayPublishName: async () => false,
      holderOf: async () => ({
        name: '测试慈善会',
        creditCode: '53100000500021676K',
        qualification: { validFrom: '2000-01-01', validUntil: '2999-12-31' },
      }),
    },
    store as PledgeStore,
  );
  return made[0]!;
}

const prepayOf = (order: Order, attach: string, openid = 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o') =>
  prepayRequest(config, {
    outTradeNo: outTradeNoOf(order),
    description: order.lines.map((line) => line.title).join('、'),
    totalFen: order.totalFen,
    payerOpenid: openid,
    attach,
    expiresAt: order.expiresAt,
  });

const violationsOf = (request: { method: string; pathWithQuery: string; body?: unknown }) =>
  requestViolations(request.method, request.pathWithQuery, request.body);

describe('WeChat Pay’s documented rules (the yardstick)', () => {
  it.each([
    [
      'out_trade_no of 34 characters (the old pledge form pl+id+YYYYMM)',
      { out_trade_no: `pl${'0'.repeat(26)}202611` },
      'out_trade_no',
    ],
    ['out_trade_no of 5 characters', { out_trade_no: '12345' }, 'out_trade_no'],
    ['out_trade_no with a dot', { out_trade_no: '1217752501.201407' }, 'out_trade_no'],
    ['description of 128 bytes', { description: '好'.repeat(42) + 'ab' }, 'description'],
    ['description with a lone surrogate', { description: 'a\uD83D' }, 'description'],
    ['attach of 129 bytes', { attach: 'a'.repeat(129) }, 'attach'],
    ['notify_url over http', { notify_url: 'http://api.example.org/notify' }, 'notify_url'],
    ['notify_url with a query', { notify_url: 'https://api.example.org/notify?community=demo' }, 'notify_url'],
    ['amount of 0 fen', { amount: { total: 0, currency: 'CNY' } }, 'amount.total'],
    ['amount of 1.5 fen', { amount: { total: 1.5, currency: 'CNY' } }, 'amount.total'],
    ['amount beyond int', { amount: { total: 2_147_483_648, currency: 'CNY' } }, 'amount.total'],
    ['another currency', { amount: { total: 100, currency: 'USD' } }, 'amount.currency'],
    ['time_expire without a zone', { time_expire: '2026-11-30T18:15:00' }, 'time_expire'],
    ['an empty openid', { payer: { openid: '' } }, 'payer.openid'],
    ['a field WeChat does not have', { buyer_name: 'x' }, 'buyer_name'],
  ])('a prepay with %s breaks them', (_case, change, field) => {
    const valid = prepayOf(shopOrder(new Date('2026-11-30T10:00:00Z'), ['团扇'], 15000), 'demo');

    expect(violationsOf(valid)).toEqual([]);
    expect(
      violationsOf({ ...valid, body: { ...valid.body, ...change } }).map((violation) => violation.field),
    ).toContain(field);
  });

  it.each([
    ['an out_refund_no of 65 characters', { out_refund_no: 'r'.repeat(65) }, 'out_refund_no'],
    ['an out_refund_no with a space', { out_refund_no: 'rf 1' }, 'out_refund_no'],
    ['a refund above the total', { amount: { refund: 101, total: 100, currency: 'CNY' } }, 'amount.refund'],
    ['a reason of 81 bytes', { reason: 'a'.repeat(81) }, 'reason'],
    ['no currency', { amount: { refund: 100, total: 100 } }, 'amount.currency'],
  ])('a refund with %s breaks them', (_case, change, field) => {
    const valid = refundRequest(config, {
      outTradeNo: newId(),
      outRefundNo: 'rf1217752501201407033233368018@x|y*z',
      refundFen: 100,
      totalFen: 100,
      reason: '退货',
    });

    expect(violationsOf(valid)).toEqual([]);
    expect(
      violationsOf({ ...valid, body: { ...valid.body, ...change } }).map((violation) => violation.field),
    ).toContain(field);
  });

  it('a close or query of a 33-character out_trade_no breaks them', () => {
    expect(violationsOf(closeRequest(config, 'a'.repeat(33)))).not.toEqual([]);
    expect(violationsOf(queryRequest(config, 'a'.repeat(33)))).not.toEqual([]);
    expect(violationsOf(closeRequest(config, newId()))).toEqual([]);
    expect(violationsOf(queryRequest(config, newId()))).toEqual([]);
  });
});

describe('every request builder keeps them, for orders from every path', () => {
  it('JSAPI prepay for shop orders: any titles (emoji, CJK, 20 lines of 60), any time, any amount', () => {
    fc.assert(
      fc.property(
        instant,
        fc.array(humanText(60), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 1, max: 10_000_000 }),
        communityId,
        (now, titles, unitFen, community) => {
          expect(violationsOf(prepayOf(shopOrder(now, titles, unitFen), community))).toEqual([]);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('JSAPI prepay for one-off donations with any message', () => {
    fc.assert(
      fc.property(
        instant,
        fc.option(humanText(100), { nil: undefined }),
        fc.integer({ min: 1, max: 10_000_000 }),
        (now, message, amountFen) => {
          const order = donationOrder({
            donor: { userId: newId(), displayName: '邻居' } as never,
            request: { amountFen, message },
            now,
          });
          expect(violationsOf(prepayOf(order, 'demo'))).toEqual([]);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('JSAPI prepay for the monthly pledge job’s orders (case 13: was 34 characters)', async () => {
    await fc.assert(
      fc.asyncProperty(instant, fc.integer({ min: 1, max: 10_000_000 }), async (now, amountFen) => {
        const order = await pledgeOrder(now, amountFen);
        expect(order.id.length).toBeGreaterThanOrEqual(6);
        expect(violationsOf(prepayOf(order, 'demo'))).toEqual([]);
      }),
      { numRuns: Math.min(RUNS, 100) },
    );
  });

  it('close, query and both kinds of refund, for any order id and any reason', () => {
    fc.assert(
      fc.property(instant, humanText(200), fc.integer({ min: 1, max: 2_147_483_647 }), (now, reason, totalFen) => {
        const orderId = newId(now.getTime());
        const refundFen = Math.max(1, Math.floor(totalFen / 2));
        expect(violationsOf(closeRequest(config, orderId))).toEqual([]);
        expect(violationsOf(queryRequest(config, orderId))).toEqual([]);
        expect(
          violationsOf(
            refundRequest(config, {
              outTradeNo: orderId,
              outRefundNo: refundNumberOf(orderId),
              refundFen,
              totalFen,
              reason,
            }),
          ),
        ).toEqual([]);
        expect(
          violationsOf(
            refundRequest(config, {
              transactionId: '4200001234202611301234567890',
              outRefundNo: returnNumberOf(orderId),
              refundFen: totalFen,
              totalFen,
              reason,
            }),
          ),
        ).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it('cuts text by UTF-8 bytes, never inside a character', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        fc.integer({ min: 0, max: 200 }),
        (text, maxBytes) => {
          const cut = truncateUtf8(text, maxBytes);
          expect(Buffer.byteLength(cut, 'utf8')).toBeLessThanOrEqual(maxBytes);
          expect(text.startsWith(cut)).toBe(true);
          expect(cut).not.toMatch(/[\uD800-\uDBFF]$/);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('writes time_expire in China time as RFC 3339', () => {
    expect(chinaRfc3339('2026-11-30T16:15:00.000Z')).toBe('2026-12-01T00:15:00+08:00');
  });
});

describe('a WeChat Pay reply or notification is believed only when signed (case 14)', () => {
  const platform = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const impostor = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const keys = { PUB_KEY_ID_1: platform.publicKey };
  const now = 1_790_000_000;
  const signed = (body: string, options: { key?: string; timestamp?: number; serial?: string } = {}) => {
    const timestamp = String(options.timestamp ?? now);
    const nonce = 'n0nce';
    return {
      'wechatpay-timestamp': timestamp,
      'wechatpay-nonce': nonce,
      'wechatpay-serial': options.serial ?? 'PUB_KEY_ID_1',
      'wechatpay-signature': createSign('RSA-SHA256')
        .update(`${timestamp}\n${nonce}\n${body}\n`)
        .sign(options.key ?? platform.privateKey, 'base64'),
    };
  };
  const body = '{"prepay_id":"wx201410272009395522657a690389285100"}';

  it('accepts a reply signed with the platform key, also an empty (204) one', () => {
    expect(signatureProblem(keys, signed(body), body, now)).toBeNull();
    expect(signatureProblem(keys, signed(''), '', now)).toBeNull();
  });

  it.each([
    ['unsigned', {}, () => ({}) as Record<string, string>],
    ['signed with another key', {}, () => signed(body, { key: impostor.privateKey })],
    ['stale by more than 5 minutes', {}, () => signed(body, { timestamp: now - 301 })],
    ['from an unknown serial', {}, () => signed(body, { serial: 'OTHER' })],
    ['from a serial named like an object property', {}, () => signed(body, { serial: 'constructor' })],
  ])('refuses a reply %s', (_case, _unused, headers) => {
    expect(signatureProblem(keys, headers(), body, now)).not.toBeNull();
  });

  it('refuses a reply whose body changed after signing', () => {
    expect(signatureProblem(keys, signed(body), body.replace('wx2014', 'wx2015'), now)).not.toBeNull();
  });
});
