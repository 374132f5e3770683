import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { contracts, type Order, type Product } from '@linli/shared';
import { resetAccessTokenCache } from '../../functions/src/gateways/wechat-access-token';
import { MAX_SHIPPING_ATTEMPTS } from '../../functions/src/domain/shop/shipping';
import { handler as retryShippingUploads } from '../../functions/src/jobs/retry-shipping-uploads';
import { keys } from '../../functions/src/store/keys';
import { startWechatApi, type ReceivedCall, type WechatApi } from '../../scripts/local/wechat-api';
import { documentClient, send } from '../support/api';
import { createMember, tableName } from '../support/factories';
import { callRoute, loadHandlers, routeTable, type RouteReply } from '../support/routes';
import { timebankCommunity } from '../support/timebank';

/**
 * Issue 19 item 1: shipping information uploaded to WeChat (发货信息管理) when staff hand an order
 * over and when a donation is paid, against the local WeChat API stand-in — a stand-in of this
 * suite's own (`scripts/local/wechat-api.ts`), the routes run in-process, so WeChat can be made to
 * fail on purpose. The dev stage's dev payments are uploaded (WECHAT_API_BASE is a stand-in) by
 * merchant id + order id; a WeChat Pay payment by its transaction id.
 */
type Person = { token: string; userId: string; openid: string };
const UPLOAD = '/wxa/sec/order/upload_shipping_info';
const CONFIRM = '/wxa/sec/order/notify_confirm_receive';
const SAVED = ['WECHAT_API_BASE', 'WECHAT_APP_ID', 'WECHAT_APP_SECRET'] as const;
const saved: Record<string, string | undefined> = {};
let wechat: WechatApi;

beforeAll(async () => {
  await loadHandlers(
    routeTable().entries.filter((entry) =>
      ['fulfilOrder', 'retryShippingUpload', 'donate', 'devPayOrder', 'listOrders', 'refundOrder'].includes(
        entry.contract,
      ),
    ),
  );
  wechat = await startWechatApi({ appId: 'wx-shipping-test', appSecret: 'shipping-secret' });
  for (const name of SAVED) saved[name] = process.env[name];
  Object.assign(process.env, {
    WECHAT_API_BASE: wechat.url,
    WECHAT_APP_ID: 'wx-shipping-test',
    WECHAT_APP_SECRET: 'shipping-secret',
  });
  resetAccessTokenCache();
});

afterAll(async () => {
  for (const name of SAVED) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  resetAccessTokenCache();
  await wechat.close();
});

const json = <T>(reply: RouteReply) => reply.json as T;
const errorCode = (reply: RouteReply) => (reply.json as { error?: { code?: string } }).error?.code;
/** The calls the stand-in received for `path` about an order (dev payments: out_trade_no is the order id). */
const callsFor = (path: string, orderId: string): ReceivedCall[] =>
  wechat.calls.filter((call) => call.path === path && JSON.stringify(call.body ?? {}).includes(orderId));

async function shop() {
  const { cid, staff, otherStaff } = await timebankCommunity();
  const [maker, buyer] = await Promise.all([
    createMember(cid, ['resident', 'maker'], 'maker') as Promise<Person>,
    createMember(cid, ['resident'], 'buyer') as Promise<Person>,
  ]);
  const listed = await send(contracts.createProduct, {
    params: { cid },
    token: maker.token,
    body: { title: '手工草帽', description: '麦秆编织', priceFen: 1500, stock: 20 },
  });
  expect(listed.status).toBe(201);
  const product: Product = listed.body;
  await send(contracts.approveProduct, { params: { cid, pid: product.id }, token: staff.token });
  /** A paid order (the dev payment) of `quantity` hats. */
  const paidOrder = async (quantity = 2): Promise<Order> => {
    const created = await send(contracts.createOrder, {
      params: { cid },
      token: buyer.token,
      body: { items: [{ productId: product.id, quantity }] },
    });
    expect(created.status).toBe(201);
    const paid = await send(contracts.devPayOrder, { params: { cid, oid: created.body.id }, token: buyer.token });
    expect(paid.status).toBe(200);
    return paid.body.order;
  };
  const fulfil = (oid: string, body: Record<string, unknown>) =>
    callRoute('fulfilOrder', { token: staff.token, params: { cid, oid }, body });
  return { cid, staff, otherStaff, buyer, paidOrder, fulfil };
}

