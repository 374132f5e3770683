import { createVerify } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { addMonths, contracts, monthOf, startOfMonth } from '@linli/shared';
import type { BodyOf, Order } from '@linli/shared';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { chinaDayOfMonth } from '../../functions/src/domain/fund/pledges';
import { handler as donateHandler } from '../../functions/src/http/fund/donate';
import { handler as notifyHandler } from '../../functions/src/http/shop/wechat-notify';
import { handler as cancelOrderHandler } from '../../functions/src/http/shop/cancel-order';
import { handler as createOrderHandler } from '../../functions/src/http/shop/create-order';
import { handler as payOrderHandler } from '../../functions/src/http/shop/pay-order';
import { handler as refundHandler } from '../../functions/src/http/shop/refund-order';
import { handler as createPledgeDonations } from '../../functions/src/jobs/create-pledge-donations';
import { handler as expireUnpaidOrders } from '../../functions/src/jobs/expire-unpaid-orders';
import { keys } from '../../functions/src/store/keys';
import { documentClient, send } from '../support/api';
import { httpEvent, invoke, type Handler } from '../support/events';
import { createMember, tableName } from '../support/factories';
import { timebankCommunity } from '../support/timebank';
import {
  startWechatPayStandIn,
  WECHAT_PAY_IDS,
  type ReplyFault,
  type WechatPayStandIn,
} from '../support/wechat-pay-stand-in';

/**
 * WeChat Pay v3 against a local stand-in that keeps WeChat's rules (signatures both ways,
 * documented field limits, order and refund states): the code under test does real HTTP and
 * real crypto, and runs its handlers in-process with the stand-in's configuration.
 */
type Person = { token: string; userId: string };
type OrderView = Order & {
  payment?: Record<string, string>;
  refund?: { status: string; outRefundNo: string; refundId?: string };
  returnedPayment?: { status: string; transactionId: string; amountFen: number; outRefundNo: string };
};

let standIn: WechatPayStandIn;
const saved = { ...process.env };

beforeAll(async () => {
  standIn = await startWechatPayStandIn();
  Object.assign(process.env, standIn.environment);
});

afterAll(async () => {
  for (const name of Object.keys(standIn.environment)) delete process.env[name];
  process.env.WECHAT_APP_ID = saved.WECHAT_APP_ID;
  await standIn.close();
});

function route(
  handler: Handler,
  method: string,
  routeKey: string,
  pathParameters: Record<string, string>,
  person?: Person,
  body?: unknown,
) {
  const path = routeKey.replace(/\{(\w+)\}/g, (_match, name: string) => pathParameters[name]!);
  return invoke(
    handler,
    httpEvent({
      method,
      path,
      routeKey: `${method} ${routeKey}`,
      pathParameters,
      headers: person ? { authorization: `Bearer ${person.token}` } : {},
      body,
    }),
  );
}

const notify = (event: APIGatewayProxyEventV2) => invoke(notifyHandler, event);
const fund = async (cid: string) => (await send(contracts.getFund, { params: { cid } })).body;
const stock = async (cid: string, productId: string) =>
  (await send(contracts.getProduct, { params: { cid, pid: productId } })).body.stock;
const orderOf = async (cid: string, buyer: Person, orderId: string) =>
  (await send(contracts.getOrder, { params: { cid, oid: orderId }, token: buyer.token })).body;
const earnings = async (cid: string, maker: Person) =>
  (await send(contracts.listMyProducts, { params: { cid }, token: maker.token })).body.earnings;
const sentTo = (pattern: RegExp) => standIn.requests.filter((request) => pattern.test(request.path));

async function shopWithProduct(stockCount = 5) {
  const people = await timebankCommunity();
  const maker = await createMember(people.cid, ['resident', 'maker'], 'maker');
  const listed = await send(contracts.createProduct, {
    params: { cid: people.cid },
    token: maker.token,
    body: { title: '手绘团扇', description: '竹柄绢面', priceFen: 15000, stock: stockCount },
  });
  await send(contracts.approveProduct, { params: { cid: people.cid, pid: listed.body.id }, token: people.staff.token });
  return { ...people, maker, product: listed.body };
}

