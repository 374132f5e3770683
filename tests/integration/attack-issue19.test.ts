import { contracts, PRIVACY_GUIDE_VERSION, type Order, type PostRequest, type Product } from '@linli/shared';
import { resetAccessTokenCache } from '../../functions/src/gateways/wechat-access-token';
import { startWechatApi, type WechatApi } from '../../scripts/local/wechat-api';
import { errorOf, newUser, send } from '../support/api';
import { createMember } from '../support/factories';
import { activeMerchant } from '../support/market';
import { callRoute, loadHandlers, routeTable, type RouteReply } from '../support/routes';
import { minutesFromNow, timebankCommunity } from '../support/timebank';

/**
 * Attack on issue 19 (outside tester): content security on the paths around the checked ones,
 * the shipping upload's edges, and the consents' inputs. Every refusal is a clear 4xx JSON and
 * writes nothing.
 */
type Person = { token: string; userId: string };

const post = (title: string, body = '本周拉面八折'): PostRequest => ({
  kind: 'promotion',
  title,
  body,
  expiresAt: minutesFromNow(60 * 24),
});

async function merchantSetup() {
  const { cid, staff, resident } = await timebankCommunity();
  const owner = await createMember(cid, ['resident'], 'owner');
  const merchant = await activeMerchant(cid, owner, staff);
  const write = (title: string, body?: string) =>
    send(contracts.createPost, { params: { cid, mid: merchant.id }, token: owner.token, body: post(title, body) });
  const board = async (person: Person = resident) =>
    (await send(contracts.listPosts, { params: { cid }, token: person.token })).body.items.map((item) => item.id);
  const held = async () =>
    (await send(contracts.listHeldPosts, { params: { cid }, query: {}, token: staff.token })).body.items.map(
      (item) => item.id,
    );
  return { cid, staff, resident, owner, merchant, write, board, held };
}

describe('attack: content security on merchant posts', () => {
  it('checks the body as well as the title, trimmed, and writes nothing for a risky one', async () => {
    const { write, board, held } = await merchantSetup();
    const risky = await write('周末八折', '详情 LINLI-RISKY 请到店');
    expect(risky.status).toBe(422);
    expect(errorOf(risky)?.code).toBe('content.rejected');
    const reviewBody = await write('周末八折', '  LINLI-REVIEW  ');
    expect(reviewBody.body.status).toBe('under_review');
    const paddedTitle = await write('   LINLI-REVIEW   ');
    expect(paddedTitle.body.status).toBe('under_review');
    expect(await board()).toEqual([]);
    expect((await held()).sort()).toEqual([reviewBody.body.id, paddedTitle.body.id].sort());
  });

  it('never releases a post taken down, nor twice, nor by its merchant or another community’s staff', async () => {
    const { cid, staff, owner, write, board, held } = await merchantSetup();
    const other = await timebankCommunity();
    const first = await write('新品 LINLI-REVIEW');
    const second = await write('又一条 LINLI-REVIEW');
    const release = (postId: string, token: string, community = cid) =>
      send(contracts.releasePost, { params: { cid: community, postId }, token });
    const takeDown = (postId: string) =>
      send(contracts.takeDownPost, { params: { cid, postId }, token: staff.token, body: { reason: '内容不实' } });

    expect((await release(first.body.id, owner.token)).status).toBe(403);
    const foreign = await release(first.body.id, other.staff.token);
    expect(foreign.status).toBe(403);
    const crossPath = await release(first.body.id, other.staff.token, other.cid);
    expect(crossPath.status).toBeGreaterThanOrEqual(400);
    expect(crossPath.status).toBeLessThan(500);

    expect((await takeDown(first.body.id)).body.status).toBe('taken_down');
    const afterTakeDown = await release(first.body.id, staff.token);
    expect(afterTakeDown.status).toBe(409);
    expect(errorOf(afterTakeDown)?.code).toBe('post.not_held');

    expect((await release(second.body.id, staff.token)).body.status).toBe('active');
    const twice = await release(second.body.id, staff.token);
    expect(errorOf(twice)?.code).toBe('post.not_held');
    expect(await board()).toEqual([second.body.id]);
    expect(await held()).toEqual([]);
  });

  it('answers a clear 4xx for an unknown post released or taken down', async () => {
    const { cid, staff } = await merchantSetup();
    const postId = '01JZZZZZZZZZZZZZZZZZZZZZZZ';
    const released = await send(contracts.releasePost, { params: { cid, postId }, token: staff.token });
    const taken = await send(contracts.takeDownPost, {
      params: { cid, postId },
      token: staff.token,
      body: { reason: '内容不实' },
    });
    for (const reply of [released, taken]) {
      expect(reply.status).toBeGreaterThanOrEqual(400);
      expect(reply.status).toBeLessThan(500);
      expect(errorOf(reply)?.code).toBeTruthy();
    }
  });
});

