import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { clockTimeOf, contracts, dayOf } from '@linli/shared';
import { login, send } from '../support/api';
import { artifactPath, launchBrowser } from '../support/browser';
import { WAIT, activitiesTitled, browserDateTime, findInList, logInToDemo, openRoute, type Browser } from './helpers';

async function openManagePage(staffPage: Page, activityId: string): Promise<void> {
  await openRoute(staffPage, `/office/pages/activity/index?id=${activityId}`);
  await staffPage.locator('#manage-scope-following').waitFor(WAIT);
}

/**
 * Weekly activities in Chromium (issue 17): staff publish 每周重复 on 发布活动 (the start day's weekday
 * proposed, four weeks, a preview of the dates) → the list shows 每周… → 这次及以后 renames the second
 * time on and moves it to the afternoon → cancelling 这次及以后 from the third leaves the first two.
 */
describe('weekly activities in Chromium', () => {
  let browser: Browser;
  let staffPage: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    staffPage = await browser.context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('publish every week → edit this and later ones → cancel this and later ones', async () => {
    const title = `E2E助老洗澡${randomUUID().slice(0, 6)}`;
    const staff = await login('demo-staff');

    await logInToDemo(staffPage, 'demo-staff');
    await openRoute(staffPage, '/office/pages/new-activity/index');
    await staffPage.locator('#activity-title input').waitFor(WAIT);
    const start = await browserDateTime(staffPage, 24 * 60);
    const end = await browserDateTime(staffPage, 24 * 60 + 120);
    await staffPage.locator('#activity-title input').fill(title);
    await staffPage.locator('#activity-category-care').click();
    await staffPage.locator('#activity-start-date input').fill(start.date);
    await staffPage.locator('#activity-start-time input').fill(start.time);
    await staffPage.locator('#activity-end-date input').fill(end.date);
    await staffPage.locator('#activity-end-time input').fill(end.time);
    await staffPage.locator('#activity-repeat-weekly').click();
    await staffPage.locator('#activity-repeat-preview').waitFor(WAIT);
    expect(await staffPage.locator('#activity-repeat-preview').textContent()).toContain('共 4 次');
    expect(await staffPage.locator('#activity-weekdays .choice--on').count()).toBe(1);
    await staffPage.screenshot({ path: artifactPath('e2e-series-1-new-weekly.png'), fullPage: true });
    await staffPage.locator('#activity-submit').click();

    const card = await findInList(
      staffPage,
      'office-activities-list',
      staffPage.locator('.activity-card', { hasText: title }),
    );
    expect(await card.locator('.activity-card__series').textContent()).toMatch(/^每周[一二三四五六日]$/);
    const created = await activitiesTitled(staff.token, title);
    expect(created).toHaveLength(4);
    expect(new Set(created.map((activity) => activity.seriesId)).size).toBe(1);

    // 这次及以后 from the second time: a new name and the afternoon, each keeping its own day.
    await openManagePage(staffPage, created[1]!.id);
    await staffPage.locator('#manage-scope-following').click();
    await staffPage.locator('#manage-title input').fill(`${title}下午`);
    await staffPage.locator('#manage-start-time input').fill('14:00');
    await staffPage.locator('#manage-end-time input').fill('16:00');
    await staffPage.locator('#manage-save').click();
    await staffPage.locator('#manage-edit-result, #manage-edit-error').waitFor(WAIT);
    expect(await staffPage.locator('#manage-edit-error').allTextContents()).toEqual([]);
    expect(await staffPage.locator('#manage-edit-result').textContent()).toContain('已修改 3 次活动');
    await staffPage.screenshot({ path: artifactPath('e2e-series-2-edit-following.png'), fullPage: true });
    const [unchanged] = await activitiesTitled(staff.token, title);
    const edited = await activitiesTitled(staff.token, `${title}下午`);
    expect(unchanged).toMatchObject({ id: created[0]!.id, startsAt: created[0]!.startsAt });
    expect(edited.map((activity) => activity.id)).toEqual(created.slice(1).map((activity) => activity.id));
    expect(new Set(edited.map((activity) => clockTimeOf(activity.startsAt))).size).toBe(1);
    expect(clockTimeOf(edited[0]!.startsAt)).not.toBe(clockTimeOf(created[1]!.startsAt));

    // 取消这次及以后 from the third time: the first two stay, the series ends on the second's day.
    await openManagePage(staffPage, created[2]!.id);
    await staffPage.locator('#manage-scope-following').click();
    await staffPage.locator('#manage-cancel-start').click();
    await staffPage.locator('#manage-cancel-confirm').click();
    await staffPage.locator('#manage-cancel-result, #manage-cancel-error').waitFor(WAIT);
    expect(await staffPage.locator('#manage-cancel-error').allTextContents()).toEqual([]);
    expect(await staffPage.locator('#manage-cancel-result').textContent()).toContain(
      `已取消 2 次活动，每周活动到 ${dayOf(edited[0]!.startsAt)} 为止`,
    );
    await staffPage.locator('#manage-cancelled').waitFor(WAIT);
    const series = await send(contracts.getActivitySeries, {
      params: { cid: 'demo', sid: created[0]!.seriesId! },
      token: staff.token,
    });
    expect(series.body.activities.map((activity) => activity.status)).toEqual([
      'scheduled',
      'scheduled',
      'cancelled',
      'cancelled',
    ]);
  });
});
