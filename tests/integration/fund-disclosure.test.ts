import ExcelJS from 'exceljs';
import { contracts, type FundDisclosure, type FundEntry } from '@linli/shared';
import { GENESIS_HASH, verifyChain, type EntryDraft } from '../../functions/src/domain/fund/chain';
import { appendFundEntry } from '../../functions/src/domain/fund/fund';
import { stores } from '../../functions/src/wiring';
import { errorOf, send, urlOf } from '../support/api';
import { eventually, samplePhoto, uploadPhoto } from '../support/photos';
import { timebankCommunity } from '../support/timebank';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Entries written at chosen instants (the chain takes them in this order): no test depends on today's date. */
async function chain(cid: string, entries: { at: string; draft: EntryDraft }[]): Promise<FundEntry[]> {
  const written: FundEntry[] = [];
  for (const { at, draft } of entries) {
    written.push(await appendFundEntry(stores.fund(), cid, draft, { now: new Date(at) }));
  }
  return written;
}

const disclosure = async (cid: string, period: string) =>
  send(contracts.getFundDisclosure, { params: { cid, period } });

async function workbook(cid: string, period: string) {
  const response = await fetch(
    urlOf(contracts.getFundDisclosure, { params: { cid, period }, query: { format: 'xlsx' } }),
  );
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe(XLSX_TYPE);
  expect(response.headers.get('content-disposition')).toContain(`linli-fund-${cid}-${period}.xlsx`);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ExcelJS.Buffer);
  const sheet = (name: string) => {
    const rows: unknown[][] = [];
    book.getWorksheet(name)!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    return rows;
  };
  return { book, summary: sheet('概要'), income: sheet('收入'), expenses: sheet('支出') };
}

const addsUp = (pack: FundDisclosure) =>
  expect(pack.openingBalanceFen + pack.incomeFen - pack.expenseFen).toBe(pack.closingBalanceFen);

