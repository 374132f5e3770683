import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { contracts, type OrderRequest, type Product } from '@linli/shared';
import { verifyChain } from '../../functions/src/domain/fund/chain';
import { handler as createOrderHandler } from '../../functions/src/http/shop/create-order';
import { handler as devPayHandler } from '../../functions/src/http/shop/dev-pay-order';
import { handler as expireUnpaidOrders } from '../../functions/src/jobs/expire-unpaid-orders';
import { keys } from '../../functions/src/store/keys';
import { documentClient, send } from '../support/api';
import { httpEvent, invoke } from '../support/events';
import { createMember, tableName } from '../support/factories';
import { timebankCommunity } from '../support/timebank';

type Person = { token: string; userId: string };

async function approvedProduct(cid: string, maker: Person, staff: Person, overrides: object = {}): Promise<Product> {
  const listed = await send(contracts.createProduct, {
    params: { cid },
    token: maker.token,
    body: { title: '手工草帽', description: '麦秆编织，邻居陈阿姨做的', priceFen: 15000, stock: 3, ...overrides },
  });
  if (listed.status !== 201) throw new Error(`list product → ${listed.status} ${JSON.stringify(listed.body)}`);
  await send(contracts.approveProduct, { params: { cid, pid: listed.body.id }, token: staff.token });
  return listed.body;
}

const order = (cid: string, buyer: Person, items: OrderRequest['items']) =>
  send(contracts.createOrder, { params: { cid }, token: buyer.token, body: { items } });
const devPay = (cid: string, buyer: Person, orderId: string) =>
  send(contracts.devPayOrder, { params: { cid, oid: orderId }, token: buyer.token });
const fund = async (cid: string) => (await send(contracts.getFund, { params: { cid } })).body;
const earnings = async (cid: string, maker: Person) =>
  (await send(contracts.listMyProducts, { params: { cid }, token: maker.token })).body.earnings;

