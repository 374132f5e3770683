import { createCipheriv, createSign, createVerify, generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FundPage, Order, Product } from '@linli/shared';
import { handler as createOrderHandler } from '../../functions/src/http/shop/create-order';
import { handler as notifyHandler } from '../../functions/src/http/payments/wechat-notify';
import { handler as refundHandler } from '../../functions/src/http/shop/refund-order';
import { call } from '../support/api';
import { httpEvent, invoke } from '../support/events';
import { createMember } from '../support/factories';
import { timebankCommunity } from '../support/timebank';

/**
 * WeChat Pay v3 against a local stand-in: the code under test does real HTTP and real crypto.
 * The test plays WeChat: it holds the platform key (signs notifications) and checks the
 * merchant's signatures on prepay requests with the merchant's public key.
 */
const keyPair = () =>
  generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
const merchant = keyPair();
const platform = keyPair();
const impostor = keyPair();
const API_V3_KEY = randomBytes(16).toString('hex'); // 32 characters
const MCHID = '1900000109';
const APPID = 'wx-test-app';
const PLATFORM_SERIAL = 'PLATFORM-SERIAL-1';

type SentRequest = { body: Record<string, unknown>; verified: boolean; path: string };

function startPayStandIn(): Promise<{ server: Server; url: string; prepays: SentRequest[] }> {
  const prepays: SentRequest[] = [];
  const server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    request.on('end', () => {
      const header = String(request.headers.authorization ?? '');
      const field = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(header)?.[1] ?? '';
      const message = `POST\n${request.url}\n${field('timestamp')}\n${field('nonce_str')}\n${raw}\n`;
      const verified =
        header.startsWith('WECHATPAY2-SHA256-RSA2048 ') &&
        field('mchid') === MCHID &&
        createVerify('RSA-SHA256').update(message).verify(merchant.publicKey, field('signature'), 'base64');
      prepays.push({ body: JSON.parse(raw) as Record<string, unknown>, verified, path: request.url ?? '' });
      const answer =
        request.url === '/v3/refund/domestic/refunds'
          ? { refund_id: `50000${Date.now()}`, status: 'PROCESSING' }
          : { prepay_id: `wx${Date.now()}` };
      response.writeHead(verified ? 200 : 401, { 'content-type': 'application/json' });
      response.end(JSON.stringify(verified ? answer : { code: 'SIGN_ERROR', message: 'bad signature' }));
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, prepays }),
    ),
  );
}