async function placeOrder(stockCount = 5) {
  const shop = await shopWithProduct(stockCount);
  const reply = await route(
    createOrderHandler,
    'POST',
    '/v1/communities/{cid}/orders',
    { cid: shop.cid },
    shop.resident,
    {
      items: [{ productId: shop.product.id, quantity: 1 }],
    },
  );
  if (reply.status !== 201) throw new Error(`order → ${reply.status} ${JSON.stringify(reply.body)}`);
  return { ...shop, reply, order: reply.body as unknown as OrderView };
}

const cancel = (cid: string, buyer: Person, orderId: string) =>
  route(cancelOrderHandler, 'POST', '/v1/communities/{cid}/orders/{oid}/cancel', { cid, oid: orderId }, buyer);
const payAgain = (cid: string, buyer: Person, orderId: string) =>
  route(payOrderHandler, 'POST', '/v1/communities/{cid}/orders/{oid}/pay', { cid, oid: orderId }, buyer);
const refund = (cid: string, staff: Person, orderId: string) =>
  route(refundHandler, 'POST', '/v1/communities/{cid}/orders/{oid}/refund', { cid, oid: orderId }, staff, {
    reason: '买家退货',
  });

/** Moves an unpaid order's expiry into the past, as 15 minutes passing would. */
async function overdue(cid: string, orderId: string) {
  const past = new Date(Date.now() - 60_000).toISOString();
  await documentClient().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.order(cid, orderId),
      UpdateExpression: 'SET expiresAt = :past, GSI1SK = :due',
      ExpressionAttributeValues: { ':past': past, ':due': `${past}#${cid}#${orderId}` },
    }),
  );
}

describe('WeChat Pay requests keep WeChat’s rules (the stand-in refuses what WeChat would)', () => {
  it('signs the JSAPI prepay request and returns signed payment parameters', async () => {
    const { reply, order } = await placeOrder();
    const sent = sentTo(/\/jsapi$/).at(-1);

    expect(reply.status).toBe(201);
    expect(sent).toMatchObject({ verified: true, status: 200 });
    expect(sent?.body).toMatchObject({
      appid: WECHAT_PAY_IDS.appid,
      mchid: WECHAT_PAY_IDS.mchid,
      out_trade_no: order.id,
      amount: { total: 15000, currency: 'CNY' },
    });
    expect(order.payment).toMatchObject({
      mode: 'wechat',
      signType: 'RSA',
      package: expect.stringMatching(/^prepay_id=wx/),
    });
    const payMessage = `${WECHAT_PAY_IDS.appid}\n${order.payment!.timeStamp}\n${order.payment!.nonceStr}\n${order.payment!.package}\n`;
    expect(
      createVerify('RSA-SHA256')
        .update(payMessage)
        .verify(standIn.merchant.publicKey, order.payment!.paySign!, 'base64'),
    ).toBe(true);
  });

  it('pays a monthly pledge through WeChat Pay: its out_trade_no keeps 6–32 characters (case 13)', async () => {
    const { cid, resident } = await timebankCommunity();
    // Pledges fall on days 1-28: on the 29th-31st the job is run as on the 1st of next month.
    const now = new Date();
    const runAt =
      chinaDayOfMonth(now) <= 28 ? now : new Date(Date.parse(startOfMonth(addMonths(monthOf(now), 1))) + 3600_000);
    const pledge = await send(contracts.createPledge, {
      params: { cid },
      token: resident.token,
      body: { amountFen: 2000, dayOfMonth: chinaDayOfMonth(runAt) },
    });
    await createPledgeDonations({ now: runAt.toISOString() });
    const mine = await send(contracts.listMyOrders, { params: { cid }, token: resident.token });
    const pledgeOrder = mine.body.items.find((candidate) => candidate.pledgeId === pledge.body.id)!;

    const paying = await payAgain(cid, resident, pledgeOrder.id);
    const sent = sentTo(/\/jsapi$/).at(-1);

    expect(paying).toMatchObject({ status: 200, body: { payment: { mode: 'wechat' } } });
    expect(sent).toMatchObject({ status: 200, body: { out_trade_no: pledgeOrder.id, amount: { total: 2000 } } });
    expect(pledgeOrder.id).toMatch(/^[0-9A-Za-z_\-|*]{6,32}$/);
  });

  it('keeps a donation’s message and a many-line order’s titles within description’s 127 bytes', async () => {
    const shop = await shopWithProduct();
    const titles = ['🧵'.repeat(30), '手工'.repeat(30), 'a'.repeat(60)];
    const products = await Promise.all(
      titles.map((title) =>
        send(contracts.createProduct, {
          params: { cid: shop.cid },
          token: shop.maker.token,
          body: { title, description: '长标题', priceFen: 100, stock: 2 },
        }),
      ),
    );
    for (const listed of products) {
      await send(contracts.approveProduct, { params: { cid: shop.cid, pid: listed.body.id }, token: shop.staff.token });
    }
    const order = await route(
      createOrderHandler,
      'POST',
      '/v1/communities/{cid}/orders',
      { cid: shop.cid },
      shop.resident,
      {
        items: products.map((listed) => ({ productId: listed.body.id, quantity: 1 })),
      },
    );
    const orderSent = sentTo(/\/jsapi$/).at(-1);
    const donation = await route(
      donateHandler,
      'POST',
      '/v1/communities/{cid}/fund/donations',
      { cid: shop.cid },
      shop.resident,
      {
        amountFen: 1,
        message: '给孩子们买书'.repeat(16).slice(0, 99) + '😀',
      },
    );
    const donationSent = sentTo(/\/jsapi$/).at(-1);

    expect(order.status).toBe(201);
    expect(orderSent?.status).toBe(200);
    expect(Buffer.byteLength(String(orderSent?.body?.description), 'utf8')).toBeLessThanOrEqual(127);
    expect(donation.status).toBe(201);
    expect(donationSent?.status).toBe(200);
    expect(Buffer.byteLength(String(donationSent?.body?.description), 'utf8')).toBeLessThanOrEqual(127);
  });
});

