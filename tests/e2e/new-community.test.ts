import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { artifactPath, launchBrowser } from '../support/browser';
import { WAIT, agreeToPrivacyGuide, browserDateTime, findInList, h5Url, openRoute, type Browser } from './helpers';

/**
 * Issue 16, "a community in ten minutes", in Chromium against the H5 build and the local API:
 * the platform operator starts a community and names its admin → the admin runs the setup (own
 * currency and an own activity category) and invites a staff member → the staff member accepts,
 * publishes an activity in the community's own category and shows its QR → a resident joins by the
 * staff member's invitation and checks in with the code. Timed from the operator's first click.
 */
async function logIn(page: Page, openid: string, nickname: string): Promise<void> {
  await page.goto(`${h5Url()}/`);
  await page.evaluate(() => window.localStorage.clear());
  await page.goto(`${h5Url()}/`);
  await page.locator('#login-openid input').fill(openid);
  await page.locator('#login-nickname input').fill(nickname);
  await agreeToPrivacyGuide(page);
  await page.locator('#login-submit').click();
  await page.locator('#login-submit').waitFor({ state: 'detached', ...WAIT });
}

/** Opens an invitation link as a person not logged in would: log in, come back, accept. */
async function acceptInvitation(page: Page, link: string, openid: string, nickname: string): Promise<void> {
  await page.goto(`${h5Url()}/`);
  await page.evaluate(() => window.localStorage.clear());
  await page.goto(link);
  await page.reload();
  await page.locator('#invitation-login').click();
  await page.locator('#login-openid input').fill(openid);
  await page.locator('#login-nickname input').fill(nickname);
  await agreeToPrivacyGuide(page);
  await page.locator('#login-submit').click();
  await page.locator('#invitation-accept').click();
}

async function createInvitation(page: Page, who: 'staff' | 'resident'): Promise<string> {
  await openRoute(page, '/office/pages/invitations/index');
  await page.locator(`#invitation-role-${who}`).click();
  await page.locator('#invitation-create').click();
  await page.locator('#invitation-qr .qr__run--dark').first().waitFor(WAIT);
  // Staff copy the link and read out the code: both can be selected (attack session 17: the code could not).
  const selectable = await page.evaluate(() =>
    ['#invitation-link', '#invitation-code'].map((id) => getComputedStyle(document.querySelector(id)!).userSelect),
  );
  expect(selectable).toEqual(['text', 'text']);
  return ((await page.locator('#invitation-link').textContent()) ?? '').trim();
}

