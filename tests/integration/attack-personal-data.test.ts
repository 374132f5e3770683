import { contracts, monthOf } from '@linli/shared';
import { verifyChain } from '../../functions/src/domain/fund/chain';
import { errorOf, login, send } from '../support/api';
import { createMember } from '../support/factories';
import { createActivityNow, officeClaim, timebankCommunity } from '../support/timebank';

/**
 * Outside attacks on issue 20 (personal data rights): closing an account, the donor-name and
 * ID-number consents, the data export and the fund's holder and receipts. Each `it` names the fault
 * it probes.
 */
type Person = { token: string; userId: string };

const close = (person: Person) => send(contracts.closeAccount, { token: person.token, body: { confirm: true } });

/** A member joined under a name nobody else has, so that any later sight of it is a leak. */
async function namedMember(cid: string, name: string): Promise<Person & { openid: string }> {
  const openid = `attack20-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const person = await login(openid, name);
  expect((await send(contracts.joinCommunity, { params: { cid }, token: person.token })).status).toBeLessThan(300);
  return { ...person, openid };
}

const uniqueName = (stem: string) => `${stem}${Math.random().toString(36).slice(2, 6)}`;

describe('attack: closing an account', () => {
  it('a 光荣榜 recognition (月度优秀志愿者) must not keep showing the closed person’s name to members', async () => {
    const { cid, staff, otherStaff, resident } = await timebankCommunity();
    const name = uniqueName('荣誉');
    const person = await namedMember(cid, name);
    const activity = await createActivityNow(cid, staff.token);
    const claim = await officeClaim(cid, activity.id, staff.token, person.userId, 60);
    expect(
      (await send(contracts.approveClaim, { params: { cid, claimId: claim.id }, token: otherStaff.token })).status,
    ).toBe(200);
    const month = monthOf(new Date().toISOString());
    const recognized = await send(contracts.recognize, {
      params: { cid },
      token: staff.token,
      body: { month, memberIds: [person.userId], citation: '热心助老' },
    });
    expect(recognized.status).toBe(201);
    const before = await send(contracts.getRecognition, { params: { cid }, query: { month }, token: resident.token });
    expect(JSON.stringify(before.body)).toContain(name);

    expect((await close(person)).status).toBe(200);

    const after = await send(contracts.getRecognition, { params: { cid }, query: { month }, token: resident.token });
    expect(after.status).toBe(200);
    expect(JSON.stringify(after.body)).not.toContain(name);
  });

  it('a supermarket good donated by the person must not keep showing their name to members', async () => {
    const { cid, staff, resident } = await timebankCommunity();
    const name = uniqueName('捐物');
    const person = await namedMember(cid, name);
    const good = await send(contracts.createGood, {
      params: { cid },
      token: staff.token,
      body: { name: '大米', pricePoints: 5, stock: 3, valueFen: 3000, donorMemberId: person.userId },
    });
    expect(good.status).toBe(201);
    expect((await close(person)).status).toBe(200);
    const goods = await send(contracts.listGoods, { params: { cid }, token: resident.token });
    expect(goods.status).toBe(200);
    expect(JSON.stringify(goods.body)).not.toContain(name);
  });

  it('a maker must not escape a buyer’s order in flight: the buyer paying after the maker closed', async () => {
    const { cid, staff } = await timebankCommunity();
    const [maker, buyer] = await Promise.all([
      createMember(cid, ['resident', 'maker'], 'flightmaker'),
      createMember(cid, ['resident'], 'flightbuyer'),
    ]);
    const listed = await send(contracts.createProduct, {
      params: { cid },
      token: maker.token,
      body: { title: '手工布鞋', description: '千层底', priceFen: 2000, stock: 5 },
    });
    await send(contracts.approveProduct, { params: { cid, pid: listed.body.id }, token: staff.token });
    const order = await send(contracts.createOrder, {
      params: { cid },
      token: buyer.token,
      body: { items: [{ productId: listed.body.id, quantity: 1 }] },
    });
    expect(order.status).toBe(201);

    const closed = await close(maker);
    const paid = await send(contracts.devPayOrder, { params: { cid, oid: order.body.id }, token: buyer.token });
    // Either the maker may not close while a buyer's order of their goods is open, or the payment
    // for a closed maker's goods is refused: never a paid order nobody will hand over.
    expect(closed.status === 409 || paid.status >= 400).toBe(true);
  });

  it('closing twice at once: both answers are clean (200 or 401), never 500, the points moved once', async () => {
    const { cid } = await timebankCommunity();
    const person = await namedMember(cid, uniqueName('双关'));
    const replies = await Promise.all([close(person), close(person), close(person)]);
    for (const reply of replies) expect([200, 401]).toContain(reply.status);
    expect(replies.some((reply) => reply.status === 200)).toBe(true);
  });

  it('a proxy cannot close the ward’s account', async () => {
    const { cid } = await timebankCommunity();
    const [ward, proxy] = await Promise.all([
      createMember(cid, ['resident'], 'ward'),
      createMember(cid, ['resident'], 'wardproxy'),
    ]);
    const made = await send(contracts.createProxy, {
      params: { cid },
      token: ward.token,
      body: { residentId: ward.userId, proxyId: proxy.userId },
    });
    expect(made.body).toMatchObject({ proxyId: proxy.userId });
    const reply = await send(contracts.closeAccount, {
      token: proxy.token,
      headers: { 'x-act-for': ward.userId },
      body: { confirm: true },
    });
    expect(reply.status).toBe(403);
    expect((await send(contracts.getMe, { params: { cid }, token: ward.token })).status).toBe(200);
    expect((await send(contracts.getMe, { params: { cid }, token: proxy.token })).status).toBe(200);
  });

  it('a closed account’s token cannot replay an idempotent write', async () => {
    const { cid } = await timebankCommunity();
    const person = await namedMember(cid, uniqueName('重放'));
    const key = `attack20-${Date.now()}`;
    const first = await send(contracts.updateMyDisplayName, {
      params: { cid },
      token: person.token,
      headers: { 'idempotency-key': key },
      body: { displayName: '新名字' },
    });
    expect(first.status).toBe(200);
    expect((await close(person)).status).toBe(200);
    const replay = await send(contracts.updateMyDisplayName, {
      params: { cid },
      token: person.token,
      headers: { 'idempotency-key': key },
      body: { displayName: '新名字' },
    });
    expect(replay.status).toBe(401);
    expect(errorOf(replay)?.code).toBe('auth.account_closed');
  });
});

describe('attack: the donor-name consent', () => {
  it('a named donation paid after the consent was withdrawn must not name the donor', async () => {
    const { cid } = await timebankCommunity();
    const name = uniqueName('撤回');
    const donor = await namedMember(cid, name);
    const order = await send(contracts.donate, {
      params: { cid },
      token: donor.token,
      body: { amountFen: 800, publishName: true },
    });
    expect(order.status).toBe(201);
    const withdrawn = await send(contracts.withdrawConsent, {
      token: donor.token,
      params: { kind: 'donor_name_public' },
    });
    expect(withdrawn.status).toBe(200);
    expect(
      (await send(contracts.devPayOrder, { params: { cid, oid: order.body.id }, token: donor.token })).status,
    ).toBe(200);
    const fund = await send(contracts.getFund, { params: { cid } });
    expect(JSON.stringify(fund.body)).not.toContain(name);
    const csv = await send(contracts.exportFundCsv, { params: { cid } });
    expect(String(csv.body)).not.toContain(name);
    expect(verifyChain([...fund.body.entries].reverse())).toEqual({ intact: true });
  });
});