describe('WeChat Pay replies are verified before they are believed (case 14)', () => {
  const faults: ReplyFault[] = ['unsigned', 'wrong_key', 'stale_timestamp', 'unknown_serial', 'altered_body'];

  it.each(faults)('refuses a prepay reply that is %s with a retryable 503; the order stays payable', async (fault) => {
    const shop = await shopWithProduct();
    standIn.fault(/\/jsapi$/, fault);
    const first = await route(
      createOrderHandler,
      'POST',
      '/v1/communities/{cid}/orders',
      { cid: shop.cid },
      shop.resident,
      {
        items: [{ productId: shop.product.id, quantity: 1 }],
      },
    );
    const mine = await send(contracts.listMyOrders, { params: { cid: shop.cid }, token: shop.resident.token });
    const placed = mine.body.items[0]!;
    const retried = await payAgain(shop.cid, shop.resident, placed.id);

    expect(first).toMatchObject({ status: 503, body: { error: { code: 'payment.provider_unverified' } } });
    expect(placed.status).toBe('pending_payment');
    expect(retried).toMatchObject({ status: 200, body: { payment: { mode: 'wechat' } } });
  });

  it('refuses an unverified refund reply: the books record the refund as requested and a retry sends it', async () => {
    const { cid, staff, resident, order } = await placeOrder();
    await notify(standIn.paymentNotification(standIn.pay(order.id)));
    standIn.fault(/\/refunds$/, 'unsigned');

    const first = await refund(cid, staff, order.id);
    const between = await orderOf(cid, resident, order.id);
    const second = await refund(cid, staff, order.id);
    const third = await refund(cid, staff, order.id);
    const page = await fund(cid);

    expect(first).toMatchObject({ status: 503, body: { error: { code: 'payment.provider_unverified' } } });
    expect(between).toMatchObject({ status: 'refunded', refund: { status: 'requested' } });
    expect(second).toMatchObject({ status: 200, body: { status: 'refunded', refund: { status: 'processing' } } });
    expect(third).toMatchObject({ status: 409, body: { error: { code: 'shop.order_not_refundable' } } });
    expect([...standIn.refunds.values()].filter((made) => made.out_trade_no === order.id)).toHaveLength(1);
    expect(page).toMatchObject({ balanceFen: 0, entryCount: 2 });
  });

  it('refuses an unverified close reply: the order stays pending, and cancelling again works', async () => {
    const { cid, resident, product, order } = await placeOrder();
    standIn.fault(/\/close$/, 'wrong_key');

    const first = await cancel(cid, resident, order.id);
    const between = await orderOf(cid, resident, order.id);
    const stockBetween = await stock(cid, product.id);
    const second = await cancel(cid, resident, order.id);

    expect(first).toMatchObject({ status: 503, body: { error: { code: 'payment.provider_unverified' } } });
    expect(between.status).toBe('pending_payment');
    expect(stockBetween).toBe(4);
    expect(second).toMatchObject({ status: 200, body: { status: 'cancelled' } });
    expect(await stock(cid, product.id)).toBe(5);
  });
});

