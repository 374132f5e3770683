import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { login } from '../support/api';
import { artifactPath, launchBrowser } from '../support/browser';
import { createActivityNow, minutesFromNow } from '../support/timebank';
import { WAIT, browserDateTime, findInList, logInToDemo, openRoute, type Browser } from './helpers';

async function currentCheckinCode(staffPage: Page): Promise<string> {
  const digits = staffPage.locator('#checkin-code-digits');
  await digits.waitFor(WAIT).catch(async (error: unknown) => {
    await staffPage.screenshot({ path: artifactPath('e2e-timebank-failed-checkin-code.png'), fullPage: true });
    throw error;
  });
  const code = ((await digits.textContent()) ?? '').replace(/\D/g, '');
  expect(code).toMatch(/^\d{6}$/);
  return code;
}

/**
 * The time bank story in Chromium against the H5 build and the real local API:
 * staff publish an activity and show its rotating code → a new resident checks in with
 * the 6 digits → staff record 180 minutes for them at the office for an earlier activity
 * they attended without scanning (one attendance per member and activity) → a *second*
 * staff member approves → the resident sees 志愿积分 3, +3 in the history and a live certificate.
 */
describe('time bank in Chromium', () => {
  let staffBrowser: Browser;
  let residentBrowser: Browser;
  let staffPage: Page;
  let residentPage: Page;

  beforeAll(async () => {
    staffBrowser = await launchBrowser();
    residentBrowser = await launchBrowser();
    staffPage = await staffBrowser.context.newPage();
    residentPage = await residentBrowser.context.newPage();
  });

  afterAll(async () => {
    await staffBrowser?.close();
    await residentBrowser?.close();
  });

  it('activity → code check-in → office entry → second staff approves → 3 points and a live certificate', async () => {
    const suffix = randomUUID().slice(0, 6);
    const title = `E2E楼道清洁${suffix}`;
    const nickname = `志愿者${suffix}`;

    // Staff publish an activity that started five minutes ago and show its check-in code.
    await logInToDemo(staffPage, 'demo-staff');
    await staffPage.locator('#me-office').click();
    await staffPage.locator('#office-new-activity').waitFor(WAIT);
    await staffPage.waitForTimeout(500); // let the page slide in before the picture
    await staffPage.screenshot({ path: artifactPath('e2e-timebank-0-office.png'), fullPage: true });
    await staffPage.locator('#office-new-activity').click();
    await staffPage.locator('#activity-title input').waitFor(WAIT);
    const start = await browserDateTime(staffPage, -5);
    const end = await browserDateTime(staffPage, 120);
    await staffPage.locator('#activity-title input').fill(title);
    await staffPage.locator('#activity-category-cleaning').click();
    await staffPage.locator('#activity-start-date input').fill(start.date);
    await staffPage.locator('#activity-start-time input').fill(start.time);
    await staffPage.locator('#activity-end-date input').fill(end.date);
    await staffPage.locator('#activity-end-time input').fill(end.time);
    await staffPage.locator('#activity-location input').fill('社区活动室');
    await staffPage.screenshot({ path: artifactPath('e2e-timebank-1-new-activity.png'), fullPage: true });
    await staffPage.locator('#activity-submit').click();

    const staffCard = await findInList(
      staffPage,
      'office-activities-list',
      staffPage.locator('.activity-card', { hasText: title }),
    );
    await staffCard.locator('.show-code').click();
    await currentCheckinCode(staffPage);
    await staffPage.locator('#checkin-qr .qr__run--dark').first().waitFor(WAIT);
    const activityId = new URL(staffPage.url().replace('#', '')).searchParams.get('id');
    expect(activityId).toBeTruthy();
    await staffPage.screenshot({ path: artifactPath('e2e-timebank-2-checkin-code.png'), fullPage: true });

    // A new resident joins demo, opens the activity and checks in with the 6 digits on the staff screen.
    await logInToDemo(residentPage, `e2e-tb-${suffix}`, nickname);
    await openRoute(residentPage, '/pages/activities/index');
    const residentCard = await findInList(
      residentPage,
      'activities-list',
      residentPage.locator('.activity-card', { hasText: title }),
    );
    await residentPage.screenshot({ path: artifactPath('e2e-timebank-3-activities.png'), fullPage: true });
    await residentCard.locator('.activity-card__main').click();
    await residentPage.locator('#checkin-code input').waitFor(WAIT);
    let outcome = '';
    for (let attempt = 0; attempt < 2 && !outcome.includes('签到成功'); attempt += 1) {
      // The code rotates every 30 s: read it just before typing it (and once more if it turned over).
      await residentPage.locator('#checkin-code input').fill(await currentCheckinCode(staffPage));
      await residentPage.locator('#checkin-submit').click();
      const answer = residentPage.locator('#checkin-result, #checkin-error');
      await answer.waitFor(WAIT);
      outcome = (await answer.textContent()) ?? '';
    }
    await residentPage.screenshot({ path: artifactPath('e2e-timebank-3-checked-in-detail.png'), fullPage: true });
    expect(outcome).toContain('签到成功');

    // Office entry: demo-staff records 180 minutes for the resident at an activity under way for
    // three hours (the resident attended it without scanning).
    const earlier = await createActivityNow('demo', (await login('demo-staff')).token, {
      title: `E2E敬老院探访${suffix}`,
      startsAt: minutesFromNow(-180),
      endsAt: minutesFromNow(60),
    });
    await openRoute(staffPage, `/office/pages/attendance/index?activityId=${earlier.id}`);
    await staffPage.locator('#member-search input').waitFor(WAIT);
    await staffPage.locator('#member-search input').fill(nickname);
    const option = await findInList(
      staffPage,
      'member-list',
      staffPage.locator('.member-option', { hasText: nickname }),
    );
    await option.click();
    await staffPage.locator('#member-selected').waitFor(WAIT);
    await staffPage.locator('#attendance-minutes input').fill('180');
    await staffPage.locator('#attendance-note input').fill('未带手机，电话确认');
    await staffPage.locator('#attendance-submit').click();
    await staffPage.locator('#attendance-result').waitFor(WAIT);
    await staffPage.screenshot({ path: artifactPath('e2e-timebank-4-office-entry.png'), fullPage: true });
    expect(await staffPage.locator('#attendance-result').textContent()).toContain('180');

    // The same staff member may not approve it: the queue says why.
    await openRoute(staffPage, '/office/pages/claims/index');
    const ownClaim = await findInList(staffPage, 'claims-list', staffPage.locator('.claim', { hasText: nickname }));
    await ownClaim.locator('[id^="claim-approve-"]').click();
    await ownClaim.locator('[id^="claim-error-"]').waitFor(WAIT);
    expect(await ownClaim.locator('[id^="claim-error-"]').textContent()).toContain('另一位社工');

    // A second staff member selects it in the approval queue and approves the selection.
    await logInToDemo(staffPage, 'demo-staff-2');
    await openRoute(staffPage, '/office/pages/claims/index');
    const claim = await findInList(staffPage, 'claims-list', staffPage.locator('.claim', { hasText: nickname }));
    expect(await claim.textContent()).toContain('3 小时 0 分');
    expect(await claim.textContent()).toContain('3 积分');
    await claim.locator('.check').click();
    await staffPage.screenshot({ path: artifactPath('e2e-timebank-5-approval-queue.png'), fullPage: true });
    await staffPage.locator('#claims-approve-selected').click();
    await staffPage.locator('#claims-summary').waitFor(WAIT);
    expect(await staffPage.locator('#claims-summary').textContent()).toContain('已通过 1 条');
    expect(await staffPage.locator('.claim', { hasText: nickname }).count()).toBe(0);

    // The resident's 我的 shows 志愿积分 3, the history +3, and the certificate is active with a live pass.
    await openRoute(residentPage, '/pages/me/index');
    await residentPage.locator('#me-balance').waitFor(WAIT);
    expect(await residentPage.locator('#me-balance').textContent()).toBe('志愿积分 3');
    expect(await residentPage.locator('#me-certificate').textContent()).toContain('有效');
    await residentPage.screenshot({ path: artifactPath('e2e-timebank-6-me.png'), fullPage: true });

    await residentPage.locator('#me-ledger').click();
    const firstAmount = residentPage.locator('#ledger-list .ledger-row__amount').first();
    await firstAmount.waitFor(WAIT);
    expect(await firstAmount.textContent()).toBe('+3');
    await residentPage.screenshot({ path: artifactPath('e2e-timebank-7-ledger.png'), fullPage: true });

    await openRoute(residentPage, '/volunteer/pages/certificate/index');
    await residentPage.locator('#certificate-qr .qr__run--dark').first().waitFor(WAIT);
    expect(await residentPage.locator('#certificate-status').textContent()).toContain('有效');
    expect(await residentPage.locator('#certificate-holder').textContent()).toBe(nickname);
    expect(await residentPage.locator('#certificate-qr-countdown').textContent()).toMatch(/\d+ 秒内有效/);
    await residentPage.screenshot({ path: artifactPath('e2e-timebank-8-certificate.png'), fullPage: true });
  }, 240_000);
});
