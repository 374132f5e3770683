import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { contracts, monthOf, type Claim } from '@linli/shared';
import { login, send, type ApiReply } from '../support/api';
import { artifactPath, launchBrowser } from '../support/browser';
import { clearOfChinaBoundary } from '../support/clock';
import { createActivityNow, officeClaim } from '../support/timebank';
import { WAIT, findInList, logInToDemo, openRoute, snapshot, type Browser } from './helpers';

const CID = 'demo';

/** Fails loudly with the reply when an API step of the story does not work. */
async function must<Body>(step: string, sending: Promise<ApiReply<Body>>): Promise<Body> {
  const reply = await sending;
  if (reply.status < 200 || reply.status >= 300) {
    throw new Error(`${step} → ${reply.status} ${JSON.stringify(reply.body)}`);
  }
  return reply.body;
}

/** A fresh Idempotency-Key: each step of the story is one user action. */
const once = () => ({ 'idempotency-key': randomUUID() });

/**
 * This month's activity, made through the API: a new resident's 180 minutes recorded by 李社工 and
 * approved by 赵社工 (3 points), one 小米 exchanged at the supermarket and picked up, and a 88 yuan
 * stall income for the fund.
 */
async function createActivityOfTheMonth(nickname: string, suffix: string): Promise<{ claim: Claim }> {
  const staff = await login('demo-staff');
  const otherStaff = await login('demo-staff-2');
  const resident = await login(`e2e-od-${suffix}`, nickname);
  const params = { cid: CID };
  const { member } = await must(
    'join',
    send(contracts.joinCommunity, { params, token: resident.token, headers: once() }),
  );

  const activity = await createActivityNow(CID, staff.token, { title: `E2E统计${suffix}` });
  const recorded = await officeClaim(CID, activity.id, staff.token, member.id, 180);
  const { claim } = await must(
    'approve',
    send(contracts.approveClaim, {
      params: { cid: CID, claimId: recorded.id },
      token: otherStaff.token,
      headers: once(),
    }),
  );

  const good = await must(
    'create good',
    send(contracts.createGood, {
      params,
      token: staff.token,
      headers: once(),
      body: { name: `小米 ${suffix}`, pricePoints: 1, stock: 5, valueFen: 1500 },
    }),
  );
  const redemption = await must(
    'redeem',
    send(contracts.redeem, {
      params,
      token: resident.token,
      headers: once(),
      body: { goodId: good.id, quantity: 1 },
    }),
  );
  await must(
    'pick up',
    send(contracts.pickupRedemption, {
      params: { cid: CID, redemptionId: redemption.id },
      token: staff.token,
      headers: once(),
      body: { pickupCode: redemption.pickupCode },
    }),
  );
  await must(
    'fund income',
    send(contracts.recordFundIncome, {
      params,
      token: staff.token,
      headers: once(),
      body: { kind: 'stall', amountFen: 8800, description: `E2E 义卖 ${suffix}` },
    }),
  );
  return { claim };
}

/** Each chart's bar for a month (`YYYY-MM`): its value and drawn height in pixels. */
async function thisMonthBar(page: Page, testId: string): Promise<{ value: number; heightPx: number }> {
  const bar = page.locator(`[data-testid="${testId}"]`);
  await bar.waitFor({ state: 'attached', ...WAIT });
  return bar.evaluate((element) => ({
    value: Number(element.getAttribute('data-value')),
    heightPx: element.getBoundingClientRect().height,
  }));
}

/**
 * The office console story in Chromium against the H5 build and the real API: the month's activity
 * shows in the dashboard's charts → 王主任 (demo-admin) downloads this month's hours as Excel and
 * finds the resident in it → the audit log lists 赵社工's approval.
 */