describe('every WeChat order state against every state of ours (case 5 and its kind)', () => {
  it('cancelling closes the WeChat order first; a payment that still arrives is refunded and acknowledged', async () => {
    const { cid, resident, maker, product, order } = await placeOrder();

    const cancelled = await cancel(cid, resident, order.id);
    const close = sentTo(new RegExp(`/out-trade-no/${order.id}/close$`));
    const lateTransaction = standIn.pay(order.id, { slippedPastClose: true });
    const first = await notify(standIn.paymentNotification(lateTransaction));
    const refundsAfterFirst = sentTo(/\/refunds$/).length;
    const retries = [];
    for (let index = 0; index < 5; index += 1) retries.push(await notify(standIn.paymentNotification(lateTransaction)));
    const after = await orderOf(cid, resident, order.id);
    const made = [...standIn.refunds.values()].filter(
      (candidate) => candidate.transaction_id === lateTransaction.transaction_id,
    );

    expect(cancelled).toMatchObject({ status: 200, body: { status: 'cancelled' } });
    expect(close).toEqual([
      expect.objectContaining({ method: 'POST', verified: true, status: 204, body: { mchid: WECHAT_PAY_IDS.mchid } }),
    ]);
    expect(first.status).toBe(200);
    expect(retries.map((reply) => reply.status)).toEqual([200, 200, 200, 200, 200]);
    expect(sentTo(/\/refunds$/).length).toBe(refundsAfterFirst);
    expect(made).toEqual([expect.objectContaining({ refund: 15000, total: 15000 })]);
    expect(after).toMatchObject({
      status: 'cancelled',
      returnedPayment: { transactionId: lateTransaction.transaction_id, amountFen: 15000, status: 'processing' },
    });
    expect(after.paymentReference).toBeUndefined();
    expect(await fund(cid)).toMatchObject({ balanceFen: 0, entryCount: 0 });
    expect(await earnings(cid, maker)).toMatchObject({ salesFen: 0, earningsFen: 0 });
    expect(await stock(cid, product.id)).toBe(5);
  });

  it('the expiry job closes the WeChat order too; a late payment is refunded once however often it is delivered', async () => {
    const { cid, resident, product, order } = await placeOrder();
    await overdue(cid, order.id);

    await expireUnpaidOrders();
    const expired = await orderOf(cid, resident, order.id);
    const lateTransaction = standIn.pay(order.id, { slippedPastClose: true });
    const deliveries = await Promise.all(
      Array.from({ length: 8 }, () => notify(standIn.paymentNotification(lateTransaction))),
    );
    const outRefundNos = new Set(
      sentTo(/\/refunds$/)
        .filter((request) => request.body?.transaction_id === lateTransaction.transaction_id)
        .map((request) => request.body?.out_refund_no),
    );
    const returned = (await orderOf(cid, resident, order.id)).returnedPayment!;
    const settled = await notify(standIn.refundNotification(returned.outRefundNo, 'SUCCESS'));
    const settledAgain = await notify(standIn.refundNotification(returned.outRefundNo, 'SUCCESS'));
    const lateAgain = await notify(standIn.paymentNotification(lateTransaction));

    expect(expired.status).toBe('expired');
    expect(standIn.orders.get(order.id)?.trade_state).not.toBe('NOTPAY');
    expect(sentTo(new RegExp(`/out-trade-no/${order.id}/close$`))).toHaveLength(1);
    expect(deliveries.map((reply) => reply.status)).toEqual(Array(8).fill(200));
    expect(outRefundNos.size).toBe(1);
    expect([...standIn.refunds.values()].filter((made) => made.out_trade_no === order.id)).toHaveLength(1);
    expect(settled.status).toBe(200);
    expect(settledAgain.status).toBe(200);
    expect(lateAgain.status).toBe(200);
    expect(await orderOf(cid, resident, order.id)).toMatchObject({
      status: 'expired',
      returnedPayment: { status: 'success' },
    });
    expect(await fund(cid)).toMatchObject({ balanceFen: 0, entryCount: 0 });
    expect(await stock(cid, product.id)).toBe(5);
  });

  it('a failed close leaves our order open (cancel answers 503, the job tries again next run)', async () => {
    const { cid, resident, product, order } = await placeOrder();
    await overdue(cid, order.id);

    standIn.fault(new RegExp(`/${order.id}/close$`), 'server_error');
    const cancelFailed = await cancel(cid, resident, order.id);
    standIn.fault(new RegExp(`/${order.id}/close$`), 'server_error');
    await expireUnpaidOrders();
    const afterFailedRun = await orderOf(cid, resident, order.id);
    const stockWhileOpen = await stock(cid, product.id);
    await expireUnpaidOrders();

    expect(cancelFailed).toMatchObject({ status: 503, body: { error: { code: 'payment.unavailable' } } });
    expect(afterFailedRun.status).toBe('pending_payment');
    expect(stockWhileOpen).toBe(4);
    expect((await orderOf(cid, resident, order.id)).status).toBe('expired');
    expect(await stock(cid, product.id)).toBe(5);
  });

  it('a payment whose notification never came is found when closing: the order is paid, not cancelled or expired', async () => {
    const first = await placeOrder();
    const second = await placeOrder();
    standIn.pay(first.order.id);
    standIn.pay(second.order.id);
    await overdue(second.cid, second.order.id);

    const cancelPaid = await cancel(first.cid, first.resident, first.order.id);
    await expireUnpaidOrders();

    expect(cancelPaid).toMatchObject({ status: 409, body: { error: { code: 'shop.order_not_cancellable' } } });
    expect(await orderOf(first.cid, first.resident, first.order.id)).toMatchObject({ status: 'paid' });
    expect(await orderOf(second.cid, second.resident, second.order.id)).toMatchObject({ status: 'paid' });
    expect((await fund(first.cid)).balanceFen).toBe(3000);
    expect((await fund(second.cid)).balanceFen).toBe(3000);
    expect(sentTo(/\/refunds$/).filter((request) => request.body?.out_trade_no === first.order.id)).toHaveLength(0);
  });

  it('a payment WeChat is already refunding (REFUND) holds nothing open: cancel and expiry close ours, crediting nothing', async () => {
    const first = await placeOrder();
    const second = await placeOrder();
    for (const { order } of [first, second]) {
      standIn.pay(order.id);
      // Refunded at WeChat — on the merchant platform, outside Linli — before any notification came.
      standIn.orders.get(order.id)!.trade_state = 'REFUND';
    }
    await overdue(second.cid, second.order.id);

    const cancelled = await cancel(first.cid, first.resident, first.order.id);
    await expireUnpaidOrders();

    expect(cancelled).toMatchObject({ status: 200, body: { status: 'cancelled' } });
    expect((await orderOf(second.cid, second.resident, second.order.id)).status).toBe('expired');
    for (const shop of [first, second]) {
      expect(await stock(shop.cid, shop.product.id)).toBe(5);
      expect(await fund(shop.cid)).toMatchObject({ balanceFen: 0, entryCount: 0 });
    }
  });

  it('does not cancel while the payer is entering the password', async () => {
    const { cid, resident, order } = await placeOrder();
    standIn.startPaying(order.id);

    const refused = await cancel(cid, resident, order.id);

    expect(refused).toMatchObject({ status: 409, body: { error: { code: 'shop.payment_in_progress' } } });
    expect((await orderOf(cid, resident, order.id)).status).toBe('pending_payment');
  });

  it('credits exactly once for 20 duplicate notifications and rejects a forged one', async () => {
    const { cid, resident, order } = await placeOrder();
    const genuine = standIn.pay(order.id);

    const forged = await notify(standIn.paymentNotification(genuine, { signer: standIn.merchant.privateKey }));
    const duplicates = await Promise.all(
      Array.from({ length: 20 }, () => notify(standIn.paymentNotification(genuine))),
    );
    const paid = await orderOf(cid, resident, order.id);

    expect(forged).toMatchObject({ status: 401, body: { error: { code: 'payment.notification_rejected' } } });
    expect(duplicates.map((reply) => reply.status)).toEqual(Array(20).fill(200));
    expect(await fund(cid)).toMatchObject({ balanceFen: 3000, entryCount: 1 });
    expect(paid).toMatchObject({ status: 'paid', paymentReference: genuine.transaction_id });
    expect(sentTo(/\/refunds$/).filter((request) => request.body?.out_trade_no === order.id)).toHaveLength(0);
  });

  it.each([
    ['a stale timestamp', {}, { timestamp: Math.floor(Date.now() / 1000) - 3600 }],
    ['an unknown serial', {}, { serial: 'SOMEONE-ELSE' }],
    ['a body changed after signing', {}, { tamper: (body: string) => body.replace('支付成功', '支付失败') }],
    ['another APIv3 key', {}, { key: 'x'.repeat(32) }],
    ['another merchant', { mchid: '1999999999' }, {}],
    ['another app', { appid: 'wx-someone-else' }, {}],
    ['another currency', { amount: { total: 15000, payer_total: 15000, currency: 'USD', payer_currency: 'USD' } }, {}],
  ])('rejects %s and credits nothing', async (_case, overrides, options) => {
    const { cid, resident, order } = await placeOrder();
    const transaction = { ...standIn.pay(order.id), ...overrides };

    const reply = await notify(standIn.paymentNotification(transaction, options));

    expect(reply.status).toBeGreaterThanOrEqual(400);
    expect(reply.status).toBeLessThan(500);
    expect((await fund(cid)).balanceFen).toBe(0);
    expect((await orderOf(cid, resident, order.id)).status).toBe('pending_payment');
  });

  it('returns a genuine payment of another amount instead of crediting it, and closes the order', async () => {
    const { cid, resident, product, order } = await placeOrder();
    const transaction = standIn.pay(order.id, { amountFen: 1 });

    const reply = await notify(standIn.paymentNotification(transaction));
    const again = await notify(standIn.paymentNotification(transaction));

    expect(reply.status).toBe(200);
    expect(again.status).toBe(200);
    expect(await orderOf(cid, resident, order.id)).toMatchObject({
      status: 'cancelled',
      returnedPayment: { amountFen: 1, transactionId: transaction.transaction_id },
    });
    expect([...standIn.refunds.values()].filter((made) => made.out_trade_no === order.id)).toEqual([
      expect.objectContaining({ refund: 1, total: 1 }),
    ]);
    expect((await fund(cid)).balanceFen).toBe(0);
    expect(await stock(cid, product.id)).toBe(5);
  });

  it('ignores a notification that is not a success, and one for an order already refunded', async () => {
    const { cid, staff, resident, order } = await placeOrder();
    const transaction = standIn.pay(order.id);
    await notify(standIn.paymentNotification(transaction));
    await refund(cid, staff, order.id);
    const refundsBefore = sentTo(/\/refunds$/).length;

    const afterRefund = await notify(standIn.paymentNotification(transaction));
    const notSuccess = await notify(standIn.paymentNotification({ ...transaction, trade_state: 'PAYERROR' }));

    expect(afterRefund.status).toBe(200);
    expect(notSuccess.status).toBe(200);
    expect(sentTo(/\/refunds$/).length).toBe(refundsBefore);
    expect((await orderOf(cid, resident, order.id)).status).toBe('refunded');
    expect(await fund(cid)).toMatchObject({ balanceFen: 0, entryCount: 2 });
  });
});

