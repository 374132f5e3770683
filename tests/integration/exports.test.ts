import ExcelJS from 'exceljs';
import { contracts, dayOf, type MerchantDetail, type Order, type ParamsOf, type Redemption } from '@linli/shared';
import { clearOfChinaBoundary } from '../support/clock';
import { errorOf, login, send, urlOf } from '../support/api';
import { keyed, parseCsv } from '../support/csv';
import { createMember } from '../support/factories';
import { activeMerchant } from '../support/market';
import { createActivityNow, officeClaim, timebankCommunity } from '../support/timebank';

type Person = { token: string; userId: string };

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DATASETS = ['members', 'hours', 'ledger', 'redemptions', 'merchant-uses', 'orders', 'fund'] as const;
type Dataset = (typeof DATASETS)[number];

/** A download over real HTTP, kept as bytes (XLSX must arrive as binary, not as base64 text). */
async function download(url: string, token?: string) {
  const response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

async function csvExport(cid: string, dataset: Dataset, from: string, to: string, token: string) {
  const reply = await download(urlOf(contracts.exportData, { params: { cid, dataset }, query: { from, to } }), token);
  expect(reply.status).toBe(200);
  expect(reply.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect([...reply.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const rows = parseCsv(reply.bytes.subarray(3).toString('utf8'));
  return { reply, rows, records: keyed(rows) };
}

async function xlsxExport(cid: string, dataset: Dataset, from: string, to: string, token: string) {
  const reply = await download(
    urlOf(contracts.exportData, { params: { cid, dataset }, query: { from, to, format: 'xlsx' } }),
    token,
  );
  expect(reply.status).toBe(200);
  expect(reply.headers.get('content-type')).toBe(XLSX_TYPE);
  expect(reply.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(reply.bytes as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0]!;
  const rows: unknown[][] = [];
  sheet.eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1));
  });
  return { reply, sheet, rows, records: keyed(rows) };
}

const must = <Body>(reply: { status: number; body: Body }, status: number, what: string): Body => {
  if (reply.status !== status) throw new Error(`${what} → ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
};

describe('office exports', () => {
  let cid: string;
  let staff: Person;
  let resident: Person;
  let residentName: string;
  let merchant: MerchantDetail;
  let redemption: Redemption;
  let paidOrder: Order;
  let claimId: string;
  // The day the data below is made: beforeAll starts clear of midnight, so it all falls in one day.
  let today: string;
  const pastFrom = '2025-01-01';
  const pastTo = '2025-01-31';

  beforeAll(async () => {
    await clearOfChinaBoundary('day', 90_000);
    today = dayOf(new Date());
    const community = await timebankCommunity();
    ({ cid, staff, resident } = community);
    const { otherStaff } = community;
    const owner = await createMember(cid, ['resident'], 'owner');
    const maker = await createMember(cid, ['maker'], 'maker');

    // Volunteer hours: 180 minutes approved by a second staff member → 3 points and a certificate.
    const activity = await createActivityNow(cid, staff.token, { title: '扫雪, 单元门口' });
    const claim = await officeClaim(cid, activity.id, staff.token, resident.userId, 180);
    claimId = claim.id;
    residentName = claim.memberName;
    must(
      await send(contracts.approveClaim, { params: { cid, claimId: claim.id }, token: otherStaff.token }),
      200,
      'approve',
    );

    // A discount use at an alliance merchant.
    merchant = await activeMerchant(cid, owner, staff);
    const pass = must(
      await send(contracts.getCertificatePass, { params: { cid }, token: resident.token }),
      200,
      'pass',
    );
    must(
      await send(contracts.verifyPass, {
        params: { cid, mid: merchant.id },
        token: owner.token,
        body: { token: pass.token, billFen: 4200 },
      }),
      200,
      'verify-pass',
    );

    // A redemption at the credit supermarket.
    const good = must(
      await send(contracts.createGood, {
        params: { cid },
        token: staff.token,
        body: { name: '小米 1kg', pricePoints: 2, stock: 5, valueFen: 1500 },
      }),
      201,
      'good',
    );
    redemption = must(
      await send(contracts.redeem, { params: { cid }, token: resident.token, body: { goodId: good.id, quantity: 1 } }),
      201,
      'redeem',
    );

    // A shop order paid with the dev payment: 20% of 150.00 goes to the fund.
    const product = must(
      await send(contracts.createProduct, {
        params: { cid },
        token: maker.token,
        body: { title: '手工草帽', description: '麦秆编织', priceFen: 15000, stock: 3 },
      }),
      201,
      'product',
    );
    must(
      await send(contracts.approveProduct, { params: { cid, pid: product.id }, token: staff.token }),
      200,
      'approve product',
    );
    const ordered = must(
      await send(contracts.createOrder, {
        params: { cid },
        token: resident.token,
        body: { items: [{ productId: product.id, quantity: 1 }] },
      }),
      201,
      'order',
    );
    paidOrder = must(
      await send(contracts.devPayOrder, { params: { cid, oid: ordered.id }, token: resident.token }),
      200,
      'dev-pay',
    ).order;

    // A fund income whose description a spreadsheet would take for a formula.
    must(
      await send(contracts.recordFundIncome, {
        params: { cid },
        token: staff.token,
        body: { kind: 'stall', amountFen: 12345, description: '=十一月公益集市' },
      }),
      201,
      'fund income',
    );
  }, 150_000);

  it('members: who joined in the range, with their numbers and Chinese roles', async () => {
    const csv = await csvExport(cid, 'members', today, today, staff.token);
    const xlsx = await xlsxExport(cid, 'members', today, today, staff.token);

    expect(csv.rows[0]).toEqual(['加入时间', '编号', '姓名', '角色', '成员编号']);
    expect(xlsx.rows[0]).toEqual(csv.rows[0]);
    for (const { records } of [csv, xlsx]) {
      expect(records).toHaveLength(7);
      // Every member of the community has their number: 1001 to 1007, each once.
      expect(records.map((record) => String(record['编号'])).sort()).toEqual([
        '1001',
        '1002',
        '1003',
        '1004',
        '1005',
        '1006',
        '1007',
      ]);
      expect(records).toContainEqual(
        expect.objectContaining({ 姓名: residentName, 角色: '居民', 成员编号: resident.userId }),
      );
      expect(records.map((record) => record['角色'])).toContain('管理员、社工');
      expect(String(records[0]!['加入时间'])).toMatch(new RegExp(`^${today} \\d\\d:\\d\\d$`));
    }
  });

  it('hours: the approved claim with minutes, points and approver', async () => {
    const csv = await csvExport(cid, 'hours', today, today, staff.token);
    const xlsx = await xlsxExport(cid, 'hours', today, today, staff.token);

    expect(csv.rows[0]).toEqual([
      '申报时间',
      '成员',
      '活动',
      '时长（分钟）',
      '积分',
      '来源',
      '审核人',
      '审核时间',
      '成员编号',
      '申报编号',
    ]);
    const expected = { 成员: residentName, 活动: '扫雪, 单元门口', 来源: '社区录入', 申报编号: claimId };
    expect(csv.records).toEqual([expect.objectContaining({ ...expected, '时长（分钟）': '180', 积分: '3' })]);
    expect(xlsx.records).toEqual([expect.objectContaining({ ...expected, '时长（分钟）': 180, 积分: 3 })]);
    expect(String(csv.records[0]!['审核人'])).toMatch(/^staff2-/);
  });

  it('ledger: one row per posting of the claim and the redemption', async () => {
    const csv = await csvExport(cid, 'ledger', today, today, staff.token);
    const xlsx = await xlsxExport(cid, 'ledger', today, today, staff.token);

    expect(csv.rows[0]).toEqual(['时间', '类型', '摘要', '转出', '转入', '积分', '操作人', '流水号', '冲正流水号']);
    for (const { records } of [csv, xlsx]) {
      expect(records).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ 类型: '志愿服务', 转出: '社区发行', 转入: residentName }),
          expect.objectContaining({ 类型: '兑换', 转出: residentName, 转入: '兑换回收' }),
        ]),
      );
    }
    expect(xlsx.records.find((record) => record['类型'] === '志愿服务')?.['积分']).toBe(3);
    expect(csv.records.find((record) => record['类型'] === '兑换')?.['积分']).toBe('2');
  });

  it('redemptions: goods, points and value in yuan', async () => {
    const csv = await csvExport(cid, 'redemptions', today, today, staff.token);
    const xlsx = await xlsxExport(cid, 'redemptions', today, today, staff.token);

    const expected = { 成员: residentName, 物品: '小米 1kg', 状态: '待领取', 兑换编号: redemption.id };
    expect(csv.records).toEqual([expect.objectContaining({ ...expected, 合计积分: '2', '价值（元）': '15.00' })]);
    expect(xlsx.records).toEqual([expect.objectContaining({ ...expected, 合计积分: 2, '价值（元）': 15 })]);
    expect(xlsx.sheet.getRow(2).getCell(7).numFmt).toBe('0.00');
  });

  it('merchant uses: the verified pass with the bill', async () => {
    const csv = await csvExport(cid, 'merchant-uses', today, today, staff.token);
    const xlsx = await xlsxExport(cid, 'merchant-uses', today, today, staff.token);

    expect(csv.rows[0]).toEqual([
      '使用时间',
      '商家',
      '成员',
      '消费金额（元）',
      '疑似代用',
      '提示原因',
      '商家编号',
      '成员编号',
    ]);
    expect(csv.records).toEqual([
      expect.objectContaining({ 商家: '王记面馆', 成员: residentName, '消费金额（元）': '42.00', 疑似代用: '否' }),
    ]);
    expect(xlsx.records).toEqual([
      expect.objectContaining({ 商家: '王记面馆', '消费金额（元）': 42, 商家编号: merchant.id }),
    ]);
  });

  it('orders: the paid order with the fund and maker shares', async () => {
    const csv = await csvExport(cid, 'orders', today, today, staff.token);
    const xlsx = await xlsxExport(cid, 'orders', today, today, staff.token);

    const expected = { 订单号: paidOrder.id, 类型: '商品', 商品: '手工草帽×1', 状态: '已付款' };
    expect(csv.records).toEqual([
      expect.objectContaining({
        ...expected,
        '金额（元）': '150.00',
        '基金份额（元）': '30.00',
        '手艺人所得（元）': '120.00',
      }),
    ]);
    expect(xlsx.records).toEqual([
      expect.objectContaining({ ...expected, '金额（元）': 150, '基金份额（元）': 30, '手艺人所得（元）': 120 }),
    ]);
  });

  it('fund: the sale share and the income, formula-looking text guarded in CSV only', async () => {
    const csv = await csvExport(cid, 'fund', today, today, staff.token);
    const xlsx = await xlsxExport(cid, 'fund', today, today, staff.token);

    expect(csv.rows[0]).toEqual([
      '序号',
      '时间',
      '类型',
      '金额（元）',
      '余额（元）',
      '说明',
      '捐赠人',
      '用途类别',
      '审批人',
      '哈希',
    ]);
    expect(
      csv.records.map((record) => [record['序号'], record['类型'], record['金额（元）'], record['余额（元）']]),
    ).toEqual([
      ['1', '销售分成', '30.00', '30.00'],
      ['2', '义卖', '123.45', '153.45'],
    ]);
    expect(csv.records[1]!['说明']).toBe("'=十一月公益集市");
    expect(xlsx.records[1]).toMatchObject({ 序号: 2, 说明: '=十一月公益集市', '金额（元）': 123.45 });
    expect(xlsx.sheet.getRow(3).getCell(6).type).toBe(ExcelJS.ValueType.String);
  });

  it('a range without activity gives the header only, in both formats', async () => {
    for (const dataset of DATASETS) {
      const csv = await csvExport(cid, dataset, pastFrom, pastTo, staff.token);
      const xlsx = await xlsxExport(cid, dataset, pastFrom, pastTo, staff.token);
      expect([dataset, csv.rows.length, xlsx.rows.length]).toEqual([dataset, 1, 1]);
      expect(xlsx.rows[0]).toEqual(csv.rows[0]);
    }
  });

  it('names the file in ASCII and in UTF-8 (RFC 5987)', async () => {
    const { reply } = await xlsxExport(cid, 'hours', today, today, staff.token);
    const disposition = reply.headers.get('content-disposition') ?? '';

    expect(disposition).toContain(`attachment; filename="${cid}-hours-${today}_${today}.xlsx"`);
    const encoded = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1] ?? '';
    expect(decodeURIComponent(encoded)).toBe(`志愿时长-${cid}-${today}至${today}.xlsx`);
  });

  it('refuses bad dates, from after to and more than 366 days with 400', async () => {
    const code = async (query: string) => {
      const reply = await send(contracts.exportData, {
        params: { cid, dataset: 'hours' },
        invalidQuery: Object.fromEntries(new URLSearchParams(query)),
        token: staff.token,
      });
      return [reply.status, errorOf(reply)?.code];
    };

    expect(await code('from=2026-11-22&to=2026-11-01')).toEqual([400, 'export.range_invalid']);
    expect(await code('from=2026-02-30&to=2026-03-01')).toEqual([400, 'export.range_invalid']);
    expect(await code('from=2025-01-01&to=2026-01-02')).toEqual([400, 'export.range_too_long']);
    expect(await code('from=22-11-2026&to=2026-11-22')).toEqual([400, 'request.validation_failed']);
    expect(await code('from=2026-11-01')).toEqual([400, 'request.validation_failed']);
    expect(await code('from=2026-11-01&to=2026-11-22&format=pdf')).toEqual([400, 'request.validation_failed']);
    // not a dataset: refused by the path's schema
    const passwords = { cid, dataset: 'passwords' } as unknown as ParamsOf<typeof contracts.exportData>;
    const unknownDataset = await send(contracts.exportData, {
      params: passwords,
      query: { from: today, to: today },
      token: staff.token,
    });
    expect(unknownDataset.status).toBe(400);
  });

  it('is for this community’s office only: 401 anonymous, 403 resident, 403 another community’s staff', async () => {
    const members = { params: { cid, dataset: 'members' }, query: { from: today, to: today } } as const;
    const otherStaff = await login('demo-staff');

    expect((await send(contracts.exportData, members)).status).toBe(401);
    expect((await send(contracts.exportData, { ...members, token: resident.token })).status).toBe(403);
    expect((await send(contracts.exportData, { ...members, token: otherStaff.token })).status).toBe(403);
    const demoMembers = { ...members, params: { cid: 'demo', dataset: 'members' } } as const;
    expect((await send(contracts.exportData, { ...demoMembers, token: staff.token })).status).toBe(403);
  });
});
