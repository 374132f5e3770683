import { contracts, type DonationMessage, type Order } from '@linli/shared';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { verifyChain } from '../../functions/src/domain/fund/chain';
import { handler as donateHandler } from '../../functions/src/http/fund/donate';
import { handler as notifyHandler } from '../../functions/src/http/shop/wechat-notify';
import { errorOf, send } from '../support/api';
import { invoke, httpEvent } from '../support/events';
import { createMember } from '../support/factories';
import { timebankCommunity } from '../support/timebank';
import { startWechatPayStandIn, type WechatPayStandIn } from '../support/wechat-pay-stand-in';

/**
 * An outsider's attacks on donation messages held for review (issue 19, item 2): who may see and
 * decide them, whether they leak before release, what repeats and races do, and whether the fund's
 * hash chain stays verifiable wherever it is checked.
 */
type Person = { token: string; userId: string };

const HELD = 'LINLI-REVIEW';

async function donate(cid: string, donor: Person, message: string, publishName = false): Promise<Order> {
  const order = await send(contracts.donate, {
    params: { cid },
    token: donor.token,
    body: { amountFen: 700, message, publishName },
  });
  expect(order.status).toBe(201);
  return order.body;
}

async function donateAndPay(cid: string, donor: Person, message: string, publishName = false): Promise<string> {
  const order = await donate(cid, donor, message, publishName);
  const paid = await send(contracts.devPayOrder, { token: donor.token, params: { cid, oid: order.id } });
  expect(paid.status).toBe(200);
  return order.id;
}

const queue = async (cid: string, staff: Person): Promise<DonationMessage[]> => {
  const reply = await send(contracts.listDonationMessageReviews, { params: { cid }, query: {}, token: staff.token });
  expect(reply.status).toBe(200);
  return reply.body.items;
};
const fund = async (cid: string) => (await send(contracts.getFund, { params: { cid } })).body;
const csv = async (cid: string) => String((await send(contracts.exportFundCsv, { params: { cid } })).body);
const release = (cid: string, person: Person, messageId: string) =>
  send(contracts.releaseDonationMessage, { params: { cid, messageId }, token: person.token });
const remove = (cid: string, person: Person, messageId: string, reason = '涉及个人信息') =>
  send(contracts.removeDonationMessage, { params: { cid, messageId }, token: person.token, body: { reason } });
const refund = (cid: string, person: Person, oid: string) =>
  send(contracts.refundOrder, { params: { cid, oid }, token: person.token, body: { reason: '捐赠人要求退回' } });
const chainOf = async (cid: string) => {
  const page = await fund(cid);
  return verifyChain([...page.entries].sort((a, b) => a.sequence - b.sequence));
};

describe('donation messages: the chain wherever it is verified', () => {
  it('fault: a released message (an attribute on the entry item) must not break the reconciliation’s chain check', async () => {
    const { cid, staff, otherStaff, admin } = await timebankCommunity();
    const donor = await createMember(cid, ['resident'], 'donor');
    const first = await donateAndPay(cid, donor, `冬衣 ${HELD}`);
    expect((await release(cid, staff, first)).status).toBe(200);

    const report = await send(contracts.runReconciliation, { params: { cid }, token: admin.token });

    expect(report.status).toBe(200);
    expect(report.body.drifts).toEqual([]);
    // Removal takes the attribute away again: still intact.
    expect((await remove(cid, otherStaff, first)).status).toBe(200);
    const again = await send(contracts.runReconciliation, { params: { cid }, token: admin.token });
    expect(again.body.drifts).toEqual([]);
  });
});

