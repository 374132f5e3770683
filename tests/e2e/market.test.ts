import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import {
  WAIT,
  approveClaimOf,
  findInList,
  logInToDemo,
  openRoute,
  publishActivity,
  recordOfficeHours,
  snapshot,
  type Browser,
} from './helpers';

/**
 * The merchant alliance and credit supermarket story in Chromium against the H5 build and the real API:
 * a new resident earns 3 points (office entry by demo-staff, approved by demo-staff-2) and so a certificate →
 * demo-merchant (张记包子铺) verifies the resident's live pass and sees the name and 8折 → staff put
 * 小米 on the supermarket shelf → the resident redeems one and gets a pickup code → staff type the code
 * and hand it over → the resident sees 已领取 and 1 point left.
 */
describe('merchant alliance and credit supermarket in Chromium', () => {
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

  it('certified resident → merchant verifies the pass → redeem → pickup with the code', async () => {
    const suffix = randomUUID().slice(0, 6);
    const nickname = `邻居${suffix}`;
    const goodName = `小米 1kg ${suffix}`;

    // (a) A new resident joins demo and earns a certificate: 180 minutes recorded by one staff member, approved by another.
    await logInToDemo(residentPage, `e2e-mk-${suffix}`, nickname);
    await logInToDemo(staffPage, 'demo-staff');
    const activityId = await publishActivity(staffPage, `E2E集市${suffix}`);
    expect(await recordOfficeHours(staffPage, activityId, nickname, 180)).toContain('180');
    await logInToDemo(staffPage, 'demo-staff-2');
    await approveClaimOf(staffPage, nickname);

    await openRoute(residentPage, '/volunteer/pages/certificate/index');
    await residentPage.locator('#certificate-pass-token').waitFor(WAIT);
    expect(await residentPage.locator('#certificate-holder').textContent()).toBe(nickname);
    await snapshot(residentPage, 'e2e-market-1-certificate.png');

    // (b) demo-merchant opens the merchant console from 我的 and verifies the pass with the pasted token.
    await logInToDemo(staffPage, 'demo-merchant');
    await staffPage.locator('#me-merchant').waitFor(WAIT);
    await staffPage.locator('#me-merchant').click();
    await staffPage.locator('#merchant-verify').waitFor(WAIT);
    expect(await staffPage.locator('.merchant-card').first().textContent()).toContain('张记包子铺');
    await snapshot(staffPage, 'e2e-market-2-merchant-console.png');
    await staffPage.locator('#merchant-verify').click();
    await staffPage.locator('#verify-token input').waitFor(WAIT);
    const token = ((await residentPage.locator('#certificate-pass-token').textContent()) ?? '').trim();
    expect(token.length).toBeGreaterThan(10);
    await staffPage.locator('#verify-token input').fill(token);
    await staffPage.locator('#verify-submit').click();
    await staffPage.locator('#verify-result').waitFor(WAIT);
    expect(await staffPage.locator('#verify-verdict').textContent()).toContain('证书有效');
    expect(await staffPage.locator('#verify-holder').textContent()).toBe(nickname);
    expect(await staffPage.locator('#verify-offer').textContent()).toContain('8折');
    await snapshot(staffPage, 'e2e-market-3-verify-valid.png');

    // A made-up token is refused, with the reason in Chinese and no name.
    await staffPage.locator('#verify-token input').fill('not-a-real-pass');
    await staffPage.locator('#verify-submit').click();
    await staffPage.locator('#verify-reason').waitFor(WAIT);
    expect(await staffPage.locator('#verify-reason').textContent()).toBe('无效的证书码');
    expect(await staffPage.locator('#verify-holder').count()).toBe(0);
    await snapshot(staffPage, 'e2e-market-4-verify-invalid.png');

    // (c) Staff put 小米 on the supermarket shelf: 2 points, 5 in stock, worth 15 yuan.
    await logInToDemo(staffPage, 'demo-staff');
    await openRoute(staffPage, '/office/pages/goods/index');
    await staffPage.locator('#good-name input').waitFor(WAIT);
    await staffPage.locator('#good-name input').fill(goodName);
    await staffPage.locator('#good-price input').fill('2');
    await staffPage.locator('#good-stock input').fill('5');
    await staffPage.locator('#good-value input').fill('15.00');
    await staffPage.locator('#good-submit').click();
    await staffPage.locator('#good-result').waitFor(WAIT);
    await staffPage.locator('.good-card', { hasText: goodName }).waitFor(WAIT);
    await snapshot(staffPage, 'e2e-market-5-office-goods.png');

    // The resident finds it in 集市, chooses 1, reads the total, confirms and gets a pickup code.
    await openRoute(residentPage, '/pages/market/index');
    const goodCard = residentPage.locator('.good-card', { hasText: goodName });
    await goodCard.waitFor(WAIT);
    await snapshot(residentPage, 'e2e-market-6-market.png');
    await goodCard.locator('.redeem__open').click();
    expect(await goodCard.locator('.confirm__text').textContent()).toContain('共需 2 志愿积分');
    await goodCard.locator('.redeem__confirm').click();
    const pickupCode = goodCard.locator('.pickup-code');
    await pickupCode.waitFor(WAIT);
    const code = ((await pickupCode.textContent()) ?? '').trim();
    expect(code).toMatch(/^\d{6}$/);
    await goodCard.locator('.tag', { hasText: '还剩 4 件' }).waitFor(WAIT);
    await snapshot(residentPage, 'e2e-market-7-redeemed.png');

    // Staff open 兑换领取, find the resident, type the code the resident shows, and hand it over.
    await openRoute(staffPage, '/office/pages/pickups/index');
    const reservation = await findInList(
      staffPage,
      'pickups-list',
      staffPage.locator('.redemption', { hasText: nickname }),
    );
    await reservation.locator('.pickup-form__code input').fill(code);
    await snapshot(staffPage, 'e2e-market-8-pickups.png');
    await reservation.locator('.pickup-form__submit').click();
    const handedOver = reservation.locator('.result-good');
    await handedOver.waitFor(WAIT);
    expect(await handedOver.textContent()).toContain(nickname);
    expect(await reservation.locator('.redemption__status').textContent()).toBe('已领取');
    await snapshot(staffPage, 'e2e-market-9-handed-over.png');

    // The resident's redemption shows 已领取, and 1 point is left.
    await openRoute(residentPage, '/market/pages/redemptions/index');
    const mine = await findInList(
      residentPage,
      'my-redemptions',
      residentPage.locator('.redemption', { hasText: goodName }),
    );
    expect(await mine.locator('.redemption__status').textContent()).toBe('已领取');
    expect(await mine.locator('.pickup-code').count()).toBe(0);
    await snapshot(residentPage, 'e2e-market-10-my-redemptions.png');
    await openRoute(residentPage, '/pages/me/index');
    await residentPage.locator('#me-balance').waitFor(WAIT);
    expect(await residentPage.locator('#me-balance').textContent()).toBe('志愿积分 1');
  }, 300_000);
});
