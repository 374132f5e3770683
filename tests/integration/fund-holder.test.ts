import { addMonths, contracts, monthOf, startOfMonth, type FundHolder } from '@linli/shared';
import { handler as createPledgeDonations } from '../../functions/src/jobs/create-pledge-donations';
import { send } from '../support/api';
import { createMember, TEST_FUND_HOLDER } from '../support/factories';
import { askReceipt, donate, paidDonation } from '../support/fund';
import { timebankCommunity } from '../support/timebank';

type Person = { token: string; userId: string };

const HOLDER: FundHolder = {
  name: '某市慈善总会',
  creditCode: '53100000500021676K',
  qualification: { certificateNo: '慈公募字 007 号', validFrom: '2024-01-01', validUntil: '2099-12-31' },
};
const chinaToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

const pledge = (cid: string, donor: Person) =>
  send(contracts.createPledge, { params: { cid }, token: donor.token, body: { amountFen: 500, dayOfMonth: 1 } });
const setHolder = (cid: string, admin: Person, body: unknown) =>
  send(contracts.setFundHolder, { params: { cid }, token: admin.token, invalidBody: body });

describe('the fund’s legal holder (慈善法)', () => {
  it('without a holder: no online donation or pledge (409, with why), the office still records income', async () => {
    const { cid, staff, resident } = await timebankCommunity({ fundHolder: undefined });

    const donation = await donate(cid, resident);
    const newPledge = await pledge(cid, resident);
    const income = await send(contracts.recordFundIncome, {
      params: { cid },
      token: staff.token,
      body: { kind: 'stall', amountFen: 3000, description: '义卖' },
    });
    const page = await send(contracts.getFund, { params: { cid } });

    expect(donation.status).toBe(409);
    expect(donation.body).toMatchObject({ error: { code: 'fund.no_legal_holder' } });
    expect(newPledge.status).toBe(409);
    expect(newPledge.body).toMatchObject({ error: { code: 'fund.no_legal_holder' } });
    expect(income.status).toBe(201);
    expect(page.body).toMatchObject({ holder: null, donationsOpen: false, balanceFen: 3000 });
  });

  it('the admin names the holder (credit code checked, 4xx on bad input, audited); the fund page and each donation show it', async () => {
    const { cid, admin, staff, resident } = await timebankCommunity({ fundHolder: undefined });
    const bad = (patch: Record<string, unknown>) => setHolder(cid, admin, { ...HOLDER, ...patch });

    const wrongCheck = await bad({ creditCode: '53100000500021676J' });
    const shortCode = await bad({ creditCode: '5310000050002167' });
    const forbiddenLetter = await bad({ creditCode: '53100000500021676O' });
    const backwards = await bad({ qualification: { validFrom: '2025-01-01', validUntil: '2024-12-31' } });
    const notADate = await bad({ qualification: { validFrom: '2025-02-30', validUntil: '2026-01-01' } });
    const extraField = await bad({ seal: 'x' });
    const byStaff = await send(contracts.setFundHolder, { params: { cid }, token: staff.token, body: HOLDER });
    const byResident = await send(contracts.setFundHolder, { params: { cid }, token: resident.token, body: HOLDER });
    // lower case and spaces around are accepted as the code they spell
    const set = await setHolder(cid, admin, { ...HOLDER, creditCode: ' 53100000500021676k ' });
    const page = await send(contracts.getFund, { params: { cid } });
    const order = await donate(cid, resident);
    const audit = await send(contracts.listAudit, { params: { cid }, token: admin.token, query: {} });

    for (const reply of [wrongCheck, shortCode, forbiddenLetter, backwards, notADate, extraField]) {
      expect(reply.status).toBe(400);
    }
    expect([byStaff.status, byResident.status]).toEqual([403, 403]);
    expect(set.status).toBe(200);
    expect(set.body).toEqual(HOLDER);
    expect(page.body).toMatchObject({ holder: HOLDER, donationsOpen: true });
    expect(order.status).toBe(201);
    expect(order.body.fundHolder).toEqual({ name: HOLDER.name, creditCode: HOLDER.creditCode });
    expect(audit.body.items.find((item) => item.action === 'fund.set_holder')).toMatchObject({
      actorId: admin.userId,
      objectId: cid,
      after: HOLDER,
    });
  });

  it('a qualification not valid today (ended, or not yet begun) closes donations and pledges; the pledge job waits for a valid one', async () => {
    const { cid, admin, resident } = await timebankCommunity();
    // The pledge falls due on the 1st; the job runs as on the 1st of next month (China time).
    const runAt = new Date(Date.parse(startOfMonth(addMonths(monthOf(new Date()), 1))) + 3600_000).toISOString();
    const pledged = await send(contracts.createPledge, {
      params: { cid },
      token: resident.token,
      body: { amountFen: 800, dayOfMonth: 1 },
    });
    expect(pledged.status).toBe(201);
    const pledgeOrders = async () =>
      (await send(contracts.listMyOrders, { params: { cid }, token: resident.token })).body.items.filter(
        (order) => order.pledgeId === pledged.body.id,
      );

    const ended = await setHolder(cid, admin, {
      ...HOLDER,
      qualification: { validFrom: '2020-01-01', validUntil: '2021-12-31' },
    });
    const afterEnd = await donate(cid, resident);
    const pledgeAfterEnd = await pledge(cid, resident);
    await createPledgeDonations({ now: runAt });
    const whileEnded = await pledgeOrders();
    const notYet = await setHolder(cid, admin, {
      ...HOLDER,
      qualification: { validFrom: '2999-01-01', validUntil: '2999-12-31' },
    });
    const beforeStart = await donate(cid, resident);
    const today = chinaToday();
    await setHolder(cid, admin, { ...HOLDER, qualification: { validFrom: today, validUntil: today } });
    const onlyToday = await donate(cid, resident);
    await setHolder(cid, admin, HOLDER);
    await createPledgeDonations({ now: runAt });
    const onceValid = await pledgeOrders();

    expect([ended.status, notYet.status]).toEqual([200, 200]);
    expect(afterEnd.status).toBe(409);
    expect(afterEnd.body).toMatchObject({
      error: { code: 'fund.no_legal_holder', details: { validUntil: '2021-12-31' } },
    });
    expect(pledgeAfterEnd.status).toBe(409);
    expect(whileEnded).toEqual([]);
    expect(beforeStart.status).toBe(409);
    expect(onlyToday.status).toBe(201);
    expect(onceValid).toHaveLength(1);
    expect(onceValid[0]!.fundHolder).toEqual({ name: HOLDER.name, creditCode: HOLDER.creditCode });
  });

  it('a donation ordered while the qualification was valid is not paid after it ended (the pledge’s month neither)', async () => {
    const { cid, admin, resident } = await timebankCommunity();
    const placed = await donate(cid, resident);
    expect(placed.status).toBe(201);
    await setHolder(cid, admin, { ...HOLDER, qualification: { validFrom: '2020-01-01', validUntil: '2021-12-31' } });

    const payAgain = await send(contracts.payOrder, { params: { cid, oid: placed.body.id }, token: resident.token });
    const devPay = await send(contracts.devPayOrder, { params: { cid, oid: placed.body.id }, token: resident.token });
    await setHolder(cid, admin, HOLDER);
    const whenValid = await send(contracts.devPayOrder, {
      params: { cid, oid: placed.body.id },
      token: resident.token,
    });

    expect([payAgain.status, devPay.status]).toEqual([409, 409]);
    expect(payAgain.body).toMatchObject({ error: { code: 'fund.no_legal_holder' } });
    expect(whenValid.status).toBe(200);
  });
});