describe('donation messages: who may see and decide them', () => {
  it('staff of another community can neither list, release nor remove this community’s messages', async () => {
    const home = await timebankCommunity();
    const other = await timebankCommunity();
    const donor = await createMember(home.cid, ['resident'], 'donor');
    const id = await donateAndPay(home.cid, donor, `谢谢 ${HELD}`);

    // Their own staff role, this community's id: refused.
    const listed = await send(contracts.listDonationMessageReviews, {
      params: { cid: home.cid },
      token: other.staff.token,
    });
    expect(listed.status).toBe(403);
    expect((await release(home.cid, other.staff, id)).status).toBe(403);
    expect((await remove(home.cid, other.staff, id)).status).toBe(403);
    // Their own community's id, this message: not theirs to find.
    expect(errorOf(await release(other.cid, other.staff, id))?.code).toBe('fund.message_not_found');
    expect(errorOf(await remove(other.cid, other.staff, id))?.code).toBe('fund.message_not_found');
    expect((await queue(home.cid, home.staff)).map((message) => message.id)).toEqual([id]);
    expect((await fund(home.cid)).messages).toEqual({});
  });

  it('a resident (the donor too) cannot see the queue nor release or remove a message', async () => {
    const { cid, staff, resident } = await timebankCommunity();
    const donor = await createMember(cid, ['resident'], 'donor');
    const id = await donateAndPay(cid, donor, `加油 ${HELD}`);
    for (const person of [resident, donor]) {
      expect((await send(contracts.listDonationMessageReviews, { params: { cid }, token: person.token })).status).toBe(
        403,
      );
      expect((await release(cid, person, id)).status).toBe(403);
      expect((await remove(cid, person, id)).status).toBe(403);
    }
    expect((await queue(cid, staff)).map((message) => message.status)).toEqual(['under_review']);
  });

  it('a message id that is a shop order or another kind of id is not found, never decided', async () => {
    const { cid, staff } = await timebankCommunity();
    const donor = await createMember(cid, ['resident'], 'donor');
    // A donation with a clean message: published on the entry, nothing held — no message to decide.
    const clean = await donateAndPay(cid, donor, '给孩子们买书');
    expect(errorOf(await release(cid, staff, clean))?.code).toBe('fund.message_not_found');
    expect(errorOf(await remove(cid, staff, clean))?.code).toBe('fund.message_not_found');
  });
});

describe('donation messages: nothing unreviewed leaks', () => {
  it('a held message is not on the public page, the CSV, the entry, the order line or the donor’s notices before release', async () => {
    const { cid, staff } = await timebankCommunity();
    const donor = await createMember(cid, ['resident'], 'donor');
    const text = `私下的话 ${HELD}`;
    const order = await donate(cid, donor, text);
    expect(JSON.stringify(order.lines)).not.toContain(HELD);
    await send(contracts.devPayOrder, { token: donor.token, params: { cid, oid: order.id } });

    const page = await fund(cid);
    expect(JSON.stringify(page)).not.toContain(HELD);
    expect(await csv(cid)).not.toContain(HELD);
    const notices = await send(contracts.listMyNotifications, { token: donor.token });
    expect(JSON.stringify(notices.body)).not.toContain(HELD);
    // The office's order list shows the donation without putting the text in a line.
    const orders = await send(contracts.listOrders, { params: { cid }, query: {}, token: staff.token });
    const listed = orders.body.items.find((candidate) => candidate.id === order.id);
    expect(JSON.stringify(listed?.lines)).not.toContain(HELD);

    // After release it shows beside the entry, still not in the hashed entry nor the CSV.
    const other = await timebankCommunityStaff(cid);
    expect((await release(cid, other, order.id)).status).toBe(200);
    const after = await fund(cid);
    expect(Object.values(after.messages)).toEqual([text]);
    expect(JSON.stringify(after.entries)).not.toContain(HELD);
    expect(await csv(cid)).not.toContain(HELD);
    expect(await chainOf(cid)).toEqual({ intact: true });
  });

  it('an anonymous donor’s released message shows without their name on the page and in the CSV', async () => {
    const { cid, staff } = await timebankCommunity();
    const donor = await createMember(cid, ['resident'], 'secretdonor');
    const id = await donateAndPay(cid, donor, `匿名祝福 ${HELD}`);
    const [held] = await queue(cid, staff);
    expect(held).toMatchObject({ id, anonymous: true });

    expect((await release(cid, staff, id)).status).toBe(200);
    const page = await fund(cid);
    const entry = page.entries.find((candidate) => candidate.id === held!.entryId)!;
    expect(page.messages[entry.id]).toBe(`匿名祝福 ${HELD}`);
    expect(entry.donorName).toBeUndefined();
    expect(JSON.stringify(page)).not.toContain(held!.donorName);
    expect(await csv(cid)).not.toContain(held!.donorName);
  });

  it('a risky message is refused before any order exists: nothing to pay, nothing queued', async () => {
    const { cid, staff } = await timebankCommunity();
    const donor = await createMember(cid, ['resident'], 'donor');
    const refused = await send(contracts.donate, {
      params: { cid },
      token: donor.token,
      body: { amountFen: 100, message: '坏话 LINLI-RISKY' },
    });
    expect(refused.status).toBe(422);
    expect(errorOf(refused)?.code).toBe('content.rejected');
    const mine = await send(contracts.listMyOrders, { params: { cid }, query: {}, token: donor.token });
    expect(mine.body.items).toEqual([]);
    expect(await queue(cid, staff)).toEqual([]);
  });
});