describe('shipping information uploaded to WeChat', () => {
  it('uploads a pickup (logistics type 4) for the buyer’s openid when staff mark it ready, and records it', async () => {
    const { buyer, paidOrder, fulfil } = await shop();
    const order = await paidOrder(2);
    expect(order.shipping).toBeUndefined();
    const reply = await fulfil(order.id, { status: 'ready_for_pickup' });
    expect(reply.status).toBe(200);
    const after = json<Order>(reply);
    expect(after.status).toBe('ready_for_pickup');
    expect(after.shipping).toMatchObject({ status: 'uploaded', logisticsType: 4, attempts: 1 });
    const [upload] = callsFor(UPLOAD, order.id);
    expect(upload?.errcode).toBe(0);
    expect(upload?.body).toMatchObject({
      order_key: { order_number_type: 1, out_trade_no: order.id },
      logistics_type: 4,
      delivery_mode: 1,
      shipping_list: [{ item_desc: '手工草帽 × 2' }],
      payer: { openid: buyer.openid },
    });
    expect(String(upload?.body?.upload_time)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+08:00$/);
    // Collected: a pickup needs no receipt reminder (WeChat allows it for express orders only).
    const completed = await fulfil(order.id, { status: 'completed' });
    expect(json<Order>(completed).status).toBe('completed');
    expect(callsFor(CONFIRM, order.id)).toHaveLength(0);
  });

  it('names a WeChat Pay payment by its transaction id', async () => {
    const { cid, paidOrder, fulfil } = await shop();
    const order = await paidOrder(1);
    const transactionId = `4200002${Date.now()}${Math.floor(Math.random() * 1e6)}`.slice(0, 28);
    await documentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.order(cid, order.id),
        UpdateExpression: 'SET paymentReference = :reference',
        ExpressionAttributeValues: { ':reference': transactionId },
      }),
    );
    expect(json<Order>(await fulfil(order.id, { status: 'ready_for_pickup' })).shipping?.status).toBe('uploaded');
    const upload = wechat.calls.find(
      (call) => call.path === UPLOAD && JSON.stringify(call.body).includes(transactionId),
    );
    expect(upload?.body?.order_key).toEqual({ order_number_type: 2, transaction_id: transactionId });
  });

  it('uploads express with the tracking number, and reminds the buyer to confirm receipt once completed', async () => {
    const { paidOrder, fulfil } = await shop();
    const order = await paidOrder(1);
    const shipped = json<Order>(
      await fulfil(order.id, { status: 'shipped', trackingNo: 'ZT7561178899', expressCompany: 'ZTO' }),
    );
    expect(shipped.shipping).toMatchObject({ status: 'uploaded', logisticsType: 1, trackingNo: 'ZT7561178899' });
    expect(callsFor(UPLOAD, order.id)[0]?.body).toMatchObject({
      logistics_type: 1,
      shipping_list: [{ tracking_no: 'ZT7561178899', express_company: 'ZTO', item_desc: '手工草帽 × 1' }],
    });
    const completed = json<Order>(await fulfil(order.id, { status: 'completed' }));
    expect(completed.shipping?.receiptNotifiedAt).toBeDefined();
    const [confirm] = callsFor(CONFIRM, order.id);
    expect(confirm?.errcode).toBe(0);
    expect(confirm?.body?.received_time).toBeLessThan(Date.now() / 1000 + 1); // seconds, not ms
    expect(wechat.state.shipping.get(`mch:0000000000:${order.id}`)?.orderState).toBe(3);
  });

  it('uploads shipped without a tracking number as same-city delivery, and refuses half a tracking pair', async () => {
    const { paidOrder, fulfil } = await shop();
    const order = await paidOrder(1);
    const half = await fulfil(order.id, { status: 'shipped', trackingNo: 'ZT7561178899' });
    expect(half.status).toBe(400);
    expect(json<Order>(await fulfil(order.id, { status: 'shipped' })).shipping?.logisticsType).toBe(2);
  });

  it('uploads a donation as virtual goods (logistics type 3) at payment', async () => {
    const { cid, buyer } = await shop();
    const donated = await callRoute('donate', { token: buyer.token, params: { cid }, body: { amountFen: 500 } });
    expect(donated.status).toBe(201);
    const oid = json<Order>(donated).id;
    const paid = await callRoute('devPayOrder', { token: buyer.token, params: { cid, oid } });
    expect(json<{ order: Order }>(paid).order.shipping).toMatchObject({ status: 'uploaded', logisticsType: 3 });
    expect(callsFor(UPLOAD, oid)[0]?.body).toMatchObject({ logistics_type: 3, payer: { openid: buyer.openid } });
  });

  it('moves the order when WeChat is down, keeps the upload pending, and the job uploads it later', async () => {
    const { cid, staff, paidOrder, fulfil } = await shop();
    const order = await paidOrder(1);
    wechat.failNext(UPLOAD, -1, 'system error');
    const reply = await fulfil(order.id, { status: 'ready_for_pickup' });
    expect(reply.status).toBe(200);
    const after = json<Order>(reply);
    expect(after.status).toBe('ready_for_pickup');
    expect(after.shipping).toMatchObject({ status: 'pending', attempts: 1 });
    expect(after.shipping?.lastError).toMatch(/^-1 system error/);
    const due = Date.parse(after.shipping!.nextAttemptAt!);
    expect(due - Date.now()).toBeGreaterThan(30_000); // back-off: 1 minute after the first failure
    await retryShippingUploads({ now: new Date(due + 1000).toISOString() });
    const stored = await staffView(cid, staff.token, order.id);
    expect(stored).toMatchObject({ status: 'uploaded', attempts: 2 });
    expect(stored?.nextAttemptAt).toBeUndefined();
  });

  it('backs off 1, 2, 4 … minutes and gives up after the last attempt: failed, listed for staff, retried by them', async () => {
    const { cid, staff, paidOrder, fulfil } = await shop();
    const order = await paidOrder(1);
    wechat.failNext(UPLOAD, -1, 'system error', MAX_SHIPPING_ATTEMPTS);
    let shipping = json<Order>(await fulfil(order.id, { status: 'ready_for_pickup' })).shipping!;
    const gaps: number[] = [];
    let attemptedAt = Date.now();
    while (shipping.status === 'pending') {
      const due = Date.parse(shipping.nextAttemptAt!);
      gaps.push(Math.round((due - attemptedAt) / 60_000));
      attemptedAt = due + 1000;
      await retryShippingUploads({ now: new Date(attemptedAt).toISOString() });
      shipping = (await staffView(cid, staff.token, order.id))!;
    }
    expect(gaps).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 360, 360]);
    expect(shipping).toMatchObject({ status: 'failed', attempts: MAX_SHIPPING_ATTEMPTS });
    const failed = await callRoute('listOrders', {
      token: staff.token,
      params: { cid },
      query: { shipping: 'failed' },
    });
    expect(json<{ items: Order[] }>(failed).items.map((item) => item.id)).toEqual([order.id]);
    const retried = await callRoute('retryShippingUpload', { token: staff.token, params: { cid, oid: order.id } });
    expect(retried.status).toBe(200);
    expect(json<Order>(retried).shipping).toMatchObject({ status: 'uploaded', attempts: 1 });
    const again = await callRoute('retryShippingUpload', { token: staff.token, params: { cid, oid: order.id } });
    expect(again.status).toBe(409);
    expect(errorCode(again)).toBe('shop.shipping_not_owed');
  });

  it('fails at once on a refusal that retrying cannot cure, with WeChat’s code, and survives a revoked token', async () => {
    const { cid, staff, paidOrder, fulfil } = await shop();
    const order = await paidOrder(1);
    wechat.failNext(UPLOAD, 268485216, '上传时间非法');
    const after = json<Order>(await fulfil(order.id, { status: 'ready_for_pickup' }));
    expect(after.shipping).toMatchObject({ status: 'failed', attempts: 1 });
    expect(after.shipping?.lastError).toMatch(/^268485216 /);
    wechat.revokeTokens(); // our cached token is now refused with 40001: the gateway fetches a new one
    const retried = await callRoute('retryShippingUpload', { token: staff.token, params: { cid, oid: order.id } });
    expect(json<Order>(retried).shipping?.status).toBe('uploaded');
    expect(callsFor(UPLOAD, order.id).map((call) => call.errcode)).toEqual([268485216, 40001, 0]);
  });

  it('drops an upload not yet accepted when the order is refunded: not listed as failed, not retried', async () => {
    const { cid, staff, otherStaff, paidOrder, fulfil } = await shop();
    const order = await paidOrder(1);
    wechat.failNext(UPLOAD, 268485216, '上传时间非法');
    expect(json<Order>(await fulfil(order.id, { status: 'ready_for_pickup' })).shipping?.status).toBe('failed');
    const refunded = await callRoute('refundOrder', {
      token: otherStaff.token,
      params: { cid, oid: order.id },
      body: { reason: '买家不要了' },
    });
    expect(refunded.status).toBe(200);
    expect(json<Order>(refunded).shipping).toBeUndefined();
    const failed = await callRoute('listOrders', {
      token: staff.token,
      params: { cid },
      query: { shipping: 'failed' },
    });
    expect(json<{ items: Order[] }>(failed).items.map((item) => item.id)).not.toContain(order.id);
    const retried = await callRoute('retryShippingUpload', { token: staff.token, params: { cid, oid: order.id } });
    expect(errorCode(retried)).toBe('shop.shipping_not_owed');
    expect(callsFor(UPLOAD, order.id)).toHaveLength(1);
  });

  it('lets only staff retry an upload, and refuses an order that owes none', async () => {
    const { cid, buyer, staff, paidOrder } = await shop();
    const order = await paidOrder(1);
    const byBuyer = await callRoute('retryShippingUpload', { token: buyer.token, params: { cid, oid: order.id } });
    expect(byBuyer.status).toBe(403);
    const none = await callRoute('retryShippingUpload', { token: staff.token, params: { cid, oid: order.id } });
    expect(none.status).toBe(409);
  });
});

