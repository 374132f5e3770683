import { addMonths, contracts, monthOf, startOfMonth } from '@linli/shared';
import type { BodyOf, DonationRequest, Pledge } from '@linli/shared';
import { verifyChain } from '../../functions/src/domain/fund/chain';
import { handler as createPledgeDonations } from '../../functions/src/jobs/create-pledge-donations';
import { chinaDayOfMonth } from '../../functions/src/domain/fund/pledges';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { handler as expireUnpaidOrders } from '../../functions/src/jobs/expire-unpaid-orders';
import type { FundStore } from '../../functions/src/domain/fund/ports';
import { refundOrder } from '../../functions/src/domain/shop/fulfilment';
import type { ShopStore } from '../../functions/src/domain/shop/ports';
import { stores } from '../../functions/src/wiring';
import type { AppError } from '../../functions/src/lib/errors';
import { keys } from '../../functions/src/store/keys';
import { documentClient, send } from '../support/api';
import { createMember, tableName } from '../support/factories';
import { timebankCommunity } from '../support/timebank';

type Person = { token: string; userId: string };
type FulfilStatus = BodyOf<typeof contracts.fulfilOrder>['status'];

async function paidSale(stock = 3) {
  const people = await timebankCommunity();
  const { cid, staff, resident } = people;
  const maker = await createMember(cid, ['resident', 'maker'], 'maker');
  const listed = await send(contracts.createProduct, {
    params: { cid },
    token: maker.token,
    body: { title: '手工被子', description: '棉花被', priceFen: 15000, stock },
  });
  await send(contracts.approveProduct, { params: { cid, pid: listed.body.id }, token: staff.token });
  const order = await send(contracts.createOrder, {
    params: { cid },
    token: resident.token,
    body: { items: [{ productId: listed.body.id, quantity: 1 }] },
  });
  await send(contracts.devPayOrder, { params: { cid, oid: order.body.id }, token: resident.token });
  return { ...people, maker, product: listed.body, order: order.body };
}

const fund = async (cid: string) => (await send(contracts.getFund, { params: { cid } })).body;
const stock = async (cid: string, productId: string) =>
  (await send(contracts.getProduct, { params: { cid, pid: productId } })).body.stock;
const earnings = async (cid: string, maker: Person) =>
  (await send(contracts.listMyProducts, { params: { cid }, token: maker.token })).body.earnings;

