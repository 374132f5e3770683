import { contracts, type FundHolder } from '@linli/shared';
import { errorOf, newUser, send, urlOf } from '../support/api';
import { createMember, TEST_FUND_HOLDER } from '../support/factories';
import { askReceipt, paidDonation } from '../support/fund';
import { timebankCommunity } from '../support/timebank';

/**
 * An outside tester's probes of issue 20's rights and fund features: the data export, the display
 * name, the fund's legal holder, donation receipts and the disclosure packs — each `it` names the
 * fault it looks for; over HTTP against the running local stack.
 */
type Person = { token: string; userId: string };

const issue = (cid: string, staff: Person, requestId: string, receiptNo: string) =>
  send(contracts.issueDonationReceipt, { params: { cid, requestId }, token: staff.token, body: { receiptNo } });

const rename = (cid: string, person: Person, displayName: unknown) =>
  send(contracts.updateMyDisplayName, { params: { cid }, token: person.token, invalidBody: { displayName } });

describe('attack: the data export', () => {
  it('a person who never joined a community gets their profile and no communities (not a 4xx/500)', async () => {
    const lonely = await newUser('never-joined');
    const reply = await send(contracts.getMyDataExport, { token: lonely.token });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ userId: lonely.userId, communities: [] });
    expect(reply.body.profile).not.toHaveProperty('openid');
  });

  it('must hold the donor’s own receipt requests (the payer name and tax id they gave), and not another donor’s', async () => {
    const { cid, resident } = await timebankCommunity();
    const other = await createMember(cid, ['resident'], 'other');
    const mine = await paidDonation(cid, resident);
    const theirs = await paidDonation(cid, other);
    const asked = await askReceipt(cid, resident, mine, { payerName: '某某科技有限公司', taxId: '91350100M000100Y43' });
    await askReceipt(cid, other, theirs, { payerName: '赵其他的公司' });
    expect(asked.status).toBe(201);

    const reply = await send(contracts.getMyDataExport, { token: resident.token });

    expect(reply.status).toBe(200);
    const community = reply.body.communities.find((entry) => entry.communityId === cid)!;
    expect(community.receiptRequests).toEqual([
      expect.objectContaining({ id: asked.body.id, payerName: '某某科技有限公司', taxId: '91350100M000100Y43' }),
    ]);
    expect(JSON.stringify(reply.body)).not.toContain('赵其他的公司');
  });

  it('the proxy’s export names whom they act for, but not the ward’s ID number or phone', async () => {
    const { cid, resident } = await timebankCommunity();
    const helper = await createMember(cid, ['resident'], 'helper');
    const profile = { realName: '王被代理', idNumber: '11010119900307002X', phone: '13811112222' };
    expect(
      (await send(contracts.putVolunteerProfile, { params: { cid }, token: resident.token, body: profile })).status,
    ).toBe(200);
    const proxy = { residentId: resident.userId, proxyId: helper.userId };
    expect((await send(contracts.createProxy, { params: { cid }, token: resident.token, body: proxy })).status).toBe(
      201,
    );

    const helpers = await send(contracts.getMyDataExport, { token: helper.token });
    const wards = await send(contracts.getMyDataExport, { token: resident.token });

    const helperCommunity = helpers.body.communities.find((entry) => entry.communityId === cid)!;
    const wardCommunity = wards.body.communities.find((entry) => entry.communityId === cid)!;
    expect(helperCommunity.proxiesIActFor).toEqual([expect.objectContaining({ residentId: resident.userId })]);
    expect(wardCommunity.proxiesActingForMe).toEqual([expect.objectContaining({ proxyId: helper.userId })]);
    const text = JSON.stringify(helpers.body);
    for (const foreign of ['11010119900307002X', '13811112222', '王被代理']) expect(text).not.toContain(foreign);
  });

  it('is rate limited: the 11th export within the hour is 429 rate.limited, not another full read', async () => {
    const person = await newUser('exporter');
    const replies = [];
    for (let index = 0; index < 11; index += 1)
      replies.push(await send(contracts.getMyDataExport, { token: person.token }));
    expect(replies.slice(0, 10).map((reply) => reply.status)).toEqual(Array(10).fill(200));
    expect(replies[10]!.status).toBe(429);
    expect(errorOf(replies[10]!)?.code).toBe('rate.limited');
  });
});