describe('the stand-in’s order-shipping rules', () => {
  it('answers WeChat’s codes for malformed uploads, unpaid orders and a third upload', async () => {
    const token = (
      (await (
        await fetch(new URL('/cgi-bin/stable_token', wechat.url), {
          method: 'POST',
          body: JSON.stringify({
            grant_type: 'client_credential',
            appid: 'wx-shipping-test',
            secret: 'shipping-secret',
          }),
        })
      ).json()) as { access_token: string }
    ).access_token;
    const upload = async (body: object) => {
      const url = new URL(UPLOAD, wechat.url);
      url.searchParams.set('access_token', token);
      return ((await (await fetch(url, { method: 'POST', body: JSON.stringify(body) })).json()) as { errcode: number })
        .errcode;
    };
    const good = {
      order_key: { order_number_type: 2, transaction_id: '4200001111222233334444555566' },
      logistics_type: 4,
      delivery_mode: 1,
      shipping_list: [{ item_desc: '手工草帽 × 1' }],
      upload_time: '2026-12-01T10:00:00.000+08:00',
      payer: { openid: 'o-payer' },
    };
    expect(await upload({ ...good, upload_time: '2026-12-01 10:00:00' })).toBe(268485216);
    expect(await upload({ ...good, logistics_type: 7 })).toBe(10060005);
    expect(await upload({ ...good, logistics_type: 1 })).toBe(10060014);
    expect(await upload({ ...good, shipping_list: [{ item_desc: '' }] })).toBe(10060008);
    expect(await upload({ ...good, order_key: { order_number_type: 2 } })).toBe(47001);
    wechat.state.unpaidOrders.add('tx:4200009999222233334444555566');
    expect(
      await upload({ ...good, order_key: { order_number_type: 2, transaction_id: '4200009999222233334444555566' } }),
    ).toBe(10060001);
    expect(await upload(good)).toBe(0);
    expect(await upload(good)).toBe(10060023); // not later than the last
    expect(await upload({ ...good, upload_time: '2026-12-01T10:01:00.000+08:00' })).toBe(0); // the one re-upload
    expect(await upload({ ...good, upload_time: '2026-12-01T10:02:00.000+08:00' })).toBe(10060003);
  });
});

async function staffView(cid: string, token: string, oid: string) {
  const reply = await callRoute('listOrders', { token, params: { cid }, query: { status: 'ready_for_pickup' } });
  return json<{ items: Order[] }>(reply).items.find((item) => item.id === oid)?.shipping;
}