/** One more staff member of the community (not the donor). */
async function timebankCommunityStaff(cid: string): Promise<Person> {
  return createMember(cid, ['staff'], 'staffx');
}

describe('donation messages: repeats and races', () => {
  it('a repeated dev payment after release, removal and refund neither queues the message again nor fails with 500', async () => {
    const { cid, staff, otherStaff } = await timebankCommunity();
    const donor = await createMember(cid, ['resident'], 'donor');
    const id = await donateAndPay(cid, donor, `再付一次 ${HELD}`);
    const payAgain = () => send(contracts.devPayOrder, { token: donor.token, params: { cid, oid: id } });

    expect((await release(cid, staff, id)).status).toBe(200);
    expect((await payAgain()).status).toBe(200);
    expect(await queue(cid, staff)).toEqual([]);
    expect((await remove(cid, otherStaff, id)).status).toBe(200);
    expect((await payAgain()).status).toBe(200);
    expect(await queue(cid, staff)).toEqual([]);
    expect((await refund(cid, staff, id)).status).toBe(200);
    const afterRefund = await payAgain();
    expect(afterRefund.status).toBeLessThan(500);
    expect(errorOf(afterRefund)?.code).toBe('shop.order_not_payable');
    expect(await queue(cid, staff)).toEqual([]);
    expect((await fund(cid)).messages).toEqual({});
    expect(await chainOf(cid)).toEqual({ intact: true });
  });

  it('release and remove at the same moment: one decision, and the page agrees with it', async () => {
    const { cid, staff, otherStaff } = await timebankCommunity();
    const donor = await createMember(cid, ['resident'], 'donor');
    for (let round = 0; round < 4; round += 1) {
      const id = await donateAndPay(cid, donor, `并发 ${round} ${HELD}`);
      const [released, removed] = await Promise.all([release(cid, staff, id), remove(cid, otherStaff, id)]);
      expect([released.status, removed.status]).not.toContain(500);
      const statuses = [released.status, removed.status].sort();
      // Either both succeed (released, then removed) or one is told it was decided meanwhile.
      expect([
        [200, 200],
        [200, 409],
      ]).toContainEqual(statuses);
      const page = await fund(cid);
      const entryId = (released.body.entryId ?? removed.body.entryId) as string;
      const finalStatus = removed.status === 200 ? 'removed' : 'released';
      expect(page.messages[entryId]).toBe(finalStatus === 'released' ? `并发 ${round} ${HELD}` : undefined);
    }
    expect(await queue(cid, staff)).toEqual([]);
  });

  it('a refund after release takes the shown message off the page; it cannot be released or removed after', async () => {
    const { cid, staff, otherStaff } = await timebankCommunity();
    const donor = await createMember(cid, ['resident'], 'donor');
    const id = await donateAndPay(cid, donor, `放行后退款 ${HELD}`);
    expect((await release(cid, staff, id)).status).toBe(200);
    expect(Object.keys((await fund(cid)).messages)).toHaveLength(1);
    expect((await refund(cid, otherStaff, id)).status).toBe(200);
    expect((await fund(cid)).messages).toEqual({});
    expect(errorOf(await release(cid, otherStaff, id))?.code).toBe('fund.message_not_held');
    expect(errorOf(await remove(cid, otherStaff, id))?.code).toBe('fund.message_not_held');
    expect(await chainOf(cid)).toEqual({ intact: true });
  });

  it('two staff releasing at once: one release, the other told it is decided; one audit entry', async () => {
    const { cid, staff, otherStaff, admin } = await timebankCommunity();
    const donor = await createMember(cid, ['resident'], 'donor');
    const id = await donateAndPay(cid, donor, `双放行 ${HELD}`);
    const replies = await Promise.all([release(cid, staff, id), release(cid, otherStaff, id)]);
    expect(replies.map((reply) => reply.status).sort()).toEqual([200, 409]);
    const audit = await send(contracts.listAudit, {
      params: { cid },
      query: { objectType: 'donation_message', objectId: id },
      token: admin.token,
    });
    expect(audit.body.items.map((item) => item.action)).toEqual(['fund.release_message']);
  });

  it('a release racing a refund: the message ends removed, off the queue and the page; the chain verifies', async () => {
    const { cid, staff, otherStaff } = await timebankCommunity();
    const donor = await createMember(cid, ['resident'], 'donor');
    for (let round = 0; round < 4; round += 1) {
      const id = await donateAndPay(cid, donor, `退款竞争 ${round} ${HELD}`);
      const [released, refunded] = await Promise.all([release(cid, staff, id), refund(cid, otherStaff, id)]);
      expect(refunded.status).toBe(200);
      expect([200, 409]).toContain(released.status);
      expect((await fund(cid)).messages).toEqual({});
      expect(errorOf(await remove(cid, otherStaff, id))?.code).toBe('fund.message_not_held');
    }
    expect(await queue(cid, staff)).toEqual([]);
    expect(await chainOf(cid)).toEqual({ intact: true });
  });
});

