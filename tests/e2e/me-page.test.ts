import { randomUUID } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import { artifactPath, launchBrowser } from '../support/browser';
import { contracts } from '@linli/shared';
import { login, send } from '../support/api';
import { agreeToPrivacyGuide } from './helpers';

/**
 * A resident's first visit, in Chromium against the H5 build served with the API:
 * dev login → join `demo` → the 我的 page shows their name and member number, roles, balance and certificate.
 */
const h5Url = () => {
  const url = process.env.LINLI_H5_URL;
  if (!url) throw new Error('LINLI_H5_URL is not set: build the H5 app first (npm run build:h5)');
  return url;
};

describe('H5 app in Chromium', () => {
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    context = browser.context;
  });

  afterAll(async () => {
    await browser?.close();
  });

  beforeEach(async () => {
    page = await context.newPage();
  });

  afterEach(async () => {
    await page.close();
  });

  it('dev-logs in, joins demo and shows 我的', async () => {
    const nickname = `测试${randomUUID().slice(0, 4)}`;
    const openid = `e2e-${randomUUID().slice(0, 8)}`;
    await page.goto(`${h5Url()}/`);

    await page.locator('#login-openid input').fill(openid);
    await page.locator('#login-nickname input').fill(nickname);
    await agreeToPrivacyGuide(page);
    await page.locator('#login-submit').click();
    await page.locator('#join-demo').click();

    const name = page.locator('#me-display-name');
    await name.waitFor({ timeout: 20_000 });
    await page.screenshot({ path: artifactPath('e2e-me.png'), fullPage: true });
    expect(await name.textContent()).toContain(nickname);
    expect(await page.locator('#me-balance').textContent()).toContain('0');
    expect(await page.locator('#me-certificate').textContent()).toContain('未获得');
    expect(await page.locator('#me-roles').textContent()).toContain('居民');
    expect(await page.content()).toContain('志愿积分');
    // Their member number (编号) beside their name, the one the community gave them on joining.
    const { token } = await login(openid);
    const { memberNo } = (await send(contracts.getMe, { params: { cid: 'demo' }, token })).body.member;
    expect(memberNo).toBeGreaterThan(1001);
    expect((await page.locator('#me-member-no').textContent())?.replace(/\s+/g, '')).toBe(`编号${memberNo}`);
  });

  it('shows the office roles of a demo staff member', async () => {
    await page.goto(`${h5Url()}/`);
    await page.evaluate(() => window.localStorage.clear());
    await page.goto(`${h5Url()}/`);

    await page.locator('#login-openid input').fill('demo-admin');
    await agreeToPrivacyGuide(page);
    await page.locator('#login-submit').click();
    await page.locator('#join-demo').click();

    const roles = page.locator('#me-roles');
    await roles.waitFor({ timeout: 20_000 });
    expect(await roles.textContent()).toContain('管理员');
    expect(await page.locator('#me-display-name').textContent()).toContain('王主任');
    // The demo's first member: number 1001, large enough to read out.
    const number = page.locator('#me-member-no');
    expect((await number.textContent())?.replace(/\s+/g, '')).toBe('编号1001');
    const digits = await number.locator('.member-no__digits').evaluate((node) => getComputedStyle(node).fontSize);
    const name = await page.locator('#me-display-name').evaluate((node) => getComputedStyle(node).fontSize);
    expect(Number(digits.replace('px', ''))).toBeGreaterThan(Number(name.replace('px', '')));
  });
});