function encryptResource(plain: object, key = API_V3_KEY) {
  const nonce = randomBytes(6).toString('hex');
  const associated = 'transaction';
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(key, 'utf8'), Buffer.from(nonce, 'utf8'));
  cipher.setAAD(Buffer.from(associated, 'utf8'));
  const sealed = Buffer.concat([cipher.update(JSON.stringify(plain), 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return {
    algorithm: 'AEAD_AES_256_GCM',
    ciphertext: sealed.toString('base64'),
    nonce,
    associated_data: associated,
    original_type: 'transaction',
  };
}

function notification(
  transaction: object,
  options: {
    signer?: string;
    serial?: string;
    timestamp?: number;
    key?: string;
    tamper?: (body: string) => string;
  } = {},
) {
  const body = JSON.stringify({
    id: randomBytes(8).toString('hex'),
    create_time: new Date().toISOString(),
    resource_type: 'encrypt-resource',
    event_type: 'TRANSACTION.SUCCESS',
    summary: '支付成功',
    resource: encryptResource(transaction, options.key),
  });
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = randomBytes(8).toString('hex');
  const signature = createSign('RSA-SHA256')
    .update(`${timestamp}\n${nonce}\n${body}\n`)
    .sign(options.signer ?? platform.privateKey, 'base64');
  const event = httpEvent({
    method: 'POST',
    path: '/v1/payments/wechat/notify',
    routeKey: 'POST /v1/payments/wechat/notify',
    headers: {
      'content-type': 'application/json',
      'wechatpay-timestamp': timestamp,
      'wechatpay-nonce': nonce,
      'wechatpay-signature': signature,
      'wechatpay-serial': options.serial ?? PLATFORM_SERIAL,
    },
  });
  return { ...event, body: options.tamper ? options.tamper(body) : body };
}

describe('WeChat Pay v3 (local stand-in, generated keys)', () => {
  let standIn: Awaited<ReturnType<typeof startPayStandIn>>;
  const saved = { ...process.env };

  beforeAll(async () => {
    standIn = await startPayStandIn();
    Object.assign(process.env, {
      WECHAT_APP_ID: APPID,
      WECHAT_PAY_MCHID: MCHID,
      WECHAT_PAY_SERIAL: 'MERCHANT-SERIAL-1',
      WECHAT_PAY_PRIVATE_KEY: merchant.privateKey,
      WECHAT_PAY_APIV3_KEY: API_V3_KEY,
      WECHAT_PAY_PLATFORM_KEYS: JSON.stringify({ [PLATFORM_SERIAL]: platform.publicKey }),
      WECHAT_PAY_NOTIFY_URL: 'https://api.example.org/v1/payments/wechat/notify',
      WECHAT_PAY_API_BASE: standIn.url,
    });
  });

  afterAll(async () => {
    for (const name of Object.keys(process.env)) if (name.startsWith('WECHAT_PAY_')) delete process.env[name];
    process.env.WECHAT_APP_ID = saved.WECHAT_APP_ID;
    await new Promise((resolve) => standIn.server.close(resolve));
  });

  async function placeOrder() {
    const { cid, staff, resident } = await timebankCommunity();
    const maker = await createMember(cid, ['resident', 'maker'], 'maker');
    const listed = await call<Product>('POST', `/v1/communities/${cid}/products`, {
      token: maker.token,
      body: { title: '手绘团扇', description: '竹柄绢面', priceFen: 15000, stock: 5 },
    });
    await call('POST', `/v1/communities/${cid}/products/${listed.body.id}/approve`, { token: staff.token });
    const reply = await invoke(
      createOrderHandler,
      httpEvent({
        method: 'POST',
        path: `/v1/communities/${cid}/orders`,
        routeKey: 'POST /v1/communities/{cid}/orders',
        pathParameters: { cid },
        headers: { authorization: `Bearer ${resident.token}` },
        body: { items: [{ productId: listed.body.id, quantity: 1 }] },
      }),
    );
    return { cid, staff, resident, reply, order: reply.body as unknown as Order & { payment: Record<string, string> } };
  }

  const transactionFor = (cid: string, order: Order, overrides: object = {}) => ({
    appid: APPID,
    mchid: MCHID,
    out_trade_no: order.id,
    transaction_id: `4200000${Date.now()}`,
    trade_type: 'JSAPI',
    trade_state: 'SUCCESS',
    attach: cid,
    amount: { total: order.totalFen, payer_total: order.totalFen, currency: 'CNY' },
    payer: { openid: 'o-test' },
    success_time: new Date().toISOString(),
    ...overrides,
  });

  it('signs the JSAPI prepay request and returns signed payment parameters', async () => {
    const { reply, order } = await placeOrder();
    const sent = standIn.prepays.at(-1);

    expect(reply.status).toBe(201);
    expect(sent?.verified).toBe(true);
    expect(sent?.body).toMatchObject({
      appid: APPID,
      mchid: MCHID,
      out_trade_no: order.id,
      amount: { total: 15000, currency: 'CNY' },
    });
    expect(order.payment).toMatchObject({
      mode: 'wechat',
      signType: 'RSA',
      package: expect.stringMatching(/^prepay_id=wx/),
    });
    const payMessage = `${APPID}\n${order.payment.timeStamp}\n${order.payment.nonceStr}\n${order.payment.package}\n`;
    expect(
      createVerify('RSA-SHA256').update(payMessage).verify(merchant.publicKey, order.payment.paySign!, 'base64'),
    ).toBe(true);
  });

  it('credits exactly once for 20 duplicate notifications and rejects a forged one', async () => {
    const { cid, resident, order } = await placeOrder();
    const genuine = transactionFor(cid, order);

    const forged = await invoke(notifyHandler, notification(genuine, { signer: impostor.privateKey }));
    const duplicates = await Promise.all(
      Array.from({ length: 20 }, () => invoke(notifyHandler, notification(genuine))),
    );
    const fund = await call<FundPage>('GET', `/v1/communities/${cid}/fund`);
    const paid = await call<Order>('GET', `/v1/communities/${cid}/orders/${order.id}`, { token: resident.token });

    expect(forged).toMatchObject({ status: 401, body: { error: { code: 'payment.notification_rejected' } } });
    expect(duplicates.map((reply) => reply.status)).toEqual(Array(20).fill(200));
    expect(fund.body).toMatchObject({ balanceFen: 3000, entryCount: 1 });
    expect(paid.body).toMatchObject({ status: 'paid', paymentReference: genuine.transaction_id });
  });

  it.each([
    ['a stale timestamp', {}, { timestamp: Math.floor(Date.now() / 1000) - 3600 }],
    ['an unknown serial', {}, { serial: 'SOMEONE-ELSE' }],
    ['a body changed after signing', {}, { tamper: (body: string) => body.replace('支付成功', '支付失败') }],
    ['another APIv3 key', {}, { key: 'x'.repeat(32) }],
    ['another merchant', { mchid: '1999999999' }, {}],
    ['another app', { appid: 'wx-someone-else' }, {}],
    ['a different amount', { amount: { total: 1, currency: 'CNY' } }, {}],
  ])('rejects %s and credits nothing', async (_case, overrides, options) => {
    const { cid, resident, order } = await placeOrder();

    const reply = await invoke(notifyHandler, notification(transactionFor(cid, order, overrides), options));
    const fund = await call<FundPage>('GET', `/v1/communities/${cid}/fund`);
    const stillPending = await call<Order>('GET', `/v1/communities/${cid}/orders/${order.id}`, {
      token: resident.token,
    });

    expect(reply.status).toBeGreaterThanOrEqual(400);
    expect(reply.status).toBeLessThan(500);
    expect(fund.body.balanceFen).toBe(0);
    expect(stillPending.body.status).toBe('pending_payment');
  });

  it('refunds a WeChat-paid order through the signed refund API, then reverses the books', async () => {
    const { cid, staff, resident, order } = await placeOrder();
    await invoke(notifyHandler, notification(transactionFor(cid, order)));

    const reply = await invoke(
      refundHandler,
      httpEvent({
        method: 'POST',
        path: `/v1/communities/${cid}/orders/${order.id}/refund`,
        routeKey: 'POST /v1/communities/{cid}/orders/{oid}/refund',
        pathParameters: { cid, oid: order.id },
        headers: { authorization: `Bearer ${staff.token}` },
        body: { reason: '买家退货' },
      }),
    );
    const sent = standIn.prepays.at(-1);
    const fund = await call<FundPage>('GET', `/v1/communities/${cid}/fund`);

    expect(reply.status).toBe(200);
    expect(sent).toMatchObject({
      path: '/v3/refund/domestic/refunds',
      verified: true,
      body: {
        out_trade_no: order.id,
        out_refund_no: `rf${order.id}`,
        amount: { refund: 15000, total: 15000, currency: 'CNY' },
      },
    });
    expect(fund.body.balanceFen).toBe(0);
    expect(
      (await call<Order>('GET', `/v1/communities/${cid}/orders/${order.id}`, { token: resident.token })).body.status,
    ).toBe('refunded');
  });
});