describe('donation messages: bad input', () => {
  it('ids, reasons and cursors out of shape are clear 4xx JSON and change nothing', async () => {
    const { cid, staff } = await timebankCommunity();
    const donor = await createMember(cid, ['resident'], 'donor');
    const id = await donateAndPay(cid, donor, `输入 ${HELD}`);

    const badIds = ['a'.repeat(65), 'has space', '../x', 'a#b'];
    for (const messageId of badIds) {
      const reply = await send(contracts.releaseDonationMessage, { params: { cid, messageId }, token: staff.token });
      expect(reply.status).toBe(400);
      expect(errorOf(reply)?.code).toBeTruthy();
    }
    for (const reason of ['', '   ', 'x'.repeat(201)]) {
      const reply = await send(contracts.removeDonationMessage, {
        params: { cid, messageId: id },
        token: staff.token,
        invalidBody: { reason },
      });
      expect(reply.status).toBe(400);
    }
    for (const invalidBody of [undefined, {}, { reason: 5 }, { reason: '好', extra: true }]) {
      const reply = await send(contracts.removeDonationMessage, {
        params: { cid, messageId: id },
        token: staff.token,
        invalidBody,
      });
      expect(reply.status).toBe(400);
    }
    const huge = await send(contracts.removeDonationMessage, {
      params: { cid, messageId: id },
      token: staff.token,
      rawBody: JSON.stringify({ reason: 'x'.repeat(2_000_000) }),
    });
    expect(huge.status).toBeGreaterThanOrEqual(400);
    expect(huge.status).toBeLessThan(500);
    const cursor = await send(contracts.listDonationMessageReviews, {
      params: { cid },
      query: { cursor: 'not-a-cursor' },
      token: staff.token,
    });
    expect(cursor.status).toBe(400);

    expect((await queue(cid, staff)).map((message) => [message.id, message.status])).toEqual([[id, 'under_review']]);
  });

  it('a donation message out of shape is refused before anything is stored', async () => {
    const { cid } = await timebankCommunity();
    const donor = await createMember(cid, ['resident'], 'donor');
    for (const message of ['', '   ', 'x'.repeat(101)]) {
      const reply = await send(contracts.donate, {
        params: { cid },
        token: donor.token,
        invalidBody: { amountFen: 100, message },
      });
      expect(reply.status).toBe(400);
    }
    const mine = await send(contracts.listMyOrders, { params: { cid }, query: {}, token: donor.token });
    expect(mine.body.items).toEqual([]);
  });
});