describe('a notification delivered again in any later state gets 200 and changes nothing', () => {
  /** Everything a notification could change: the order, the fund, the maker's account, the stock, WeChat refunds. */
  async function snapshot(shop: Awaited<ReturnType<typeof placeOrder>>) {
    const order = await orderOf(shop.cid, shop.resident, shop.order.id);
    return {
      order,
      fund: await fund(shop.cid),
      maker: await earnings(shop.cid, shop.maker),
      stock: await stock(shop.cid, shop.product.id),
      refunds: [...standIn.refunds.values()].filter((made) => made.out_trade_no === shop.order.id).length,
    };
  }

  it('paid → ready for pickup → completed → refunded (PROCESSING → SUCCESS): after each step, both notifications again', async () => {
    const shop = await placeOrder();
    const { cid, staff, order } = shop;
    const transaction = standIn.pay(order.id);
    await notify(standIn.paymentNotification(transaction));
    const fulfil = (status: BodyOf<typeof contracts.fulfilOrder>['status']) =>
      send(contracts.fulfilOrder, { params: { cid, oid: order.id }, token: staff.token, body: { status } });
    const steps: [string, () => Promise<unknown>][] = [
      ['paid', async () => undefined],
      ['ready_for_pickup', () => fulfil('ready_for_pickup')],
      ['completed', () => fulfil('completed')],
      ['refunded', () => refund(cid, staff, order.id)],
      [
        'refund succeeded',
        () => notify(standIn.refundNotification(String(sentTo(/\/refunds$/).at(-1)?.body?.out_refund_no), 'SUCCESS')),
      ],
    ];
    const seen: { step: string; statuses: number[]; unchanged: boolean }[] = [];

    for (const [step, act] of steps) {
      await act();
      const before = await snapshot(shop);
      const replies = [await notify(standIn.paymentNotification(transaction))];
      if (before.order.refund?.status === 'success') {
        replies.push(await notify(standIn.refundNotification(before.order.refund.outRefundNo, 'SUCCESS')));
      }
      const after = await snapshot(shop);
      seen.push({
        step,
        statuses: replies.map((reply) => reply.status),
        unchanged: JSON.stringify(after) === JSON.stringify(before),
      });
    }

    expect(seen).toEqual([
      { step: 'paid', statuses: [200], unchanged: true },
      { step: 'ready_for_pickup', statuses: [200], unchanged: true },
      { step: 'completed', statuses: [200], unchanged: true },
      { step: 'refunded', statuses: [200], unchanged: true },
      { step: 'refund succeeded', statuses: [200, 200], unchanged: true },
    ]);
    expect((await snapshot(shop)).order).toMatchObject({ status: 'refunded', refund: { status: 'success' } });
  });

  it.each([
    ['cancelled', (shop: Awaited<ReturnType<typeof placeOrder>>) => cancel(shop.cid, shop.resident, shop.order.id)],
    [
      'expired',
      async (shop: Awaited<ReturnType<typeof placeOrder>>) => {
        await overdue(shop.cid, shop.order.id);
        await expireUnpaidOrders();
      },
    ],
  ])('%s, then a late payment: refunded once; then every notification again changes nothing', async (state, close) => {
    const shop = await placeOrder();
    await close(shop);
    const transaction = standIn.pay(shop.order.id, { slippedPastClose: true });
    await notify(standIn.paymentNotification(transaction));
    const returned = await snapshot(shop);
    const refundNotice = standIn.refundNotification(returned.order.returnedPayment!.outRefundNo, 'SUCCESS');
    await notify(refundNotice);
    const settled = await snapshot(shop);

    const again = [
      await notify(standIn.paymentNotification(transaction)),
      await notify(standIn.refundNotification(returned.order.returnedPayment!.outRefundNo, 'SUCCESS')),
      await notify(standIn.paymentNotification(transaction)),
    ];

    expect(returned.order).toMatchObject({ status: state, returnedPayment: { status: 'processing' } });
    expect(settled.order).toMatchObject({ status: state, returnedPayment: { status: 'success' } });
    expect(again.map((reply) => reply.status)).toEqual([200, 200, 200]);
    expect(await snapshot(shop)).toEqual(settled);
    expect(settled).toMatchObject({
      refunds: 1,
      stock: 5,
      fund: { balanceFen: 0, entryCount: 0 },
      maker: { earningsFen: 0 },
    });
  });
});