describe('attack: the display name', () => {
  it('refuses empty, blank, too long, non-string and control characters with a clear 400, leaving the name as it was', async () => {
    const { cid, resident } = await timebankCommunity();
    const before = (await send(contracts.getMe, { params: { cid }, token: resident.token })).body.member.displayName;
    const replies = await Promise.all(
      ['', '   ', '名'.repeat(33), 42, null, '王\u0000芳', '王\n芳'].map((name) => rename(cid, resident, name)),
    );
    const missing = await send(contracts.updateMyDisplayName, {
      params: { cid },
      token: resident.token,
      invalidBody: {},
    });
    const after = (await send(contracts.getMe, { params: { cid }, token: resident.token })).body.member.displayName;

    for (const reply of [...replies, missing]) {
      expect(reply.status).toBe(400);
      expect(errorOf(reply)?.code).toBeDefined();
    }
    expect(after).toBe(before);
  });

  it('must refuse a name that shows as nothing or reverses itself (zero-width, bidi override characters)', async () => {
    const { cid, resident } = await timebankCommunity();
    const invisible = await rename(cid, resident, '\u200B\u200B');
    const reversed = await rename(cid, resident, '\u202E芳王');
    const joiner = await rename(cid, resident, '王\u2060芳');
    // An emoji joined by the zero-width joiner is a visible name.
    const family = await rename(cid, resident, '王家\u{1F468}\u200D\u{1F469}\u200D\u{1F467}');
    expect([invisible.status, reversed.status, joiner.status]).toEqual([400, 400, 400]);
    expect(errorOf(reversed)?.code).toBe('request.validation_failed');
    expect(family.status).toBe(200);
  });

  it('LINLI-RISKY → 422 content.rejected, LINLI-REVIEW → 422 content.under_review for a resident; staff’s own name stands', async () => {
    const { cid, resident, staff } = await timebankCommunity();
    const risky = await rename(cid, resident, '王 LINLI-RISKY');
    const review = await rename(cid, resident, '王 LINLI-REVIEW');
    const staffReview = await rename(cid, staff, '李 LINLI-REVIEW');
    const staffRisky = await rename(cid, staff, '李 LINLI-RISKY');
    const exactly32 = await rename(cid, resident, '名'.repeat(32));

    expect([risky.status, review.status]).toEqual([422, 422]);
    expect(errorOf(risky)?.code).toBe('content.rejected');
    expect(errorOf(review)?.code).toBe('content.under_review');
    expect(staffReview.status).toBe(200);
    expect(staffRisky.status).toBe(422);
    expect(exactly32.status).toBe(200);
  });
});

describe('attack: the fund’s legal holder', () => {
  it('a resident or staff member cannot name the holder; a malformed holder is 400; nothing changes', async () => {
    const { cid, staff, resident, admin } = await timebankCommunity();
    const holder: FundHolder = {
      name: '冒名慈善会',
      creditCode: '53100000500021676K',
      qualification: { validFrom: '2020-01-01', validUntil: '2099-12-31' },
    };
    const byResident = await send(contracts.setFundHolder, { params: { cid }, token: resident.token, body: holder });
    const byStaff = await send(contracts.setFundHolder, { params: { cid }, token: staff.token, body: holder });
    const noQualification = await send(contracts.setFundHolder, {
      params: { cid },
      token: admin.token,
      invalidBody: { name: '某会', creditCode: '53100000500021676K' },
    });
    const letterI = await send(contracts.setFundHolder, {
      params: { cid },
      token: admin.token,
      invalidBody: { ...holder, creditCode: '5310000050002167IK' },
    });
    const page = await send(contracts.getFund, { params: { cid } });

    expect([byResident.status, byStaff.status]).toEqual([403, 403]);
    expect([noQualification.status, letterI.status]).toEqual([400, 400]);
    expect(page.body.holder).toEqual(TEST_FUND_HOLDER);
  });
});