describe('donation messages through WeChat Pay (the stand-in)', () => {
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

  const notify = (event: APIGatewayProxyEventV2) => invoke(notifyHandler, event);

  async function donateByWechat(cid: string, donor: Person, message: string) {
    const reply = await invoke(
      donateHandler,
      httpEvent({
        method: 'POST',
        path: `/v1/communities/${cid}/fund/donations`,
        routeKey: 'POST /v1/communities/{cid}/fund/donations',
        pathParameters: { cid },
        headers: { authorization: `Bearer ${donor.token}` },
        body: { amountFen: 900, message },
      }),
    );
    expect(reply.status).toBe(201);
    return reply.body as unknown as Order;
  }

  it('the prepay description never carries a held message, and a notification delivered again after release, removal or refund is 200 and never re-queues it', async () => {
    const { cid, staff, otherStaff } = await timebankCommunity();
    const donor = await createMember(cid, ['resident'], 'donor');
    const order = await donateByWechat(cid, donor, `微信支付 ${HELD}`);
    const prepay = standIn.requests.filter((request) => /\/jsapi$/.test(request.path)).at(-1);
    expect(String(prepay?.body?.description)).not.toContain(HELD);

    const transaction = standIn.pay(order.id);
    expect((await notify(standIn.paymentNotification(transaction))).status).toBe(200);
    expect((await queue(cid, staff)).map((message) => message.id)).toEqual([order.id]);
    expect((await notify(standIn.paymentNotification(transaction))).status).toBe(200);
    expect((await queue(cid, staff)).map((message) => message.id)).toEqual([order.id]);

    expect((await release(cid, staff, order.id)).status).toBe(200);
    expect((await notify(standIn.paymentNotification(transaction))).status).toBe(200);
    expect(await queue(cid, staff)).toEqual([]);
    expect(Object.values((await fund(cid)).messages)).toEqual([`微信支付 ${HELD}`]);

    expect((await remove(cid, otherStaff, order.id)).status).toBe(200);
    expect((await notify(standIn.paymentNotification(transaction))).status).toBe(200);
    expect(await queue(cid, staff)).toEqual([]);
    expect((await fund(cid)).messages).toEqual({});
    expect(await chainOf(cid)).toEqual({ intact: true });
  });

  it('the same notification delivered several times at once queues the message once and answers 200 each time', async () => {
    const { cid, staff } = await timebankCommunity();
    const donor = await createMember(cid, ['resident'], 'donor');
    const order = await donateByWechat(cid, donor, `并发通知 ${HELD}`);
    const transaction = standIn.pay(order.id);
    const replies = await Promise.all(
      Array.from({ length: 6 }, () => notify(standIn.paymentNotification(transaction))),
    );
    expect(replies.map((reply) => reply.status)).toEqual(Array(6).fill(200));
    expect((await queue(cid, staff)).map((message) => message.id)).toEqual([order.id]);
    expect((await fund(cid)).entryCount).toBe(1);
  });

  it('a notification again after a refund of a held message: 200, off the queue, the page empty', async () => {
    const { cid, staff, otherStaff } = await timebankCommunity();
    const donor = await createMember(cid, ['resident'], 'donor');
    const order = await donateByWechat(cid, donor, `退款后 ${HELD}`);
    const transaction = standIn.pay(order.id);
    await notify(standIn.paymentNotification(transaction));
    // The refund here goes through the HTTP API (dev stage, no WeChat refund): the books only.
    expect((await refund(cid, otherStaff, order.id)).status).toBe(200);
    expect((await notify(standIn.paymentNotification(transaction))).status).toBe(200);
    expect(await queue(cid, staff)).toEqual([]);
    expect((await fund(cid)).messages).toEqual({});
  });
});
