import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { contracts, type FundEntry, type FundIncomeRequest } from '@linli/shared';
import { GENESIS_HASH, verifyChain } from '../../functions/src/domain/fund/chain';
import { approveExpense as approveExpenseUseCase } from '../../functions/src/domain/fund/fund';
import type { FundStore } from '../../functions/src/domain/fund/ports';
import { handler as recordIncome } from '../../functions/src/http/fund/record-fund-income';
import { handler as approveExpense } from '../../functions/src/http/fund/approve-fund-expense';
import { stores } from '../../functions/src/wiring';
import type { AppError } from '../../functions/src/lib/errors';
import { keys } from '../../functions/src/store/keys';
import { documentClient, login, send, urlOf } from '../support/api';
import { keyed, parseCsv } from '../support/csv';
import { httpEvent, invoke } from '../support/events';
import { tableName } from '../support/factories';
import { timebankCommunity } from '../support/timebank';

type Person = { token: string; userId: string };

const income = (cid: string, staff: Person, body: FundIncomeRequest) =>
  send(contracts.recordFundIncome, { params: { cid }, token: staff.token, body });
const expense = (cid: string, staff: Person, amountFen: number) =>
  send(contracts.submitFundExpense, {
    params: { cid },
    token: staff.token,
    body: { amountFen, purpose: '为独居老人购买米面油', category: 'elderly_care' },
  });
const fundPage = async (cid: string) => (await send(contracts.getFund, { params: { cid } })).body;
const ascending = (entries: FundEntry[]) => [...entries].sort((left, right) => left.sequence - right.sequence);