describe('orders after sale', () => {
  it('cancels only unpaid orders, by their buyer, returning the stock', async () => {
    const { cid, staff, resident, product } = await paidSale();
    const unpaid = await send(contracts.createOrder, {
      params: { cid },
      token: resident.token,
      body: { items: [{ productId: product.id, quantity: 2 }] },
    });

    const byOther = await send(contracts.cancelOrder, { params: { cid, oid: unpaid.body.id }, token: staff.token });
    const payAgain = await send(contracts.payOrder, { params: { cid, oid: unpaid.body.id }, token: resident.token });
    const stockBefore = await stock(cid, product.id);
    const cancelled = await send(contracts.cancelOrder, {
      params: { cid, oid: unpaid.body.id },
      token: resident.token,
    });
    const payCancelled = await send(contracts.payOrder, {
      params: { cid, oid: unpaid.body.id },
      token: resident.token,
    });

    expect(byOther.status).toBe(403);
    expect(payAgain).toMatchObject({ status: 200, body: { payment: { mode: 'dev' } } });
    expect(payCancelled.status).toBe(409);
    expect(stockBefore).toBe(0);
    expect(cancelled.body.status).toBe('cancelled');
    expect(await stock(cid, product.id)).toBe(2);
  });

  it('moves a paid order through fulfilment, recording who', async () => {
    const { cid, staff, resident, order } = await paidSale();
    const fulfil = (person: Person, status: FulfilStatus) =>
      send(contracts.fulfilOrder, { params: { cid, oid: order.id }, token: person.token, body: { status } });

    const byResident = await fulfil(resident, 'completed');
    const ready = await fulfil(staff, 'ready_for_pickup');
    const shippedAfterReady = await fulfil(staff, 'shipped');
    const completed = await fulfil(staff, 'completed');
    const cancelPaid = await send(contracts.cancelOrder, { params: { cid, oid: order.id }, token: resident.token });
    const office = await send(contracts.listOrders, {
      params: { cid },
      query: { status: 'completed' },
      token: staff.token,
    });

    expect(byResident.status).toBe(403);
    expect(ready.body).toMatchObject({ status: 'ready_for_pickup', fulfilledBy: staff.userId });
    expect(shippedAfterReady.status).toBe(409);
    expect(completed.body.status).toBe('completed');
    expect(cancelPaid.status).toBe(409);
    expect(office.body.items.map((item) => item.id)).toEqual([order.id]);
  });

  it('refunds: the maker’s earnings and the fund’s share are reversed together, in the chain', async () => {
    const { cid, staff, resident, maker, product, order } = await paidSale();

    const refunded = await send(contracts.refundOrder, {
      params: { cid, oid: order.id },
      token: staff.token,
      body: { reason: '买家退货' },
    });
    const again = await send(contracts.refundOrder, {
      params: { cid, oid: order.id },
      token: staff.token,
      body: { reason: 'x' },
    });
    const page = await fund(cid);

    expect(refunded.body).toMatchObject({ status: 'refunded', refundedBy: staff.userId });
    expect(again.status).toBe(409);
    expect(page).toMatchObject({ balanceFen: 0, incomeFen: 3000, expenseFen: 3000, entryCount: 2 });
    expect(page.entries[0]).toMatchObject({ kind: 'refund', amountFen: -3000 });
    expect(verifyChain([...page.entries].reverse())).toEqual({ intact: true });
    expect(await earnings(cid, maker)).toMatchObject({ salesFen: 0, earningsFen: 0 });
    expect(await stock(cid, product.id)).toBe(3);
    expect(
      (await send(contracts.getOrder, { params: { cid, oid: order.id }, token: resident.token })).body.status,
    ).toBe('refunded');
  });

  it('a refund that loses the race to another refund of the order is told so, not that the fund is short', async () => {
    const { cid, staff, otherStaff, order } = await paidSale();
    const [shop, fund] = [stores.shop(), stores.fund()];
    const refund = (actorId: string, dependencies: { shop: ShopStore; fund: FundStore }) =>
      refundOrder({ communityId: cid, orderId: order.id, actorId, reason: '退货', wechatPay: false }, dependencies);
    // The second refund reads the order (paid); the first commits before it reads the fund, which
    // held just this order's share.
    let raced = false;
    const racingFund: FundStore = Object.assign(Object.create(fund) as FundStore, {
      getHead: async (communityId: string) => {
        if (!raced) {
          raced = true;
          await refund(staff.userId, { shop, fund });
        }
        return fund.getHead(communityId);
      },
    });

    const second = await refund(otherStaff.userId, { shop, fund: racingFund }).catch((error: AppError) => error);

    expect(second).toMatchObject({ code: 'shop.order_not_refundable' });
    expect(await fund.getHead(cid)).toMatchObject({ balanceFen: 0, sequence: 2 });
  });

  it('refuses a refund the fund can no longer cover', async () => {
    const { cid, staff, otherStaff, order } = await paidSale();
    const spend = await send(contracts.submitFundExpense, {
      params: { cid },
      token: staff.token,
      body: { amountFen: 3000, purpose: '慰问', category: 'elderly_care' },
    });
    await send(contracts.approveFundExpense, { params: { cid, id: spend.body.id }, token: otherStaff.token });

    const refund = await send(contracts.refundOrder, {
      params: { cid, oid: order.id },
      token: staff.token,
      body: { reason: '退货' },
    });

    expect(refund).toMatchObject({ status: 409, body: { error: { code: 'fund.insufficient_balance' } } });
    expect((await fund(cid)).balanceFen).toBe(0);
  });

  it('refunds a sale already paid out to its maker: the maker’s debt shows and is netted from the next payout (case 6)', async () => {
    const { cid, staff, resident, maker, product, order } = await paidSale();
    const payout = (amountFen: number) =>
      send(contracts.recordPayout, {
        params: { cid, memberId: maker.userId },
        token: staff.token,
        body: { amountFen, note: '结算' },
      });
    const makersList = async () =>
      (await send(contracts.listMakers, { params: { cid }, token: staff.token })).body.items;
    const sell = async () => {
      const next = await send(contracts.createOrder, {
        params: { cid },
        token: resident.token,
        body: { items: [{ productId: product.id, quantity: 1 }] },
      });
      await send(contracts.devPayOrder, { params: { cid, oid: next.body.id }, token: resident.token });
    };

    const paidOut = await payout(12000);
    const refunded = await send(contracts.refundOrder, {
      params: { cid, oid: order.id },
      token: staff.token,
      body: { reason: '买家退货' },
    });
    const afterRefund = await earnings(cid, maker);
    const officeView = await makersList();
    const payoutWhileOwing = await payout(1);
    await sell();
    const afterOneSale = await earnings(cid, maker);
    await sell();
    const afterTwoSales = await earnings(cid, maker);
    const tooMuch = await payout(12001);
    const netted = await payout(12000);
    const inbox = await send(contracts.listMyNotifications, { token: maker.token });

    expect(paidOut.status).toBe(201);
    expect(refunded.status).toBe(200);
    expect(afterRefund).toMatchObject({ earningsFen: 0, paidOutFen: 12000, owedFen: 0, debtFen: 12000 });
    expect(officeView).toEqual([expect.objectContaining({ makerId: maker.userId, debtFen: 12000, owedFen: 0 })]);
    expect(payoutWhileOwing).toMatchObject({ status: 409, body: { error: { code: 'shop.payout_exceeds_balance' } } });
    expect(afterOneSale).toMatchObject({ earningsFen: 12000, paidOutFen: 12000, owedFen: 0, debtFen: 0 });
    expect(afterTwoSales).toMatchObject({ earningsFen: 24000, paidOutFen: 12000, owedFen: 12000, debtFen: 0 });
    expect(tooMuch.status).toBe(409);
    expect(netted.status).toBe(201);
    expect(inbox.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'order_status', body: expect.stringContaining('120.00') }),
      ]),
    );
  });

  it('keeps every maker’s figures consistent: paid out never exceeds earnings without the difference shown as debt', async () => {
    const { cid, staff, maker, order } = await paidSale();
    await send(contracts.recordPayout, {
      params: { cid, memberId: maker.userId },
      token: staff.token,
      body: { amountFen: 5000, note: '部分结算' },
    });
    await send(contracts.refundOrder, { params: { cid, oid: order.id }, token: staff.token, body: { reason: '退货' } });

    const figures = await earnings(cid, maker);

    expect(figures).toMatchObject({ earningsFen: 0, paidOutFen: 5000, owedFen: 0, debtFen: 5000 });
    expect(figures.earningsFen - figures.paidOutFen).toBe(figures.owedFen - figures.debtFen);
  });

  it('pays makers out, never more than they are owed', async () => {
    const { cid, staff, maker } = await paidSale();
    const payout = (amountFen: number) =>
      send(contracts.recordPayout, {
        params: { cid, memberId: maker.userId },
        token: staff.token,
        body: { amountFen, note: '十一月结算' },
      });

    const first = await payout(5000);
    const tooMuch = await payout(8000);
    const byMaker = await send(contracts.recordPayout, {
      params: { cid, memberId: maker.userId },
      token: maker.token,
      body: { amountFen: 1, note: 'x' },
    });
    const makers = await send(contracts.listMakers, { params: { cid }, token: staff.token });

    expect(first.body).toMatchObject({ amountFen: 5000 });
    expect(first.status).toBe(201);
    expect(tooMuch).toMatchObject({ status: 409, body: { error: { code: 'shop.payout_exceeds_balance' } } });
    expect(byMaker.status).toBe(403);
    expect(makers.body.items).toEqual([
      expect.objectContaining({ makerId: maker.userId, earningsFen: 12000, paidOutFen: 5000 }),
    ]);
  });
});