describe('attack: donation receipts', () => {
  it('must not let the office issue two donations’ receipts under the same receipt number', async () => {
    const { cid, staff, resident } = await timebankCommunity();
    const other = await createMember(cid, ['resident'], 'other');
    const first = await askReceipt(cid, resident, await paidDonation(cid, resident));
    const second = await askReceipt(cid, other, await paidDonation(cid, other));

    const issued = await issue(cid, staff, first.body.id, 'ZJ2026-000777');
    const reused = await issue(cid, staff, second.body.id, 'ZJ2026-000777');
    const queue = await send(contracts.listReceiptRequests, { params: { cid }, token: staff.token, query: {} });

    expect(issued.status).toBe(200);
    expect(reused.status).toBe(409);
    expect(errorOf(reused)?.code).toBe('fund.receipt_number_used');
    // The second request is still waiting, with nothing half written.
    expect(queue.body.items.map((item) => item.id)).toEqual([second.body.id]);
    expect(
      (await send(contracts.getOrder, { params: { cid, oid: second.body.orderId }, token: other.token })).body
        .receiptRequest,
    ).toEqual({ id: second.body.id, status: 'requested' });
  });

  it('a voided receipt’s number is not given out again either', async () => {
    const { cid, staff, otherStaff, resident } = await timebankCommunity();
    const refundedOrder = await paidDonation(cid, resident);
    const voided = await askReceipt(cid, resident, refundedOrder);
    expect((await issue(cid, staff, voided.body.id, 'V-900')).status).toBe(200);
    const refund = await send(contracts.refundOrder, {
      params: { cid, oid: refundedOrder },
      token: otherStaff.token,
      body: { reason: '捐赠人要求退回' },
    });
    expect(refund.status).toBe(200);
    const next = await askReceipt(cid, resident, await paidDonation(cid, resident));

    const reused = await issue(cid, staff, next.body.id, 'V-900');

    expect(reused.status).toBe(409);
    expect(errorOf(reused)?.code).toBe('fund.receipt_number_used');
  });

  it('a shop order, another community’s donation or an unknown id takes no receipt request (4xx, never 500)', async () => {
    const world = await timebankCommunity();
    const elsewhere = await timebankCommunity();
    const donor = await createMember(elsewhere.cid, ['resident'], 'donor');
    const foreign = await paidDonation(elsewhere.cid, donor);
    const joined = await send(contracts.joinCommunity, { params: { cid: world.cid }, token: donor.token });
    expect([200, 201]).toContain(joined.status);

    const crossCommunity = await askReceipt(world.cid, donor, foreign);
    const hostileId = await send(contracts.requestDonationReceipt, {
      params: { cid: world.cid },
      token: donor.token,
      invalidBody: { orderId: '../../x', payerName: '王' },
    });
    const noPayer = await send(contracts.requestDonationReceipt, {
      params: { cid: world.cid },
      token: donor.token,
      invalidBody: { orderId: foreign, payerName: '' },
    });

    expect(crossCommunity.status).toBe(404);
    expect([hostileId.status, noPayer.status]).toEqual([400, 400]);
  });
});

describe('attack: disclosure packs', () => {
  it('bad periods are 400 with a clear code (2026-Q5, 1999, 2026-Q0, a future year), as JSON for xlsx too', async () => {
    const { cid } = await timebankCommunity();
    const ask = (period: string, format?: 'xlsx') =>
      send(contracts.getFundDisclosure, { params: { cid, period }, query: format ? { format } : {} });
    const replies = await Promise.all(['2026-Q5', '1999', '2026-Q0', '2026-q4', '20261', ' 2026'].map((p) => ask(p)));
    const future = await ask('2099');
    const futureXlsx = await ask('2099-Q1', 'xlsx');
    const badFormat = await send(contracts.getFundDisclosure, {
      params: { cid, period: '2026' },
      invalidQuery: { format: 'pdf' },
    });
    const unknown = await send(contracts.getFundDisclosure, { params: { cid: 'no-such-community', period: '2026' } });

    for (const reply of [...replies, badFormat]) {
      expect(reply.status).toBe(400);
      expect(errorOf(reply)?.code).toBe('request.validation_failed');
    }
    for (const reply of [future, futureXlsx]) {
      expect(reply.status).toBe(400);
      expect(errorOf(reply)?.code).toBe('fund.period_in_future');
    }
    expect(unknown.status).toBe(404);
  });

  it('is public, and names no donor — neither the anonymous one nor, in the JSON or the workbook, anyone refunded', async () => {
    const { cid, otherStaff } = await timebankCommunity();
    const named = await createMember(cid, ['resident'], 'named');
    const hidden = await createMember(cid, ['resident'], 'hidden');
    await send(contracts.updateMyDisplayName, {
      params: { cid },
      token: named.token,
      body: { displayName: '公开的捐赠人' },
    });
    await send(contracts.updateMyDisplayName, {
      params: { cid },
      token: hidden.token,
      body: { displayName: '匿名的捐赠人' },
    });
    await paidDonation(cid, named, 5000, true);
    const anonymous = await paidDonation(cid, hidden, 3000);
    await send(contracts.refundOrder, {
      params: { cid, oid: anonymous },
      token: otherStaff.token,
      body: { reason: '退回' },
    });
    const year = String(new Date(Date.now() + 8 * 3600_000).getUTCFullYear());

    const json = await send(contracts.getFundDisclosure, { params: { cid, period: year } });
    const xlsx = await fetch(
      urlOf(contracts.getFundDisclosure, { params: { cid, period: year }, query: { format: 'xlsx' } }),
    );
    const bytes = Buffer.from(await xlsx.arrayBuffer());

    expect(json.status).toBe(200);
    expect(json.body).toMatchObject({ incomeFen: 8000, expenseFen: 3000, closingBalanceFen: 5000 });
    expect(JSON.stringify(json.body)).not.toContain('匿名的捐赠人');
    expect(xlsx.status).toBe(200);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
  });
});