describe('artisan shop', () => {
  it('makers list, staff approve, then it is public with the community’s fund share', async () => {
    const { cid, staff, resident } = await timebankCommunity();
    const maker = await createMember(cid, ['resident', 'maker'], 'maker');

    const byResident = await send(contracts.createProduct, {
      params: { cid },
      token: resident.token,
      body: { title: 'x', description: 'x', priceFen: 100, stock: 1 },
    });
    const listed = await send(contracts.createProduct, {
      params: { cid },
      token: maker.token,
      body: { title: '辣椒酱', description: '自家熬制', priceFen: 2500, stock: 10 },
    });
    const beforeApproval = await send(contracts.listProducts, { params: { cid } });
    const byMaker = await send(contracts.approveProduct, { params: { cid, pid: listed.body.id }, token: maker.token });
    const approved = await send(contracts.approveProduct, { params: { cid, pid: listed.body.id }, token: staff.token });
    const publicList = await send(contracts.listProducts, { params: { cid } });

    expect(byResident.status).toBe(403);
    expect(listed.body).toMatchObject({ status: 'pending', fundShareBps: 2000, makerId: maker.userId });
    expect(beforeApproval.body.items).toEqual([]);
    expect(byMaker.status).toBe(403);
    expect(approved.body).toMatchObject({ status: 'approved', decidedBy: staff.userId });
    expect(publicList.body.items).toEqual([
      expect.objectContaining({ id: listed.body.id, title: '辣椒酱', priceFen: 2500 }),
    ]);
  });

  it('pays 150 yuan as 120 to the maker and 30 to the fund, once, in the hash chain', async () => {
    const { cid, staff, resident } = await timebankCommunity();
    const maker = await createMember(cid, ['resident', 'maker'], 'maker');
    const product = await approvedProduct(cid, maker, staff);

    const placed = await order(cid, resident, [{ productId: product.id, quantity: 1 }]);
    const byOther = await devPay(cid, staff, placed.body.id);
    const paid = await devPay(cid, resident, placed.body.id);
    const again = await devPay(cid, resident, placed.body.id);
    const page = await fund(cid);

    expect(placed).toMatchObject({
      status: 201,
      body: { totalFen: 15000, status: 'pending_payment', payment: { mode: 'dev' } },
    });
    expect(placed.body.lines[0]).toMatchObject({ grossFen: 15000, fundFen: 3000, makerFen: 12000 });
    expect(byOther.status).toBe(403);
    expect(paid.body).toMatchObject({ status: 'paid', order: { status: 'paid' } });
    expect(again.status).toBe(200);
    expect(page).toMatchObject({ balanceFen: 3000, incomeFen: 3000, entryCount: 1 });
    expect(page.entries[0]).toMatchObject({ kind: 'sale_share', amountFen: 3000 });
    expect(page.latestHash).toBe(page.entries[0]?.hash);
    expect(await earnings(cid, maker)).toMatchObject({ salesFen: 15000, earningsFen: 12000, salesCount: 1 });
  });

  it('splits each line with the fund share floored', async () => {
    const { cid, staff, resident } = await timebankCommunity();
    const maker = await createMember(cid, ['resident', 'maker'], 'maker');
    const hat = await approvedProduct(cid, maker, staff, { priceFen: 999, fundShareBps: 1500 });
    const sauce = await approvedProduct(cid, maker, staff, { title: '豆瓣酱', priceFen: 2500 });

    const placed = await order(cid, resident, [
      { productId: hat.id, quantity: 1 },
      { productId: sauce.id, quantity: 2 },
    ]);
    await devPay(cid, resident, placed.body.id);
    const page = await fund(cid);

    expect(placed.body.lines.map((line) => [line.grossFen, line.fundFen, line.makerFen])).toEqual([
      [999, 149, 850],
      [5000, 1000, 4000],
    ]);
    expect(page.balanceFen).toBe(1149);
    expect(verifyChain([...page.entries].reverse())).toEqual({ intact: true });
    expect(await earnings(cid, maker)).toMatchObject({ salesFen: 5999, earningsFen: 4850 });
  });

  it('lets exactly one of 50 buyers racing for the last unit order it', async () => {
    const { cid, staff } = await timebankCommunity();
    const maker = await createMember(cid, ['resident', 'maker'], 'maker');
    const product = await approvedProduct(cid, maker, staff, { stock: 1 });
    const buyers: Person[] = [];
    for (let index = 0; index < 10; index += 1) buyers.push(await createMember(cid, ['resident'], 'buyer'));
    const event = (buyer: Person) =>
      httpEvent({
        method: 'POST',
        path: `/v1/communities/${cid}/orders`,
        routeKey: 'POST /v1/communities/{cid}/orders',
        pathParameters: { cid },
        headers: { authorization: `Bearer ${buyer.token}` },
        body: { items: [{ productId: product.id, quantity: 1 }] },
      });

    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, index) => invoke(createOrderHandler, event(buyers[index % 10]!))),
    );
    const after = await send(contracts.getProduct, { params: { cid, pid: product.id } });

    expect(replies.filter((reply) => reply.status === 201)).toHaveLength(1);
    expect(replies.filter((reply) => (reply.body.error as { code?: string })?.code === 'shop.sold_out')).toHaveLength(
      49,
    );
    expect(after.body.stock).toBe(0);
  });

  it('expires an unpaid order after its window and returns the stock; it can no longer be paid', async () => {
    const { cid, staff, resident } = await timebankCommunity();
    const maker = await createMember(cid, ['resident', 'maker'], 'maker');
    const product = await approvedProduct(cid, maker, staff, { stock: 2 });
    const placed = await order(cid, resident, [{ productId: product.id, quantity: 2 }]);
    const past = new Date(Date.now() - 60_000).toISOString();
    await documentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.order(cid, placed.body.id),
        UpdateExpression: 'SET expiresAt = :past, GSI1SK = :due',
        ExpressionAttributeValues: { ':past': past, ':due': `${past}#${cid}#${placed.body.id}` },
      }),
    );

    const stockWhileReserved = (await send(contracts.getProduct, { params: { cid, pid: product.id } })).body.stock;
    const result = await expireUnpaidOrders();
    const mine = await send(contracts.getOrder, { params: { cid, oid: placed.body.id }, token: resident.token });
    const pay = await devPay(cid, resident, placed.body.id);

    expect(stockWhileReserved).toBe(0);
    expect(result.expired).toBeGreaterThanOrEqual(1);
    expect(mine.body.status).toBe('expired');
    expect((await send(contracts.getProduct, { params: { cid, pid: product.id } })).body.stock).toBe(2);
    expect(pay).toMatchObject({ status: 409, body: { error: { code: 'shop.order_not_payable' } } });
  });

  it('has no dev payment outside the dev stage', async () => {
    const { cid, staff, resident } = await timebankCommunity();
    const maker = await createMember(cid, ['resident', 'maker'], 'maker');
    const product = await approvedProduct(cid, maker, staff);
    const placed = await order(cid, resident, [{ productId: product.id, quantity: 1 }]);
    process.env.STAGE = 'prod';
    try {
      const reply = await invoke(
        devPayHandler,
        httpEvent({
          method: 'POST',
          path: `/v1/communities/${cid}/orders/${placed.body.id}/dev-pay`,
          pathParameters: { cid, oid: placed.body.id },
          headers: { authorization: `Bearer ${resident.token}` },
        }),
      );
      expect(reply).toMatchObject({ status: 404, body: { error: { code: 'route.not_found' } } });
    } finally {
      process.env.STAGE = 'dev';
    }
    expect((await fund(cid)).balanceFen).toBe(0);
  });
});
