import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { contracts } from '@linli/shared';
import { login, send } from '../support/api';
import { launchBrowser } from '../support/browser';
import { createActivityNow, officeClaim } from '../support/timebank';
import { WAIT, logInToDemo, openRoute, snapshot, type Browser } from './helpers';

const CID = 'demo';

/** Two residents with office entries of 150 and 45 minutes, recorded by 赵社工 (so 李社工 may decide them). */
async function twoPendingClaims(suffix: string): Promise<{ activityId: string; long: string; short: string }> {
  const recorder = await login('demo-staff-2');
  const activity = await createActivityNow(CID, recorder.token, { title: `E2E桌面${suffix}` });
  const names = { long: `长时${suffix}`, short: `短时${suffix}` };
  for (const [key, name, minutes] of [
    ['long', names.long, 150],
    ['short', names.short, 45],
  ] as const) {
    const resident = await login(`e2e-desk-${key}-${suffix}`, name);
    const joined = await send(contracts.joinCommunity, {
      params: { cid: CID },
      token: resident.token,
      headers: { 'idempotency-key': randomUUID() },
    });
    if (joined.status >= 300) throw new Error(`join → ${joined.status} ${JSON.stringify(joined.body)}`);
    await officeClaim(CID, activity.id, recorder.token, joined.body.member.id, minutes);
  }
  return { activityId: activity.id, ...names };
}

/** The element shown for `selector`: pages under the one shown stay in the DOM, hidden (Taro's H5 page stack). */
const shown = (page: Page, selector: string) => page.locator(`${selector} >> visible=true`);

/** The member names of the claims table's rows, top to bottom. */
const tableMembers = (page: Page) =>
  page.locator('#claims-list tbody tr').evaluateAll((rows) => rows.map((row) => row.children[1]?.textContent ?? ''));

/**
 * Issue 21: the office console at a desk. 李社工 (demo-staff) on a 1280×800 PC screen gets the sections
 * sidebar and the home's section cards → the claims queue as a table, sorted by a column and filtered →
 * the orders table → on a 1920×1080 projector the check-in QR in projector mode fills the screen.
 */
describe('the office console at a desk in Chromium', () => {
  let staffBrowser: Browser;
  let page: Page;

  beforeAll(async () => {
    staffBrowser = await launchBrowser();
    page = await staffBrowser.context.newPage();
  });

  afterAll(async () => {
    await staffBrowser?.close();
  });

  it('sidebar and section cards → claims table sorted and filtered → orders table → projector mode', async () => {
    const suffix = randomUUID().slice(0, 6);
    const { activityId, long, short } = await twoPendingClaims(suffix);

    await page.setViewportSize({ width: 1280, height: 800 });
    await logInToDemo(page, 'demo-staff');
    await openRoute(page, '/office/pages/index/index');
    await page.locator('#office-sidebar').waitFor(WAIT);
    expect(await page.locator('#office-sidebar h2').allTextContents()).toEqual([
      '时间银行',
      '积分超市',
      '商户联盟',
      '手作小店',
      '公益基金',
      '社区管理',
    ]);
    expect(await page.locator('#office-nav-home').getAttribute('aria-current')).toBe('page');
    await page.locator('#office-sections #office-section-timebank').waitFor(WAIT);
    const content = await page.locator('.page__main').boundingBox();
    expect(content?.width).toBeGreaterThan(960); // no phone column
    await snapshot(page, 'e2e-desk-1-office-home.png');

    // The approval queue from the sidebar: a table; sort by duration, then filter to this story's claims.
    await page.locator('#office-nav-claims').click();
    await page.locator('#claims-list table').waitFor(WAIT);
    expect(await shown(page, '#office-nav-claims').getAttribute('aria-current')).toBe('page');
    await page.locator('#claims-list-filter').fill(suffix);
    await page.locator('#claims-list tbody tr').nth(1).waitFor(WAIT);
    expect(await page.locator('#claims-list tbody tr').count()).toBe(2);

    const durationHeader = page.locator('th', { has: page.locator('#claims-list-sort-minutes') });
    await page.locator('#claims-list-sort-minutes').click();
    expect(await durationHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(await tableMembers(page)).toEqual([short, long]);
    await page.locator('#claims-list-sort-minutes').click();
    expect(await durationHeader.getAttribute('aria-sort')).toBe('descending');
    expect(await tableMembers(page)).toEqual([long, short]);
    await snapshot(page, 'e2e-desk-2-claims-table.png');

    await page.locator('#claims-list-filter').fill(short);
    expect(await tableMembers(page)).toEqual([short]);

    // Orders: a table too, from the sidebar.
    await shown(page, '#office-nav-orders').click();
    await page.locator('#office-orders table, #office-orders-empty').first().waitFor(WAIT);
    expect(await shown(page, '#office-nav-orders').getAttribute('aria-current')).toBe('page');
    await page.waitForTimeout(500);
    expect(await shown(page, '#office-nav-orders').isVisible()).toBe(true);
    const ordersLink = await shown(page, '#office-nav-orders').boundingBox();
    expect((ordersLink?.y ?? 0) + (ordersLink?.height ?? 0)).toBeLessThanOrEqual(801); // scrolled into view
    await snapshot(page, 'e2e-desk-3-orders-table.png');

    // The check-in QR on a 1920×1080 projector: projector mode makes it the largest square that fits.
    await page.setViewportSize({ width: 1920, height: 1080 });
    await openRoute(page, `/office/pages/checkin-code/index?id=${activityId}`);
    await page.locator('#checkin-code-digits').waitFor(WAIT);
    const before = await page.locator('#checkin-qr').boundingBox();
    await snapshot(page, 'e2e-desk-4-checkin-code.png');
    await page.locator('#checkin-projector-open').click();
    await page.locator('#checkin-projector').waitFor(WAIT);
    expect(await page.locator('#checkin-projector-title').textContent()).toBe(`E2E桌面${suffix}`);
    const qr = await page.locator('#checkin-qr').boundingBox();
    expect(qr).not.toBeNull();
    expect(qr!.width).toBeGreaterThanOrEqual(900);
    expect(Math.abs(qr!.width - qr!.height)).toBeLessThan(2);
    expect(qr!.y + qr!.height).toBeLessThanOrEqual(1080);
    expect(qr!.width).toBeGreaterThan(2 * (before?.width ?? 0));
    await snapshot(page, 'e2e-desk-5-projector.png');

    await page.keyboard.press('Escape');
    await page.locator('#checkin-projector').waitFor({ state: 'detached', ...WAIT });
    await page.locator('#checkin-projector-open').waitFor(WAIT);

    // Back at a phone's width the same page is the phone column again, without the sidebar.
    await page.setViewportSize({ width: 414, height: 896 });
    await page.locator('#office-sidebar').waitFor({ state: 'detached', ...WAIT });
    await openRoute(page, '/office/pages/index/index');
    await page.locator('#office-claims').waitFor(WAIT);
    expect(await page.locator('#office-sections').count()).toBe(0);
    await snapshot(page, 'e2e-desk-6-phone-home.png');
  });
});