describe('the fund’s disclosure packs (issue 20)', () => {
  let cid: string;
  let entries: FundEntry[];
  let receiptId: string;

  beforeAll(async () => {
    const community = await timebankCommunity();
    cid = community.cid;
    const receipt = await uploadPhoto({
      cid,
      token: community.staff.token,
      purpose: 'fund_receipt',
      bytes: await samplePhoto('image/png', 80, 80),
    });
    receiptId = receipt.id;
    // China time is UTC+8: 2025-09-30T16:00Z is the first instant of 2025-Q4 in Beijing.
    entries = await chain(cid, [
      { at: '2025-09-30T15:59:59.999Z', draft: { kind: 'stall', amountFen: 10000, description: '九月义卖' } },
      { at: '2025-09-30T16:00:00.000Z', draft: { kind: 'donation', amountFen: 5000, description: '国庆捐赠' } },
      { at: '2025-11-15T02:00:00.000Z', draft: { kind: 'sale_share', amountFen: 3000, description: '微益坊分成' } },
      {
        at: '2025-11-20T02:00:00.000Z',
        draft: {
          kind: 'expense',
          amountFen: -4000,
          description: '=HYPERLINK("http://evil")',
          category: 'elderly_care',
          approvedBy: community.otherStaff.userId,
          receiptImageId: receiptId,
        },
      },
      { at: '2025-12-01T02:00:00.000Z', draft: { kind: 'refund', amountFen: -500, description: '订单退款' } },
      { at: '2025-12-31T15:59:59.999Z', draft: { kind: 'donation', amountFen: 100, description: '年末捐赠' } },
      {
        at: '2025-12-31T16:00:00.000Z',
        draft: { kind: 'expense', amountFen: -1000, description: '元旦慰问', category: 'events', approvedBy: 'x' },
      },
    ]);
    expect(verifyChain(entries).intact).toBe(true);
  });

  it('discloses a quarter in China time: figures by source and purpose that add up, the chain head its last entry', async () => {
    const reply = await disclosure(cid, '2025-Q4');

    expect(reply.status).toBe(200);
    const pack = reply.body;
    expect(pack).toMatchObject({
      period: '2025-Q4',
      from: '2025-09-30T16:00:00.000Z',
      to: '2025-12-31T16:00:00.000Z',
      firstDay: '2025-10-01',
      lastDay: '2025-12-31',
      complete: true,
      openingBalanceFen: 10000,
      incomeFen: 8100,
      expenseFen: 4500,
      closingBalanceFen: 13600,
      entryCount: 5,
      chainHead: { sequence: entries[5]!.sequence, hash: entries[5]!.hash },
    });
    addsUp(pack);
    expect(pack.incomeBySource).toEqual([
      { kind: 'donation', amountFen: 5100, count: 2 },
      { kind: 'sale_share', amountFen: 3000, count: 1 },
    ]);
    expect(pack.expensesByPurpose).toEqual([
      {
        category: 'elderly_care',
        amountFen: 4000,
        count: 1,
        entries: [
          {
            sequence: entries[3]!.sequence,
            createdAt: '2025-11-20T02:00:00.000Z',
            description: '=HYPERLINK("http://evil")',
            amountFen: 4000,
            approvedBy: entries[3]!.approvedBy,
            receiptImageId: receiptId,
          },
        ],
      },
      { category: 'refund', amountFen: 500, count: 1, entries: [expect.objectContaining({ amountFen: 500 })] },
    ]);
    // the head is the one the public fund page shows for that sequence
    const page = await send(contracts.getFund, { params: { cid } });
    expect(page.body.entries.find((entry) => entry.sequence === pack.chainHead.sequence)?.hash).toBe(
      pack.chainHead.hash,
    );
  });

  it('puts the instants either side of a China-time boundary in their own quarters', async () => {
    const third = (await disclosure(cid, '2025-Q3')).body;
    const first = (await disclosure(cid, '2026-Q1')).body;

    expect(third).toMatchObject({ openingBalanceFen: 0, incomeFen: 10000, expenseFen: 0, closingBalanceFen: 10000 });
    expect(third.chainHead).toEqual({ sequence: entries[0]!.sequence, hash: entries[0]!.hash });
    expect(first).toMatchObject({ openingBalanceFen: 13600, incomeFen: 0, expenseFen: 1000, closingBalanceFen: 12600 });
    expect(first.expensesByPurpose.map((purpose) => purpose.category)).toEqual(['events']);
    addsUp(third);
    addsUp(first);
  });

  it('discloses a year, and a period before the first entry as zeros', async () => {
    const year = (await disclosure(cid, '2025')).body;
    const before = (await disclosure(cid, '2024-Q2')).body;
    const quiet = (await disclosure(cid, '2026-Q2')).body;

    expect(year).toMatchObject({ openingBalanceFen: 0, incomeFen: 18100, expenseFen: 4500, closingBalanceFen: 13600 });
    expect(year.entryCount).toBe(6);
    addsUp(year);
    expect(before).toMatchObject({
      openingBalanceFen: 0,
      incomeFen: 0,
      expenseFen: 0,
      closingBalanceFen: 0,
      entryCount: 0,
      incomeBySource: [],
      expensesByPurpose: [],
      chainHead: { sequence: 0, hash: GENESIS_HASH },
    });
    // a quarter with no entries after some: the balance carries through, the head is the last entry before its end
    expect(quiet).toMatchObject({ openingBalanceFen: 12600, closingBalanceFen: 12600, entryCount: 0 });
    expect(quiet.chainHead).toEqual({ sequence: entries[6]!.sequence, hash: entries[6]!.hash });
  });

  it('shows the receipt photo through the public image views', async () => {
    await eventually(
      async () => Boolean((await disclosure(cid, '2025-Q4')).body.receipts[receiptId]),
      'the receipt visible once checked',
    );
    const pack = (await disclosure(cid, '2025-Q4')).body;
    expect(pack.receipts[receiptId]).toMatchObject({ id: receiptId });
  });

  it('refuses a period not begun, a malformed period and an unknown query', async () => {
    const future = await disclosure(cid, '2099-Q1');
    expect(future.status).toBe(400);
    expect(errorOf(future)?.code).toBe('fund.period_in_future');
    for (const period of ['2025-Q5', '25-Q1', '2025Q1', '2025-q1']) {
      const reply = await disclosure(cid, period);
      expect({ period, status: reply.status, code: errorOf(reply)?.code }).toEqual({
        period,
        status: 400,
        code: 'request.validation_failed',
      });
    }
    const unknown = await disclosure('nowhere-at-all', '2025');
    expect(unknown.status).toBe(404);
  });

  it('writes the same figures to a workbook whose text is never a formula', async () => {
    const { summary, income, expenses, book } = await workbook(cid, '2025-Q4');

    expect(book.worksheets.map((sheet) => sheet.name)).toEqual(['概要', '收入', '支出']);
    const figure = (label: string) => summary.find((row) => row[0] === label)?.[1];
    expect(figure('期初余额（元）')).toBe(100);
    expect(figure('本期收入（元）')).toBe(81);
    expect(figure('本期支出（元）')).toBe(45);
    expect(figure('期末余额（元）')).toBe(136);
    expect(figure('账链末笔哈希')).toBe(entries[5]!.hash);
    expect(income).toContainEqual(['捐赠', 2, 51]);
    expect(income.at(-1)).toEqual(['合计', 3, 81]);
    const row = expenses.find((cells) => cells[1] === entries[3]!.sequence)!;
    expect(row.slice(0, 5)).toEqual([
      '助老',
      entries[3]!.sequence,
      '2025-11-20 10:00',
      '=HYPERLINK("http://evil")',
      40,
    ]);
    expect(expenses.at(-1)?.[4]).toBe(45);
    const cell = book.getWorksheet('支出')!.findCell(expenses.indexOf(row) + 1, 4)!;
    expect(cell.type).toBe(ExcelJS.ValueType.String);
  });
});