describe('donations and pledges', () => {
  it('takes one-off donations wholly into the fund, naming the donor only when they choose it', async () => {
    const { cid, resident } = await timebankCommunity();
    const donate = (body: DonationRequest) => send(contracts.donate, { params: { cid }, token: resident.token, body });

    const anonymous = await donate({ amountFen: 5000 });
    const named = await donate({ amountFen: 1000, message: '给孩子们买书', publishName: true });
    for (const order of [anonymous.body, named.body]) {
      await send(contracts.devPayOrder, { params: { cid, oid: order.id }, token: resident.token });
    }
    const page = await fund(cid);

    expect(anonymous).toMatchObject({
      status: 201,
      body: { kind: 'donation', totalFen: 5000, payment: { mode: 'dev' } },
    });
    expect(page.balanceFen).toBe(6000);
    expect(page.entries.map((entry) => [entry.kind, entry.amountFen, page.donors[entry.id]])).toEqual([
      ['donation', 1000, expect.stringContaining('resident')],
      ['donation', 5000, undefined],
    ]);
    expect(verifyChain([...page.entries].reverse())).toEqual({ intact: true });
    // The choice is the donor's donor_name_public consent, with its time; withdrawing it takes the name off.
    const consents = await send(contracts.listMyConsents, { token: resident.token });
    expect(consents.body.items).toEqual([expect.objectContaining({ kind: 'donor_name_public' })]);
    await send(contracts.withdrawConsent, { params: { kind: 'donor_name_public' }, token: resident.token });
    const after = await fund(cid);
    expect(after.donors).toEqual({});
    expect(after.latestHash).toBe(page.latestHash);
    expect(verifyChain([...after.entries].reverse())).toEqual({ intact: true });
    expect(page.entries[0]?.description).toBe('给孩子们买书');
  });

  it('creates each month’s pledge donation once, notifies the donor, and pays into the fund', async () => {
    const { cid, resident, staff } = await timebankCommunity();
    // Pledges fall on days 1-28: on the 29th-31st the job is run as on the 1st of next month.
    const now = new Date();
    const runAt =
      chinaDayOfMonth(now) <= 28 ? now : new Date(Date.parse(startOfMonth(addMonths(monthOf(now), 1))) + 3600_000);
    const pledge = await send(contracts.createPledge, {
      params: { cid },
      token: resident.token,
      body: { amountFen: 2000, dayOfMonth: chinaDayOfMonth(runAt) },
    });

    const first = await createPledgeDonations({ now: runAt.toISOString() });
    const second = await createPledgeDonations({ now: runAt.toISOString() });
    const inbox = await send(contracts.listMyNotifications, { token: resident.token });
    const orders = await send(contracts.listMyOrders, { params: { cid }, token: resident.token });
    const pledgeOrder = orders.body.items.find((order) => order.pledgeId === pledge.body.id);
    if (pledgeOrder) await send(contracts.devPayOrder, { params: { cid, oid: pledgeOrder.id }, token: resident.token });
    const byOther = await send(contracts.changePledge, {
      params: { cid, pledgeId: pledge.body.id },
      token: staff.token,
      body: { action: 'pause' },
    });
    const paused = await send(contracts.changePledge, {
      params: { cid, pledgeId: pledge.body.id },
      token: resident.token,
      body: { action: 'pause' },
    });
    const cancelled = await send(contracts.changePledge, {
      params: { cid, pledgeId: pledge.body.id },
      token: resident.token,
      body: { action: 'cancel' },
    });
    const resumeCancelled = await send(contracts.changePledge, {
      params: { cid, pledgeId: pledge.body.id },
      token: resident.token,
      body: { action: 'resume' },
    });

    expect(pledge).toMatchObject({ status: 201, body: { status: 'active', amountFen: 2000 } });
    expect(first.created).toBeGreaterThanOrEqual(1);
    expect(second.created).toBe(0);
    expect(inbox.body.items).toEqual([expect.objectContaining({ kind: 'pledge_due', orderId: pledgeOrder?.id })]);
    expect((await fund(cid)).entries[0]).toMatchObject({ kind: 'pledge', amountFen: 2000 });
    expect(byOther.status).toBe(403);
    expect(paused.body.status).toBe('paused');
    expect(cancelled.body.status).toBe('cancelled');
    expect(resumeCancelled.status).toBe(409);
  });

  it('catches up a pledge day the daily job missed, this month only, and not for a pledge made after its day', async () => {
    const { cid, resident } = await timebankCommunity();
    // On the 3rd of next month (China time), 12:00: the job did not run on the 1st or the 2nd.
    const runAt = new Date(
      Date.parse(startOfMonth(addMonths(monthOf(new Date()), 1))) + 2 * 86_400_000 + 12 * 3600_000,
    );
    const pledgeFor = async (dayOfMonth: number) =>
      (
        await send(contracts.createPledge, {
          params: { cid },
          token: resident.token,
          body: { amountFen: 1000 + dayOfMonth, dayOfMonth },
        })
      ).body;
    const missed = await pledgeFor(1);
    const today = await pledgeFor(3);
    const later = await pledgeFor(4);

    await createPledgeDonations({ now: runAt.toISOString() });
    await createPledgeDonations({ now: runAt.toISOString() });
    const orders = await send(contracts.listMyOrders, { params: { cid }, token: resident.token });
    const ordersOf = (pledge: Pledge) => orders.body.items.filter((order) => order.pledgeId === pledge.id);

    expect(chinaDayOfMonth(runAt)).toBe(3);
    expect(ordersOf(missed)).toHaveLength(1);
    expect(ordersOf(today)).toHaveLength(1);
    expect(ordersOf(later)).toHaveLength(0);
  });

  it('expires an unpaid donation without touching any stock', async () => {
    const { cid, resident } = await timebankCommunity();
    const donation = await send(contracts.donate, { params: { cid }, token: resident.token, body: { amountFen: 800 } });
    const past = new Date(Date.now() - 60_000).toISOString();
    await documentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.order(cid, donation.body.id),
        UpdateExpression: 'SET expiresAt = :past, GSI1SK = :due',
        ExpressionAttributeValues: { ':past': past, ':due': `${past}#${cid}#${donation.body.id}` },
      }),
    );

    await expireUnpaidOrders();
    const order = await send(contracts.getOrder, { params: { cid, oid: donation.body.id }, token: resident.token });
    const stray = await documentClient().send(
      new GetCommand({ TableName: tableName(), Key: keys.product(cid, 'donation') }),
    );

    expect(order.body.status).toBe('expired');
    expect(stray.Item).toBeUndefined();
  });
});
