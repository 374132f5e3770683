import { randomUUID } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import { artifactPath, launchBrowser } from '../support/browser';
import { agreeToPrivacyGuide } from './helpers';

/**
 * A resident's first visit, in Chromium against the H5 build served with the API:
 * dev login → join `demo` → the 我的 page shows their name, roles, balance and certificate.
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
    await page.goto(`${h5Url()}/`);

    await page.locator('#login-openid input').fill(`e2e-${randomUUID().slice(0, 8)}`);
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
  });
});