describe('attack: content security around the checked writes', () => {
  it('writes no activity, team text or donation for a risky text', async () => {
    const { cid, staff, resident } = await timebankCommunity();
    const leader = await createMember(cid, ['resident'], 'leader');
    const team = await send(contracts.createTeam, {
      params: { cid },
      token: staff.token,
      body: { name: '爱心助老队', leaderIds: [leader.userId] },
    });
    const activities = async () =>
      (await send(contracts.listActivities, { params: { cid }, query: {}, token: staff.token })).body.items.length;
    const before = await activities();
    const byLeader = await send(contracts.createActivity, {
      params: { cid },
      token: leader.token,
      body: {
        title: '队伍活动',
        description: '说明 LINLI-RISKY',
        category: 'care',
        startsAt: minutesFromNow(60),
        endsAt: minutesFromNow(120),
        teamId: team.body.id,
      },
    });
    expect(errorOf(byLeader)?.code).toBe('content.rejected');
    expect(await activities()).toBe(before);

    const renamed = await send(contracts.updateTeam, {
      params: { cid, tid: team.body.id },
      token: staff.token,
      body: { description: '简介 LINLI-RISKY' },
    });
    expect(errorOf(renamed)?.code).toBe('content.rejected');
    const stored = await send(contracts.getTeam, { params: { cid, tid: team.body.id }, token: resident.token });
    expect(JSON.stringify(stored.body)).not.toContain('LINLI-RISKY');

    const donated = await send(contracts.donate, {
      params: { cid },
      token: resident.token,
      body: { amountFen: 100, message: 'LINLI-RISKY' },
    });
    expect(donated.status).toBe(422);
    const orders = await send(contracts.listMyOrders, { params: { cid }, query: {}, token: resident.token });
    expect(orders.body.items).toEqual([]);
  });

  it('refuses a leader’s activity edit path: only staff may update, and staff risky text is refused', async () => {
    const { cid, staff } = await timebankCommunity();
    const leader = await createMember(cid, ['resident'], 'leader');
    const team = await send(contracts.createTeam, {
      params: { cid },
      token: staff.token,
      body: { name: '巡逻队', leaderIds: [leader.userId] },
    });
    const created = await send(contracts.createActivity, {
      params: { cid },
      token: leader.token,
      body: {
        title: '巡逻',
        category: 'care',
        startsAt: minutesFromNow(60),
        endsAt: minutesFromNow(120),
        teamId: team.body.id,
      },
    });
    expect(created.status).toBe(201);
    const aid = created.body.id;
    const byLeader = await send(contracts.updateActivity, {
      params: { cid, aid },
      token: leader.token,
      body: { title: '巡逻 LINLI-REVIEW' },
    });
    expect(byLeader.status).toBe(403);
    const risky = await send(contracts.updateActivity, {
      params: { cid, aid },
      token: staff.token,
      body: { description: 'LINLI-RISKY' },
    });
    expect(errorOf(risky)?.code).toBe('content.rejected');
    const after = await send(contracts.getActivity, { params: { cid, aid }, token: staff.token });
    expect(after.body.title).toBe('巡逻');
    expect(after.body.description).toBeUndefined();
  });

  it('keeps a risky nickname off an existing user logging in again', async () => {
    const person = await newUser('attack19');
    const again = await send(contracts.devLogin, { body: { openid: person.openid, nickname: '改名 LINLI-RISKY' } });
    expect(again.status).toBe(200);
    expect(again.body.user.nickname).not.toContain('LINLI');
  });
});

const GUIDE = { kind: 'privacy_guide', version: PRIVACY_GUIDE_VERSION } as const;