describe('donation receipts (捐赠票据)', () => {
  it('the donor asks for their own paid donation; not someone else’s, not unpaid, not twice', async () => {
    const { cid, resident } = await timebankCommunity();
    const other = await createMember(cid, ['resident'], 'other');
    const orderId = await paidDonation(cid, resident, 2500);
    const unpaid = await donate(cid, resident);

    const byOther = await askReceipt(cid, other, orderId);
    const forUnpaid = await askReceipt(cid, resident, unpaid.body.id);
    const unknown = await askReceipt(cid, resident, 'no-such-order');
    const badTaxId = await send(contracts.requestDonationReceipt, {
      params: { cid },
      token: resident.token,
      invalidBody: { orderId, payerName: '某公司', taxId: '91350100M000100Y44' },
    });
    const asked = await askReceipt(cid, resident, orderId, {
      payerName: '某某科技有限公司',
      taxId: '91350100M000100Y43',
    });
    const twice = await askReceipt(cid, resident, orderId);
    const mine = await send(contracts.listMyReceiptRequests, { params: { cid }, token: resident.token });
    const othersList = await send(contracts.listMyReceiptRequests, { params: { cid }, token: other.token });
    const order = await send(contracts.getOrder, { params: { cid, oid: orderId }, token: resident.token });

    expect(byOther.status).toBe(403);
    expect(forUnpaid.status).toBe(409);
    expect(forUnpaid.body).toMatchObject({ error: { code: 'fund.receipt_not_available' } });
    expect(unknown.status).toBe(404);
    expect(badTaxId.status).toBe(400);
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({
      orderId,
      donorId: resident.userId,
      payerName: '某某科技有限公司',
      taxId: '91350100M000100Y43',
      amountFen: 2500,
      holderName: TEST_FUND_HOLDER.name,
      holderCreditCode: TEST_FUND_HOLDER.creditCode,
      status: 'requested',
    });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ error: { code: 'fund.receipt_request_exists' } });
    expect(mine.body.items.map((item) => [item.id, item.status])).toEqual([[asked.body.id, 'requested']]);
    expect(othersList.body.items).toEqual([]);
    expect(order.body.receiptRequest).toEqual({ id: asked.body.id, status: 'requested' });
  });

  it('the office issues with the number (audited; the donor is told) or rejects with a reason, once; then a new request may follow a rejection', async () => {
    const { cid, staff, otherStaff, admin, resident } = await timebankCommunity();
    const first = await paidDonation(cid, resident, 1200);
    const second = await paidDonation(cid, resident, 3400);
    const issueMe = await askReceipt(cid, resident, first);
    const rejectMe = await askReceipt(cid, resident, second);
    const requestId = issueMe.body.id;

    const queue = await send(contracts.listReceiptRequests, { params: { cid }, token: staff.token, query: {} });
    const byResident = await send(contracts.listReceiptRequests, { params: { cid }, token: resident.token, query: {} });
    const issueByResident = await send(contracts.issueDonationReceipt, {
      params: { cid, requestId },
      token: resident.token,
      body: { receiptNo: 'A-1' },
    });
    const badNumber = await send(contracts.issueDonationReceipt, {
      params: { cid, requestId },
      token: staff.token,
      invalidBody: { receiptNo: '号码 1' },
    });
    const issued = await send(contracts.issueDonationReceipt, {
      params: { cid, requestId },
      token: staff.token,
      body: { receiptNo: 'ZJ2026-000123' },
    });
    const issuedAgain = await send(contracts.issueDonationReceipt, {
      params: { cid, requestId },
      token: otherStaff.token,
      body: { receiptNo: 'ZJ2026-000124' },
    });
    const rejectIssued = await send(contracts.rejectReceiptRequest, {
      params: { cid, requestId },
      token: otherStaff.token,
      body: { reason: '重复' },
    });
    const rejected = await send(contracts.rejectReceiptRequest, {
      params: { cid, requestId: rejectMe.body.id },
      token: otherStaff.token,
      body: { reason: '抬头与付款人不符，请重新申请' },
    });
    const unknown = await send(contracts.rejectReceiptRequest, {
      params: { cid, requestId: 'no-such-request' },
      token: staff.token,
      body: { reason: 'x' },
    });
    const askIssuedAgain = await askReceipt(cid, resident, first);
    const askAfterRejection = await askReceipt(cid, resident, second, { payerName: '王芳（个人）' });
    const issuedList = await send(contracts.listReceiptRequests, {
      params: { cid },
      token: staff.token,
      query: { status: 'issued' },
    });
    const rejectedList = await send(contracts.listReceiptRequests, {
      params: { cid },
      token: staff.token,
      query: { status: 'rejected' },
    });
    const inbox = await send(contracts.listMyNotifications, { token: resident.token });
    const mine = await send(contracts.listMyReceiptRequests, { params: { cid }, token: resident.token });
    const audit = await send(contracts.listAudit, { params: { cid }, token: admin.token, query: {} });
    const order = await send(contracts.getOrder, { params: { cid, oid: first }, token: resident.token });

    expect(queue.body.items.map((item) => item.id)).toEqual([requestId, rejectMe.body.id]);
    expect(byResident.status).toBe(403);
    expect(issueByResident.status).toBe(403);
    expect(badNumber.status).toBe(400);
    expect(issued.status).toBe(200);
    expect(issued.body).toMatchObject({ status: 'issued', receiptNo: 'ZJ2026-000123', decidedBy: staff.userId });
    expect([issuedAgain.status, rejectIssued.status]).toEqual([409, 409]);
    expect(issuedAgain.body).toMatchObject({ error: { code: 'fund.receipt_request_decided' } });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', reason: '抬头与付款人不符，请重新申请' });
    expect(unknown.status).toBe(404);
    expect(askIssuedAgain.status).toBe(409);
    expect(askAfterRejection.status).toBe(201);
    expect(issuedList.body.items.map((item) => item.id)).toEqual([requestId]);
    expect(rejectedList.body.items.map((item) => item.id)).toEqual([rejectMe.body.id]);
    const told = inbox.body.items.filter((item) => item.objectType === 'receipt_request');
    expect(told.map((item) => item.title).sort()).toEqual(['捐赠票据已开具', '捐赠票据申请未通过']);
    expect(told.find((item) => item.title === '捐赠票据已开具')?.body).toContain('ZJ2026-000123');
    expect(mine.body.items.map((item) => item.status)).toEqual(['requested', 'rejected', 'issued']);
    expect(audit.body.items.map((item) => item.action)).toEqual(
      expect.arrayContaining(['fund.issue_receipt', 'fund.reject_receipt']),
    );
    expect(order.body.receiptRequest).toEqual({ id: requestId, status: 'issued', receiptNo: 'ZJ2026-000123' });
  });

  it('a staff member does not decide their own request; a refund rejects an open request and voids an issued receipt', async () => {
    const { cid, staff, otherStaff, resident } = await timebankCommunity();
    const own = await paidDonation(cid, staff);
    const ownRequest = await askReceipt(cid, staff, own);
    const openOne = await paidDonation(cid, resident);
    const issuedOne = await paidDonation(cid, resident);
    const open = await askReceipt(cid, resident, openOne);
    const toIssue = await askReceipt(cid, resident, issuedOne);
    await send(contracts.issueDonationReceipt, {
      params: { cid, requestId: toIssue.body.id },
      token: staff.token,
      body: { receiptNo: 'V-1' },
    });

    const ownDecision = await send(contracts.issueDonationReceipt, {
      params: { cid, requestId: ownRequest.body.id },
      token: staff.token,
      body: { receiptNo: 'S-1' },
    });
    const refunds = await Promise.all(
      [openOne, issuedOne].map((oid) =>
        send(contracts.refundOrder, {
          params: { cid, oid },
          token: otherStaff.token,
          body: { reason: '捐赠人要求退回' },
        }),
      ),
    );
    const mine = await send(contracts.listMyReceiptRequests, { params: { cid }, token: resident.token });
    const voidList = await send(contracts.listReceiptRequests, {
      params: { cid },
      token: staff.token,
      query: { status: 'void' },
    });
    const afterRefund = await askReceipt(cid, resident, openOne);

    expect(ownDecision.status).toBe(403);
    expect(refunds.map((reply) => reply.status)).toEqual([200, 200]);
    const byId = new Map(mine.body.items.map((item) => [item.id, item]));
    expect(byId.get(open.body.id)).toMatchObject({ status: 'rejected', reason: 'refunded' });
    expect(byId.get(toIssue.body.id)).toMatchObject({ status: 'void', receiptNo: 'V-1' });
    expect(voidList.body.items.map((item) => item.id)).toEqual([toIssue.body.id]);
    expect(afterRefund.status).toBe(409);
    expect(afterRefund.body).toMatchObject({ error: { code: 'fund.receipt_not_available' } });
  });
});