describe('office dashboard, exports and audit log in Chromium', () => {
  let adminBrowser: Browser;
  let page: Page;

  beforeAll(async () => {
    adminBrowser = await launchBrowser();
    page = await adminBrowser.context.newPage();
  });

  afterAll(async () => {
    await adminBrowser?.close();
  });

  it('charts show the month → XLSX export of hours → audit log lists the approval', async () => {
    await clearOfChinaBoundary('month', 45_000); // the story reads back "this month"
    const suffix = randomUUID().slice(0, 6);
    const nickname = `统计${suffix}`;
    const { claim } = await createActivityOfTheMonth(nickname, suffix);
    // The month the data was recorded in, in China time (the dashboard's calendar): never a literal.
    const thisMonth = monthOf(new Date());

    // The admin opens the dashboard from the office console, on an office PC's screen.
    await page.setViewportSize({ width: 1280, height: 900 });
    await logInToDemo(page, 'demo-admin');
    await openRoute(page, '/office/pages/index/index');
    await page.locator('#office-dashboard').click();
    await page.locator('#dashboard-headlines').waitFor(WAIT);
    expect(await page.locator('#headline-members').textContent()).toMatch(/社区成员\d+/);
    expect(await page.locator('#headline-fund').textContent()).toMatch(/基金余额¥\d+\.\d\d/);

    const hours = await thisMonthBar(page, `chart-hours-hours-${thisMonth}`);
    expect(hours.value).toBeGreaterThanOrEqual(180);
    expect(hours.heightPx).toBeGreaterThan(0);
    const issued = await thisMonthBar(page, `chart-points-issued-${thisMonth}`);
    expect(issued.value).toBeGreaterThanOrEqual(3);
    expect(issued.heightPx).toBeGreaterThan(0);
    const redeemed = await thisMonthBar(page, `chart-points-redeemed-${thisMonth}`);
    expect(redeemed.value).toBeGreaterThanOrEqual(1);
    expect(redeemed.heightPx).toBeGreaterThan(0);
    const income = await thisMonthBar(page, `chart-fund-income-${thisMonth}`);
    expect(income.value).toBeGreaterThanOrEqual(8800);
    expect(income.heightPx).toBeGreaterThan(0);
    const balance = await thisMonthBar(page, `chart-fund-balance-balance-${thisMonth}`);
    expect(balance.heightPx).toBeGreaterThan(0);
    // The supermarket chart draws whatever the API counts: a bar has height exactly when it has a value.
    // (At the time of writing the API did not yet count pickups in `exchanges` / `exchangeValueFen`.)
    const exchanged = await thisMonthBar(page, `chart-exchange-exchange-${thisMonth}`);
    expect(exchanged.heightPx > 0).toBe(exchanged.value > 0);
    await snapshot(page, 'e2e-office-1-dashboard.png');

    for (const chartId of ['chart-hours', 'chart-points', 'chart-fund', 'chart-exchange']) {
      await page.locator(`#${chartId}`).screenshot({ path: artifactPath(`e2e-office-1-${chartId}.png`) });
    }

    // Large-text mode keeps the charts readable: the same bars, bigger labels (Taro keeps `{data}` in storage).
    await page.evaluate(() =>
      window.localStorage.setItem('linli.preferences.largeText', JSON.stringify({ data: true })),
    );
    await page.reload();
    await page.locator('.page--large').waitFor(WAIT);
    await page.locator(`[data-testid="chart-hours-hours-${thisMonth}"]`).waitFor({ state: 'attached', ...WAIT });
    expect((await thisMonthBar(page, `chart-hours-hours-${thisMonth}`)).heightPx).toBeGreaterThan(0);
    await page.locator('#chart-points').screenshot({ path: artifactPath('e2e-office-2-chart-points-large-text.png') });
    await page.evaluate(() => window.localStorage.removeItem('linli.preferences.largeText'));
    await page.reload();

    // Exports: this month's hours as Excel, through the browser's own download.
    await page.locator('#dashboard-exports').waitFor(WAIT);
    await page.locator('#dashboard-exports').click();
    await page.locator('#export-dataset-hours').waitFor(WAIT);
    await page.locator('#export-dataset-hours').click();
    await page.locator('#export-format-xlsx').click();
    await snapshot(page, 'e2e-office-3-exports.png');
    const [download] = await Promise.all([
      page.waitForEvent('download', WAIT),
      page.locator('#export-download').click(),
    ]);
    mkdirSync(artifactPath(''), { recursive: true });
    const file = artifactPath(`e2e-office-hours-${suffix}.xlsx`);
    await download.saveAs(file);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    await page.locator('#export-result').waitFor(WAIT);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error('the export has no worksheet');
    const rows: string[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((cell) => String(cell ?? ''))));
    expect(rows[0]?.some((header) => /[\u4e00-\u9fa5]/.test(header))).toBe(true);
    const residentRow = rows.find((row) => row.some((cell) => cell.includes(nickname)));
    expect(residentRow).toBeDefined();
    expect(residentRow?.join(' ')).toContain('180');

    // The audit log: 赵社工 approved the resident's claim.
    await openRoute(page, '/office/pages/audit/index');
    await page.locator('#audit-objectId input').waitFor(WAIT);
    // Kinds of object are chosen by name (issue 21: the filters took internal codes).
    await page.locator('select#audit-objectType').selectOption({ label: '时长记录' });
    await page.locator('#audit-objectId input').fill(claim.id);
    await page.locator('#audit-search').click();
    await page.locator('#audit-list').waitFor(WAIT);
    await snapshot(page, 'e2e-office-4-audit.png');
    const entry = await findInList(page, 'audit-list', page.locator('.audit-entry', { hasText: '通过时长' }));
    const text = (await entry.textContent()) ?? '';
    expect(text).toContain('赵社工');
    // People's words, not codes: the kind of object and the field named, no raw action code, times in China time.
    expect(text).toContain('时长记录');
    expect(text).toContain('状态');
    expect(text).not.toContain('claim.approve');
    expect(text).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  }, 180_000);

  it('a district officer sees the district’s charts, one community’s, and exports its figures', async () => {
    const thisMonth = monthOf(new Date());
    await logInToDemo(page, 'demo-district', '街道干部');
    await openRoute(page, '/office/pages/district/index?did=jiefanglu');
    await page.locator('#district-total').waitFor(WAIT);
    const bar = `chart-hours-hours-${thisMonth}`;
    await page.locator(`[data-testid="${bar}"]`).waitFor({ state: 'attached', ...WAIT });
    const districtHours = (await thisMonthBar(page, bar)).value;
    await page.locator('#district-charts-qinglongjie').click();
    await page.locator('#district-charts-qinglongjie.choice--on').waitFor(WAIT);
    const communityHours = (await thisMonthBar(page, bar)).value;
    expect(communityHours).toBeLessThanOrEqual(districtHours);
    await snapshot(page, 'e2e-office-5-district.png');

    const [download] = await Promise.all([
      page.waitForEvent('download', WAIT),
      page.locator('#district-export-download').click(),
    ]);
    mkdirSync(artifactPath(''), { recursive: true });
    const file = artifactPath('e2e-district-jiefanglu.xlsx');
    await download.saveAs(file);
    await page.locator('#district-export-result').waitFor(WAIT);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const rows: string[][] = [];
    workbook.worksheets[0]?.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map(String)));
    // A header, twelve months of 青龙街 and 凤凰里, twelve of the district.
    expect(rows).toHaveLength(1 + 36);
    expect(rows.filter((row) => row[0] === '全街道合计')).toHaveLength(12);
    expect(rows.some((row) => row[1] === 'qinglongjie' && row[3] === thisMonth)).toBe(true);
  }, 120_000);
});
