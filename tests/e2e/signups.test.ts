import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { contracts } from '@linli/shared';
import { login, send } from '../support/api';
import { artifactPath, launchBrowser } from '../support/browser';
import { minutesFromNow } from '../support/timebank';
import {
  WAIT,
  activitiesTitled,
  browserDateTime,
  findInList,
  logInToDemo,
  openRoute,
  snapshot,
  type Browser,
} from './helpers';

/** A resident opens the activity's page (logged in as `openid`, joining demo the first time). */
async function openActivityAs(page: Page, openid: string, nickname: string, activityId: string) {
  await logInToDemo(page, openid, nickname);
  await openRoute(page, `/volunteer/pages/activity/index?id=${activityId}`);
  await page.locator('#signup-panel').waitFor(WAIT);
}

async function outcomeText(page: Page, id: string): Promise<string> {
  const answer = page.locator(`#${id}-result, #${id}-error`);
  await answer.waitFor(WAIT);
  return (await answer.textContent()) ?? '';
}

/**
 * 报名 in Chromium (issue 17): staff publish a weekly activity with two positions (厨师 1, 司机 1) that
 * takes only confirmed sign-ups → 小王 signs up as 厨师, 小李 too and is waitlisted → 小王 cancels and 小李
 * is promoted and sees it → a stranger's check-in is refused → the roster exports as Excel with the rows.
 */