describe('the public charity fund', () => {
  it('starts empty and is public', async () => {
    const { cid } = await timebankCommunity();

    const page = await send(contracts.getFund, { params: { cid } });

    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ balanceFen: 0, entries: [], latestHash: GENESIS_HASH, entryCount: 0 });
  });

  it('chains every income with its running balance; a donor is named only when they agreed to it', async () => {
    const { cid, staff, resident } = await timebankCommunity();

    const first = await income(cid, staff, { kind: 'stall', amountFen: 15000, description: '十一月公益集市' });
    const second = await income(cid, staff, {
      kind: 'donation',
      amountFen: 3000,
      description: '月捐',
      donorName: '王阿姨',
    });
    const third = await income(cid, staff, {
      kind: 'donation',
      amountFen: 500,
      description: '现金捐赠',
      donorName: '小李',
      publishName: true,
    });
    const byResident = await income(cid, resident, { kind: 'donation', amountFen: 1, description: 'x' });
    const anonymousCall = await send(contracts.recordFundIncome, {
      params: { cid },
      body: { kind: 'donation', amountFen: 1, description: 'x' },
    });
    const page = await fundPage(cid);

    expect([first.status, second.status, third.status]).toEqual([201, 201, 201]);
    expect([byResident.status, anonymousCall.status]).toEqual([403, 401]);
    expect(page).toMatchObject({ balanceFen: 18500, incomeFen: 18500, expenseFen: 0, entryCount: 3 });
    expect(page.entries.map((entry) => [entry.sequence, entry.amountFen, entry.balanceAfterFen])).toEqual([
      [3, 500, 18500],
      [2, 3000, 18000],
      [1, 15000, 15000],
    ]);
    // The name stands beside the entry (outside its hash), and only the one who agreed is named.
    expect(page.entries.map((entry) => entry.donorName)).toEqual([undefined, undefined, undefined]);
    expect(page.donors).toEqual({ [third.body.id]: '小李' });
    expect(JSON.stringify(page)).not.toContain('王阿姨');
    expect(page.latestHash).toBe(third.body.hash);
    expect(verifyChain(ascending(page.entries))).toEqual({ intact: true });
    expect(page.months).toEqual([expect.objectContaining({ incomeFen: 18500, expenseFen: 0 })]);
  });

  it('pays an expense only when a different staff member approves and the balance covers it', async () => {
    const { cid, staff, otherStaff } = await timebankCommunity();
    await income(cid, staff, { kind: 'stall', amountFen: 10000, description: '公益集市' });

    const tooBig = await expense(cid, staff, 20000);
    const overdraw = await send(contracts.approveFundExpense, {
      params: { cid, id: tooBig.body.id },
      token: otherStaff.token,
    });
    const fitting = await expense(cid, staff, 6000);
    const bySubmitter = await send(contracts.approveFundExpense, {
      params: { cid, id: fitting.body.id },
      token: staff.token,
    });
    const approved = await send(contracts.approveFundExpense, {
      params: { cid, id: fitting.body.id },
      token: otherStaff.token,
    });
    const twice = await send(contracts.approveFundExpense, {
      params: { cid, id: fitting.body.id },
      token: otherStaff.token,
    });
    const pending = await send(contracts.listFundExpenses, {
      params: { cid },
      query: { status: 'pending' },
      token: staff.token,
    });
    const page = await fundPage(cid);

    expect(tooBig.body.status).toBe('pending');
    expect(overdraw).toMatchObject({ status: 409, body: { error: { code: 'fund.insufficient_balance' } } });
    expect(bySubmitter).toMatchObject({ status: 403, body: { error: { code: 'fund.same_staff' } } });
    expect(approved.body).toMatchObject({ status: 'approved', decidedBy: otherStaff.userId });
    expect(twice.status).toBe(409);
    expect(pending.body.items.map((item) => item.id)).toEqual([tooBig.body.id]);
    expect(page).toMatchObject({ balanceFen: 4000, expenseFen: 6000 });
    expect(page.entries[0]).toMatchObject({
      kind: 'expense',
      amountFen: -6000,
      balanceAfterFen: 4000,
      approvedBy: otherStaff.userId,
    });
    expect(verifyChain(ascending(page.entries))).toEqual({ intact: true });
  });

  it('an approval that loses the race to another approval of the expense is told so, not that the fund is short', async () => {
    const { cid, staff, otherStaff, thirdStaff } = await timebankCommunity();
    await income(cid, staff, { kind: 'stall', amountFen: 6000, description: '公益集市' });
    const spend = await expense(cid, staff, 6000);
    const fund = stores.fund();
    const approve = (actorId: string, store: FundStore) =>
      approveExpenseUseCase({ communityId: cid, expenseId: spend.body.id, actorId }, store);
    // The second approval reads the expense (pending); the first is paid before it reads the fund.
    let raced = false;
    const racingFund: FundStore = Object.assign(Object.create(fund) as FundStore, {
      getHead: async (communityId: string) => {
        if (!raced) {
          raced = true;
          await approve(otherStaff.userId, fund);
        }
        return fund.getHead(communityId);
      },
    });

    const second = await approve(thirdStaff.userId, racingFund).catch((error: AppError) => error);

    expect(second).toMatchObject({ code: 'fund.expense_already_decided' });
    expect(await fundPage(cid)).toMatchObject({ balanceFen: 0, expenseFen: 6000, entryCount: 2 });
  });

  it('keeps one unbroken chain under concurrent appends, and never overdraws under concurrent approvals', async () => {
    const { cid, staff, otherStaff, thirdStaff } = await timebankCommunity();
    const event = (
      path: string,
      routeKey: string,
      pathParameters: Record<string, string>,
      token: string,
      body?: object,
    ) =>
      httpEvent({
        method: 'POST',
        path,
        routeKey,
        pathParameters,
        headers: { authorization: `Bearer ${token}` },
        body,
      });

    const incomes = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        invoke(
          recordIncome,
          event(
            `/v1/communities/${cid}/fund/incomes`,
            'POST /v1/communities/{cid}/fund/incomes',
            { cid },
            staff.token,
            {
              kind: 'donation',
              amountFen: 500,
              description: `捐赠 ${index}`,
            },
          ),
        ),
      ),
    );
    const [first, second] = [await expense(cid, staff, 6000), await expense(cid, staff, 6000)];
    const approvals = await Promise.all(
      [
        [first.body.id, otherStaff],
        [second.body.id, thirdStaff],
      ].map(([id, approver]) =>
        invoke(
          approveExpense,
          event(
            `/v1/communities/${cid}/fund/expenses/${id}/approve`,
            'POST /v1/communities/{cid}/fund/expenses/{id}/approve',
            { cid, id: id as string },
            (approver as Person).token,
          ),
        ),
      ),
    );
    const page = await fundPage(cid);

    expect(incomes.map((reply) => reply.status)).toEqual(Array(20).fill(201));
    expect(approvals.map((reply) => reply.status).sort()).toEqual([200, 409]);
    expect(page.balanceFen).toBe(4000);
    expect(page.entries.map((entry) => entry.sequence)).toEqual(Array.from({ length: 21 }, (_, index) => 21 - index));
    expect(verifyChain(ascending(page.entries))).toEqual({ intact: true });
  });

  it('shows when history was rewritten: the chain breaks at the altered entry', async () => {
    const { cid, staff } = await timebankCommunity();
    for (const amountFen of [1000, 2000, 3000])
      await income(cid, staff, { kind: 'stall', amountFen, description: '集市' });
    await documentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.fundEntry(cid, 2),
        UpdateExpression: 'SET amountFen = :forged',
        ExpressionAttributeValues: { ':forged': 200 },
      }),
    );

    const page = await fundPage(cid);

    expect(verifyChain(ascending(page.entries))).toEqual({ intact: false, brokenAt: 2 });
  });

  it('downloads every entry as CSV with Chinese headers', async () => {
    const { cid, staff } = await timebankCommunity();
    await income(cid, staff, { kind: 'stall', amountFen: 15000, description: '集市, "十一月"' });

    const response = await fetch(urlOf(contracts.exportFundCsv, { params: { cid } }));
    const text = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    expect(text.split('\r\n')[0]).toContain('序号,时间(UTC),类型,金额(元)');
    expect(text).toContain('1,');
    expect(text).toContain('150.00,150.00,"集市, ""十一月"""');
  });

  it('neutralises formulas from donors in the public CSV and keeps amounts numbers (issue 12, case 8)', async () => {
    const { cid, staff, otherStaff } = await timebankCommunity();
    const formula = '=HYPERLINK("http://e.x","c")';
    const donor = await login(`donor-${randomUUID().slice(0, 8)}`, formula);
    await send(contracts.joinCommunity, { params: { cid }, token: donor.token });
    const donation = await send(contracts.donate, {
      params: { cid },
      token: donor.token,
      body: { amountFen: 10000, message: formula, publishName: true },
    });
    await send(contracts.devPayOrder, { params: { cid, oid: donation.body.id }, token: donor.token });
    for (const description of ['+1+2', '-2+3', '@SUM(A1:A9)'])
      await income(cid, staff, { kind: 'stall', amountFen: 100, description });
    const spent = await expense(cid, staff, 6000);
    await send(contracts.approveFundExpense, { params: { cid, id: spent.body.id }, token: otherStaff.token });

    const response = await fetch(urlOf(contracts.exportFundCsv, { params: { cid } }));
    const records = keyed(parseCsv((await response.text()).replace(/^\uFEFF/, '')));

    expect(records.map((record) => [record['类型'], record['金额(元)'], record['余额(元)'], record['说明']])).toEqual([
      ['donation', '100.00', '100.00', `'${formula}`],
      ['stall', '1.00', '101.00', "'+1+2"],
      ['stall', '1.00', '102.00', "'-2+3"],
      ['stall', '1.00', '103.00', "'@SUM(A1:A9)"],
      ['expense', '-60.00', '43.00', '为独居老人购买米面油'],
    ]);
    expect(records[0]!['捐赠人']).toBe(`'${formula}`);
  });
});
