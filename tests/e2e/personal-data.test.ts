import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { birthDateYearsAgo } from '../support/clock';
import { logInToDemo, openRoute, snapshot, WAIT, type Browser } from './helpers';

/**
 * Issue 20 in Chromium against the H5 build and the running API: a resident downloads their data
 * (我的 → 我的数据 → 下载我的数据: a JSON file of everything about them), withdraws a consent, then closes
 * the account in two steps — signed out, and the old session no longer opens anything; a guardian
 * adds a child and acts for them; a donor asks for a receipt and staff mark it issued.
 */
describe('personal data in the browser', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('a resident downloads their data, then closes the account', async () => {
    const nickname = `数据${randomUUID().slice(0, 4)}`;
    await logInToDemo(page, `e2e-data-${randomUUID().slice(0, 8)}`, nickname);

    await page.locator('#me-my-data').click();
    await page.locator('#my-data-download').waitFor(WAIT);
    const [download] = await Promise.all([
      page.waitForEvent('download', WAIT),
      page.locator('#my-data-download').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^linli-data-\d{4}-\d{2}-\d{2}\.json$/);
    const file = JSON.parse(readFileSync((await download.path())!, 'utf8')) as {
      userId: string;
      communities: { communityId: string; membership: { displayName: string } }[];
      consents: { kind: string }[];
    };
    expect(file.communities.map((community) => community.communityId)).toContain('demo');
    expect(file.communities.find((community) => community.communityId === 'demo')?.membership.displayName).toBe(
      nickname,
    );
    expect(file.consents.map((consent) => consent.kind)).toContain('privacy_guide');
    await snapshot(page, 'e2e-personal-data-1-downloaded.png');

    // 我的同意: the privacy guide given at login, the others not given.
    expect(await page.locator('#consent-privacy_guide-status').textContent()).toContain('已同意');
    expect(await page.locator('#consent-donor_name_public-status').textContent()).toBe('未同意');

    // Closing asks a second time, with a way back.
    await page.locator('#close-account-start').click();
    await page.locator('#close-account-cancel').click();
    await page.locator('#close-account-start').waitFor(WAIT);
    await page.locator('#close-account-start').click();
    await snapshot(page, 'e2e-personal-data-2-confirm-close.png');
    const stored = await page.evaluate(() => window.localStorage.getItem('linli.session.token'));
    const token = /[\w-]+\.[\w-]+\.[\w-]+/.exec(stored ?? '')?.[0];
    expect(token).toBeTruthy();
    await page.locator('#close-account-confirm').click();
    await page.locator('#login-openid').waitFor(WAIT);
    await snapshot(page, 'e2e-personal-data-3-closed.png');

    // The old session is dead: the API answers 401 account_closed to it.
    const reply = await fetch(`${process.env.LINLI_API_URL}/v1/communities/demo/me`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(reply.status).toBe(401);
    expect(((await reply.json()) as { error: { code: string } }).error.code).toBe('auth.account_closed');
    await openRoute(page, '/pages/me/index');
    await page.locator('#login-openid').waitFor(WAIT);
  }, 240_000);

  it('a donor asks for a donation receipt and staff mark it issued with its number', async () => {
    const openid = `e2e-receipt-${randomUUID().slice(0, 8)}`;
    const payer = `捐赠人${randomUUID().slice(0, 4)}`;
    const receiptNo = `SZ${Date.now().toString().slice(-8)}`;
    await logInToDemo(page, openid);

    // The donate page names the charity the fund runs under; the donation is paid (dev confirmation).
    await openRoute(page, '/fund/pages/donate/index');
    await page.locator('#donate-amount input').waitFor(WAIT);
    await page.locator('#donate-amount input').fill('8.80');
    await page.locator('#donate-submit').click();
    await page.locator('.order-payment__pay').click();
    await page.locator('.order-payment .result-good').waitFor(WAIT);
    const ask = page.locator('[id$="-ask-receipt"]').first();
    const orderId = (await ask.getAttribute('id'))!.replace(/^order-/, '').replace(/-ask-receipt$/, '');
    await ask.click();
    await page.locator(`#receipt-payer-${orderId} input`).fill(payer);
    await page.locator(`#receipt-submit-${orderId}`).click();
    await page.locator(`#order-${orderId}-receipt`).waitFor(WAIT);
    expect(await page.locator(`#order-${orderId}-receipt`).textContent()).toContain('待开具');
    await snapshot(page, 'e2e-personal-data-4-receipt-asked.png');

    // The office's 捐赠票据 queue: the request, issued with the receipt's number.
    await logInToDemo(page, 'demo-staff');
    await openRoute(page, '/office/pages/receipts/index');
    const card = page.locator('[id^="receipt-request-"]', { hasText: payer }).first();
    await card.waitFor(WAIT);
    const requestId = (await card.getAttribute('id'))!.replace(/^receipt-request-/, '');
    await page.locator(`#receipt-number-${requestId} input`).fill(receiptNo);
    await page.locator(`#receipt-issue-${requestId}`).click();
    // A decided request leaves the queue.
    await page.locator(`#receipt-request-${requestId}`).waitFor({ ...WAIT, state: 'detached' });
    await snapshot(page, 'e2e-personal-data-5-receipt-issued.png');

    // The donor sees it issued, with the number, on 我的订单.
    await logInToDemo(page, openid);
    await openRoute(page, '/shop/pages/orders/index');
    await page.locator(`#order-${orderId}-receipt`).waitFor(WAIT);
    const status = await page.locator(`#order-${orderId}-receipt`).textContent();
    expect(status).toContain('已开具');
    expect(status).toContain(receiptNo);
  }, 240_000);

  it('a guardian adds a child under 14 and acts for them', async () => {
    const childName = `小宝${randomUUID().slice(0, 4)}`;
    await logInToDemo(page, `e2e-guardian-${randomUUID().slice(0, 8)}`);
    await page.locator('#me-proxies').click();
    await page.locator('#children-card').waitFor(WAIT);

    // Without the guardian's statement nothing is added; with it the child is listed at once.
    await page.locator('#child-name input').fill(childName);
    await page.locator('#child-birth-date input').fill(birthDateYearsAgo(8));
    await page.locator('#child-add').click();
    await page.locator('#child-add-error').waitFor(WAIT);
    expect(await page.locator('#child-add-error').textContent()).toContain('监护人');
    await page.locator('#child-consent').click();
    await page.locator('#child-add').click();
    await page.locator('#children-list', { hasText: childName }).waitFor(WAIT);
    await snapshot(page, 'e2e-personal-data-6-child-added.png');

    // The child is among those the guardian acts for: acting, every page is the child's.
    const actFor = page.locator('[id^="act-for-child-"]', { hasText: childName }).locator('.act-for');
    await actFor.waitFor(WAIT);
    await actFor.click();
    // The banner shows on every page of the stack (我的 over 代办): each names the child.
    const banner = page.locator('#acting-for-name');
    await banner.first().waitFor(WAIT);
    for (const text of await banner.allTextContents()) expect(text).toContain(childName);
    await page.locator('#acting-for-stop').first().click();
    await page
      .locator('#acting-for-banner')
      .first()
      .waitFor({ ...WAIT, state: 'detached' });
  }, 240_000);
});