describe('no genuine notification can cause a 500', () => {
  it.each([
    ['a resource that is null', 'TRANSACTION.SUCCESS', null, 401],
    ['a resource that is a list', 'TRANSACTION.SUCCESS', [1, 2], 401],
    ['a success without an order number', 'TRANSACTION.SUCCESS', { trade_state: 'SUCCESS', attach: 'demo' }, 401],
    [
      'a refund with a status named like an object property',
      'REFUND.SUCCESS',
      { mchid: WECHAT_PAY_IDS.mchid, out_refund_no: 'rf1', refund_status: 'constructor' },
      200,
    ],
    [
      'a refund Linli never made',
      'REFUND.SUCCESS',
      { mchid: WECHAT_PAY_IDS.mchid, out_refund_no: 'x'.repeat(2000), refund_status: 'SUCCESS' },
      200,
    ],
    [
      'a refund for another merchant',
      'REFUND.SUCCESS',
      { mchid: '1999999999', out_refund_no: 'rf1', refund_status: 'SUCCESS' },
      401,
    ],
    ['an event Linli does not use', 'TRANSACTION.CLOSED', { trade_state: 'CLOSED' }, 200],
  ])('%s → %i', async (_case, eventType, resource, status) => {
    const reply = await notify(standIn.genuineNotification(eventType, resource));

    expect(reply.status).toBe(status);
  });
});