describe('attack: consents', () => {
  it('refuses another person’s id, odd versions and a huge body with 4xx, writing nothing', async () => {
    const [person, victim] = await Promise.all([newUser('attack19'), newUser('attack19')]);
    const forOther = await send(contracts.acceptConsent, {
      token: person.token,
      invalidBody: { ...GUIDE, userId: victim.userId },
    });
    expect(forOther.status).toBe(400);
    for (const version of ['', ' ' + PRIVACY_GUIDE_VERSION, PRIVACY_GUIDE_VERSION + '\n', '../x', 'a'.repeat(33)]) {
      const reply = await send(contracts.acceptConsent, { token: person.token, invalidBody: { ...GUIDE, version } });
      expect(reply.status).toBe(400);
    }
    const wrongType = await send(contracts.acceptConsent, {
      token: person.token,
      invalidBody: { ...GUIDE, version: 20261201 },
    });
    expect(wrongType.status).toBe(400);
    const arrayBody = await send(contracts.acceptConsent, { token: person.token, invalidBody: [GUIDE] });
    expect(arrayBody.status).toBe(400);
    const huge = await send(contracts.acceptConsent, {
      token: person.token,
      rawBody: JSON.stringify({ ...GUIDE, pad: 'x'.repeat(2_000_000) }),
    });
    expect(huge.status).toBeGreaterThanOrEqual(400);
    expect(huge.status).toBeLessThan(500);
    const [mine, theirs] = await Promise.all([
      send(contracts.listMyConsents, { token: person.token }),
      send(contracts.listMyConsents, { token: victim.token }),
    ]);
    expect(mine.body.items).toEqual([]);
    expect(theirs.body.items).toEqual([]);
  });

  it('keeps one record when the same acceptance races, and withdrawals race to one time', async () => {
    const person = await newUser('attack19');
    const accepted = await Promise.all(
      Array.from({ length: 5 }, () => send(contracts.acceptConsent, { token: person.token, body: GUIDE })),
    );
    expect(accepted.map((reply) => reply.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(accepted.map((reply) => reply.body.acceptedAt)).size).toBe(1);
    const withdrawn = await Promise.all(
      Array.from({ length: 4 }, () =>
        send(contracts.withdrawConsent, { token: person.token, params: { kind: 'privacy_guide' } }),
      ),
    );
    expect(withdrawn.map((reply) => reply.status)).toEqual([200, 200, 200, 200]);
    const list = await send(contracts.listMyConsents, { token: person.token });
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]?.withdrawnAt).toEqual(expect.any(String));
    expect(new Set(withdrawn.map((reply) => reply.body.items[0]?.withdrawnAt)).size).toBe(1);
  });
});

/* ---------- shipping, in-process against a stand-in of our own ---------- */

const SAVED = ['WECHAT_API_BASE', 'WECHAT_APP_ID', 'WECHAT_APP_SECRET'] as const;