describe('a new community in Chromium', () => {
  let browsers: Browser[] = [];

  afterAll(async () => {
    await Promise.all(browsers.map((browser) => browser.close()));
  });

  it('operator → admin setup → staff invited → own-category activity → resident invited checks in', async () => {
    browsers = await Promise.all([launchBrowser(), launchBrowser(), launchBrowser(), launchBrowser()]);
    const [operator, admin, staff, resident] = await Promise.all(browsers.map((browser) => browser.context.newPage()));
    const suffix = randomUUID().slice(0, 6);
    const cid = `e2e-${suffix}`;
    const adminOpenid = `e2e-admin-${suffix}`;
    const started = Date.now();

    // The platform operator starts 凤凰里 and names its admin.
    await logIn(operator!, 'demo-platform', '平台运营');
    await openRoute(operator!, '/pages/platform/index');
    await operator!.locator('#platform-id input').fill(cid);
    await operator!.locator('#platform-name input').fill(`凤凰里${suffix}`);
    await operator!.locator('#platform-currency input').fill('凤凰币');
    await operator!.locator('#platform-create').click();
    await operator!.locator('#platform-create-result').waitFor(WAIT);
    await operator!.locator('#platform-admin-openid input').fill(adminOpenid);
    await operator!.locator('#platform-admin-save').click();
    await operator!.locator('#platform-admin-result').waitFor(WAIT);
    await operator!.screenshot({ path: artifactPath('e2e-new-community-1-platform.png'), fullPage: true });

    // The admin logs in, enters the community, runs the setup with a category of its own, invites staff.
    await logIn(admin!, adminOpenid, '王主任');
    await admin!.locator(`#join-${cid}`).click();
    await admin!.locator('#me-office').click();
    await admin!.locator('#office-setup').click();
    await admin!.locator('#setup-points input').fill('12');
    await admin!.locator('#setup-new-category').locator('input').fill('绿化养护');
    await admin!.locator('#setup-add-category').click();
    await admin!.locator('#setup-address input').fill('凤凰里 1 号');
    await admin!.locator('#setup-phone input').fill('0871-1234567');
    await admin!.locator('#setup-save').click();
    await admin!.locator('#setup-result').waitFor(WAIT);
    await admin!.screenshot({ path: artifactPath('e2e-new-community-2-setup.png'), fullPage: true });
    await admin!.locator('#setup-invite').click();
    await admin!.locator('#invitation-role-staff').click();
    await admin!.locator('#invitation-create').click();
    await admin!.locator('#invitation-qr .qr__run--dark').first().waitFor(WAIT);
    const staffLink = ((await admin!.locator('#invitation-link').textContent()) ?? '').trim();
    expect(staffLink).toContain('/pages/invite/index?code=');

    // The staff member accepts and lands in the office; publishes an activity in 绿化养护 and shows its QR.
    await acceptInvitation(staff!, staffLink, `e2e-staff-${suffix}`, '李社工');
    await staff!.locator('#office-new-activity').click();
    const title = `E2E绿化${suffix}`;
    await staff!.locator('#activity-title input').fill(title);
    await staff!.locator('#activity-category-own-10').click();
    const start = await browserDateTime(staff!, -5);
    const end = await browserDateTime(staff!, 120);
    await staff!.locator('#activity-start-date input').fill(start.date);
    await staff!.locator('#activity-start-time input').fill(start.time);
    await staff!.locator('#activity-end-date input').fill(end.date);
    await staff!.locator('#activity-end-time input').fill(end.time);
    await staff!.locator('#activity-submit').click();
    const card = await findInList(
      staff!,
      'office-activities-list',
      staff!.locator('.activity-card', { hasText: title }),
    );
    // The community's own category by its label (the categories load beside the list: wait for them).
    await card.getByText('绿化养护').waitFor(WAIT);
    await card.locator('.show-code').click();
    await staff!.locator('#checkin-qr .qr__run--dark').first().waitFor(WAIT);
    await staff!.screenshot({ path: artifactPath('e2e-new-community-3-qr.png'), fullPage: true });
    const codeRoute = staff!.url().split('#')[1] ?? '';

    // A resident joins by the staff member's invitation and checks in with the code on the screen.
    const residentLink = await createInvitation(staff!, 'resident');
    await acceptInvitation(resident!, residentLink, `e2e-resident-${suffix}`, '张阿姨');
    await resident!.locator('#me-display-name').waitFor(WAIT);
    await openRoute(resident!, '/pages/activities/index');
    const residentCard = await findInList(
      resident!,
      'activities-list',
      resident!.locator('.activity-card', { hasText: title }),
    );
    await residentCard.locator('.activity-card__main').click();
    await openRoute(staff!, codeRoute); // back to the screen with the code
    await staff!.locator('#checkin-code-digits').waitFor(WAIT);
    let outcome = '';
    for (let attempt = 0; attempt < 2 && !outcome.includes('签到成功'); attempt += 1) {
      const digits = ((await staff!.locator('#checkin-code-digits').textContent()) ?? '').replace(/\D/g, '');
      await resident!.locator('#checkin-code input').fill(digits);
      await resident!.locator('#checkin-submit').click();
      const answer = resident!.locator('#checkin-result, #checkin-error');
      await answer.waitFor(WAIT);
      outcome = (await answer.textContent()) ?? '';
    }
    await resident!.screenshot({ path: artifactPath('e2e-new-community-4-checked-in.png'), fullPage: true });
    expect(outcome).toContain('签到成功');

    const minutes = (Date.now() - started) / 60_000;
    console.log(`a new community, from the operator's first click to the first check-in: ${minutes.toFixed(1)} min`);
    expect(minutes).toBeLessThan(10);
  }, 300_000);
});