describe('refunds through WeChat Pay: PROCESSING, then the refund notification', () => {
  it('refunds through the signed refund API, then follows REFUND.SUCCESS; repeats change nothing', async () => {
    const { cid, staff, resident, order } = await placeOrder();
    await notify(standIn.paymentNotification(standIn.pay(order.id)));

    const reply = await refund(cid, staff, order.id);
    const sent = sentTo(/\/refunds$/).at(-1);
    const outRefundNo = String(sent?.body?.out_refund_no);
    const success = await notify(standIn.refundNotification(outRefundNo, 'SUCCESS'));
    const repeated = await notify(standIn.refundNotification(outRefundNo, 'SUCCESS'));

    expect(reply).toMatchObject({ status: 200, body: { status: 'refunded', refund: { status: 'processing' } } });
    expect(sent).toMatchObject({
      verified: true,
      status: 200,
      body: {
        out_trade_no: order.id,
        notify_url: process.env.WECHAT_PAY_NOTIFY_URL,
        amount: { refund: 15000, total: 15000, currency: 'CNY' },
      },
    });
    expect(outRefundNo).toMatch(/^[0-9A-Za-z_\-|*@]{1,64}$/);
    expect(success.status).toBe(200);
    expect(repeated.status).toBe(200);
    expect(await orderOf(cid, resident, order.id)).toMatchObject({ status: 'refunded', refund: { status: 'success' } });
    expect((await fund(cid)).balanceFen).toBe(0);
  });

  it('shows a refund WeChat could not deliver (REFUND.ABNORMAL) on the order for the office', async () => {
    const { cid, staff, order } = await placeOrder();
    await notify(standIn.paymentNotification(standIn.pay(order.id)));
    await refund(cid, staff, order.id);
    const outRefundNo = String(sentTo(/\/refunds$/).at(-1)?.body?.out_refund_no);

    const abnormal = await notify(standIn.refundNotification(outRefundNo, 'ABNORMAL'));
    const office = await send(contracts.listOrders, {
      params: { cid },
      query: { status: 'refunded' },
      token: staff.token,
    });

    expect(abnormal.status).toBe(200);
    expect(office.body.items).toEqual([
      expect.objectContaining({ id: order.id, refund: expect.objectContaining({ status: 'abnormal' }) }),
    ]);
  });
});