describe('sign-up in Chromium', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('weekly activity with positions → waitlist → promotion → sign-up-required check-in → roster export', async () => {
    const suffix = randomUUID().slice(0, 6);
    const title = `E2E助老做饭${suffix}`;
    const staff = await login('demo-staff');

    // Staff: 发布活动, weekly, two positions, check-in only for confirmed sign-ups.
    await logInToDemo(page, 'demo-staff');
    await openRoute(page, '/office/pages/new-activity/index');
    await page.locator('#activity-title input').waitFor(WAIT);
    const start = await browserDateTime(page, 24 * 60);
    const end = await browserDateTime(page, 24 * 60 + 120);
    await page.locator('#activity-title input').fill(title);
    await page.locator('#activity-category-cooking').click();
    await page.locator('#activity-start-date input').fill(start.date);
    await page.locator('#activity-start-time input').fill(start.time);
    await page.locator('#activity-end-date input').fill(end.date);
    await page.locator('#activity-end-time input').fill(end.time);
    for (const [index, [name, capacity]] of [
      ['厨师', '1'],
      ['司机', '1'],
    ].entries()) {
      await page.locator('#activity-position-add').click();
      await page.locator(`#activity-position-name-${index} input`).fill(name!);
      await page.locator(`#activity-position-capacity-${index} input`).fill(capacity!);
    }
    await page.locator('#activity-signup-required-yes').click();
    await page.locator('#activity-repeat-weekly').click();
    await page.locator('#activity-repeat-preview').waitFor(WAIT);
    await snapshot(page, 'e2e-signup-1-new-activity.png');
    await page.locator('#activity-submit').click();
    await findInList(page, 'office-activities-list', page.locator('.activity-card', { hasText: title }));
    const occurrences = await activitiesTitled(staff.token, title);
    expect(occurrences.length).toBeGreaterThan(1);
    const activity = occurrences[0]!;
    expect(activity.positions?.map((position) => position.name)).toEqual(['厨师', '司机']);
    expect(activity.signupRequired).toBe(true);
    const cook = activity.positions![0]!.id;

    // 小王 takes the one cook's place; 小李 is waitlisted behind.
    await openActivityAs(page, `e2e-su-wang-${suffix}`, `小王${suffix}`, activity.id);
    await page.locator(`#signup-${cook}`).click();
    expect(await outcomeText(page, 'signup')).toContain('报名成功');
    await page.locator('#signup-state').waitFor(WAIT);
    expect(await page.locator('#signup-state').textContent()).toContain('厨师');
    await openActivityAs(page, `e2e-su-li-${suffix}`, `小李${suffix}`, activity.id);
    await page.locator(`#signup-${cook}`).click();
    expect(await outcomeText(page, 'signup')).toContain('候补');
    expect(await page.locator('#signup-state').textContent()).toContain('候补第 1 位');
    await snapshot(page, 'e2e-signup-2-waitlisted.png');

    // 小王 cancels (asked twice); 小李 is promoted and sees it on the page and in 消息.
    await openActivityAs(page, `e2e-su-wang-${suffix}`, `小王${suffix}`, activity.id);
    await page.locator('#signup-cancel').click();
    await page.locator('#signup-cancel-confirm').click();
    expect(await outcomeText(page, 'signup')).toContain('已取消报名');
    await openActivityAs(page, `e2e-su-li-${suffix}`, `小李${suffix}`, activity.id);
    await page.locator('#signup-state', { hasText: '你已报名成功：厨师' }).waitFor(WAIT);
    await openRoute(page, '/shop/pages/inbox/index');
    await page.locator('.card', { hasText: '候补转为报名成功' }).first().waitFor(WAIT);
    await snapshot(page, 'e2e-signup-3-promoted.png');

    // The activity begins (staff move it to now): a stranger's check-in is refused with the reason.
    const moved = await send(contracts.updateActivity, {
      params: { cid: 'demo', aid: activity.id },
      token: staff.token,
      body: { startsAt: minutesFromNow(-30), endsAt: minutesFromNow(90) },
    });
    expect(moved.status).toBe(200);
    const code = await send(contracts.getCheckinCode, {
      params: { cid: 'demo', aid: activity.id },
      token: staff.token,
    });
    await openActivityAs(page, `e2e-su-stranger-${suffix}`, `路人${suffix}`, activity.id);
    await page.locator('#checkin-code input').fill(code.body.code);
    await page.locator('#checkin-submit').click();
    expect(await outcomeText(page, 'checkin')).toContain('需要先报名成功');

    // 小李 checks in: the page says so at once (进行中 · 已签到), and still after a reload (issue 21).
    await openActivityAs(page, `e2e-su-li-${suffix}`, `小李${suffix}`, activity.id);
    expect(await page.locator('#activity-phase').textContent()).toBe('进行中');
    expect(await page.locator('#activity-my-attendance').count()).toBe(0);
    await page.locator('#checkin-code input').fill(code.body.code);
    await page.locator('#checkin-submit').click();
    expect(await outcomeText(page, 'checkin')).toContain('签到');
    await page.locator('#activity-my-attendance', { hasText: '已签到' }).waitFor(WAIT);
    await page.reload();
    await page.locator('#activity-my-attendance', { hasText: '已签到' }).waitFor(WAIT);

    // Staff: the roster, exported as Excel.
    await logInToDemo(page, 'demo-staff');
    await openRoute(page, `/office/pages/roster/index?activityId=${activity.id}`);
    await page.locator('#roster-summary, #roster-error').first().waitFor(WAIT);
    expect(await page.locator('#roster-error').count()).toBe(0);
    await snapshot(page, 'e2e-signup-4-roster.png');
    const [download] = await Promise.all([
      page.waitForEvent('download', WAIT),
      page.locator('#roster-export-download').click(),
    ]);
    mkdirSync(artifactPath(''), { recursive: true });
    const file = artifactPath(`e2e-roster-${suffix}.xlsx`);
    await download.saveAs(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const rows: string[][] = [];
    workbook.worksheets[0]?.eachRow((row) =>
      rows.push(Array.from((row.values as unknown[]).slice(1), (cell) => String(cell ?? ''))),
    );
    const header = rows[0] ?? [];
    const byName = new Map(rows.slice(1).map((row) => [row[header.indexOf('姓名')], row]));
    expect(byName.get(`小李${suffix}`)?.[header.indexOf('报名状态')]).toBe('已报名');
    expect(byName.get(`小李${suffix}`)?.[header.indexOf('岗位')]).toBe('厨师');
    expect(byName.get(`小王${suffix}`)?.[header.indexOf('报名状态')]).toBe('已取消');
    expect(rows).toHaveLength(3);
  }, 240_000);
});