describe('attack: shipping upload', () => {
  const saved: Record<string, string | undefined> = {};
  let wechat: WechatApi;
  beforeAll(async () => {
    await loadHandlers(
      routeTable().entries.filter((entry) =>
        ['fulfilOrder', 'retryShippingUpload', 'donate', 'devPayOrder', 'refundOrder', 'getOrder'].includes(
          entry.contract,
        ),
      ),
    );
    wechat = await startWechatApi({ appId: 'wx-attack19', appSecret: 'attack19-secret' });
    for (const name of SAVED) saved[name] = process.env[name];
    Object.assign(process.env, {
      WECHAT_API_BASE: wechat.url,
      WECHAT_APP_ID: 'wx-attack19',
      WECHAT_APP_SECRET: 'attack19-secret',
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
  const code = (reply: RouteReply) => (reply.json as { error?: { code?: string } }).error?.code;
  const uploadsFor = (orderId: string) =>
    wechat.calls.filter(
      (call) =>
        call.path === '/wxa/sec/order/upload_shipping_info' && JSON.stringify(call.body ?? {}).includes(orderId),
    );

  async function shop() {
    const { cid, staff, resident: buyer } = await timebankCommunity();
    const maker = await createMember(cid, ['resident', 'maker'], 'maker');
    const listed = await send(contracts.createProduct, {
      params: { cid },
      token: maker.token,
      body: { title: '手工草帽', description: '麦秆编织', priceFen: 1500, stock: 20 },
    });
    const product: Product = listed.body;
    await send(contracts.approveProduct, { params: { cid, pid: product.id }, token: staff.token });
    const paidOrder = async (): Promise<Order> => {
      const created = await send(contracts.createOrder, {
        params: { cid },
        token: buyer.token,
        body: { items: [{ productId: product.id, quantity: 1 }] },
      });
      return (await send(contracts.devPayOrder, { params: { cid, oid: created.body.id }, token: buyer.token })).body
        .order;
    };
    const fulfil = (oid: string, body: Record<string, unknown>) =>
      callRoute('fulfilOrder', { token: staff.token, params: { cid, oid }, body });
    const retry = (oid: string, token = staff.token, community = cid) =>
      callRoute('retryShippingUpload', { token, params: { cid: community, oid } });
    const status = async (oid: string) =>
      json<Order>(await callRoute('getOrder', { token: buyer.token, params: { cid, oid } }));
    return { cid, staff, buyer, paidOrder, fulfil, retry, status };
  }

  it('refuses tracking on a pickup, half a pair and a malformed number, leaving the order paid', async () => {
    const { paidOrder, fulfil, status } = await shop();
    const order = await paidOrder();
    const bodies = [
      { status: 'ready_for_pickup', trackingNo: 'ZT7561178899', expressCompany: 'ZTO' },
      { status: 'shipped', expressCompany: 'ZTO' },
      { status: 'shipped', trackingNo: 'ZT 7561178899', expressCompany: 'ZTO' },
      { status: 'shipped', trackingNo: 'ZT7561178899', expressCompany: '中通' },
      { status: 'completed', trackingNo: 'ZT7561178899', expressCompany: 'ZTO' },
      { status: 'refunded' },
    ];
    for (const body of bodies) {
      const reply = await fulfil(order.id, body);
      expect(reply.status).toBe(400);
      expect(code(reply)).toBe('request.validation_failed');
    }
    const after = await status(order.id);
    expect(after.status).toBe('paid');
    expect(after.shipping).toBeUndefined();
    expect(uploadsFor(order.id)).toHaveLength(0);
  });

  it('never ships a donation nor ships twice, and uploads only once', async () => {
    const { cid, buyer, paidOrder, fulfil } = await shop();
    const donated = await callRoute('donate', { token: buyer.token, params: { cid }, body: { amountFen: 500 } });
    const oid = json<Order>(donated).id;
    await callRoute('devPayOrder', { token: buyer.token, params: { cid, oid } });
    const shippedDonation = await fulfil(oid, { status: 'shipped', trackingNo: 'ZT7561178899', expressCompany: 'ZTO' });
    expect(shippedDonation.status).toBe(409);
    expect(code(shippedDonation)).toBe('shop.order_not_fulfillable');
    expect(uploadsFor(oid)).toHaveLength(1); // the one at payment (virtual goods)

    const order = await paidOrder();
    expect((await fulfil(order.id, { status: 'shipped' })).status).toBe(200);
    const again = await fulfil(order.id, { status: 'shipped', trackingNo: 'SF1234567890', expressCompany: 'SF' });
    expect(again.status).toBe(409);
    const pickup = await fulfil(order.id, { status: 'ready_for_pickup' });
    expect(pickup.status).toBe(409);
    expect(uploadsFor(order.id)).toHaveLength(1);
  });

  it('lets no resident nor another community retry, and answers 404/409 for orders owing none', async () => {
    const { buyer, paidOrder, fulfil, retry } = await shop();
    const other = await timebankCommunity();
    const order = await paidOrder();
    wechat.failNext('/wxa/sec/order/upload_shipping_info', 268485216, '上传时间非法');
    expect(json<Order>(await fulfil(order.id, { status: 'ready_for_pickup' })).shipping?.status).toBe('failed');
    expect((await retry(order.id, buyer.token)).status).toBe(403);
    expect((await retry(order.id, other.staff.token)).status).toBe(403);
    const crossed = await retry(order.id, other.staff.token, other.cid);
    expect(crossed.status).toBe(404);
    expect(code(crossed)).toBe('shop.order_not_found');
    const unknown = await retry('01JZZZZZZZZZZZZZZZZZZZZZZZ');
    expect(unknown.status).toBe(404);
    expect(uploadsFor(order.id)).toHaveLength(1);
    expect(json<Order>(await retry(order.id)).shipping?.status).toBe('uploaded');
    expect(code(await retry(order.id))).toBe('shop.shipping_not_owed');
  });

  it('never uploads a refunded order: the retry answers without calling WeChat and the order stays refunded', async () => {
    const { cid, staff, paidOrder, fulfil, retry, status } = await shop();
    const order = await paidOrder();
    wechat.failNext('/wxa/sec/order/upload_shipping_info', -1, 'system error');
    expect(json<Order>(await fulfil(order.id, { status: 'ready_for_pickup' })).shipping?.status).toBe('pending');
    const refunded = await callRoute('refundOrder', {
      token: staff.token,
      params: { cid, oid: order.id },
      body: { reason: '买家不要了' },
    });
    expect(json<Order>(refunded).status).toBe('refunded');
    const retried = await retry(order.id);
    expect(retried.status).toBeLessThan(500);
    expect(json<Order>(retried).shipping?.status).not.toBe('uploaded');
    const after = await status(order.id);
    expect(after.status).toBe('refunded');
    expect(uploadsFor(order.id)).toHaveLength(1); // only the failed first attempt
  });
});
