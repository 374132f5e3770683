import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { contracts } from '@linli/shared';
import { login, send } from '../support/api';
import { launchBrowser } from '../support/browser';
import { h5Url, logInToDemo, snapshot, WAIT, type Browser } from './helpers';

/**
 * Attack tests of session 13 in Chromium: the English catalogue fetched on demand (Chinese until it
 * arrives, `<html lang>` following the language shown). A resident switches back and forth, reloads,
 * opens deep links, uses the browser's back, on a slow or failing network for the English chunk.
 */
const CJK = /[\u3400-\u9fff]/;

describe('attack: English on demand', () => {
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.context.newPage();
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      // The app has no favicon: Chromium's own request for it is not the app's.
      if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico'))
        errors.push(`console: ${message.text()} at ${message.location().url}`);
    });
  });

  afterAll(async () => {
    await browser?.close();
  });

  beforeEach(() => {
    errors.length = 0;
  });

  const tabLabels = () => page.locator('.weui-tabbar__label').allTextContents();
  /** The app's own words on the page: the title, the way back, the buttons (no names or other data). */
  const chrome = () =>
    page.evaluate(() =>
      Array.from(document.querySelectorAll('.page__title, #page-back, #page-home'))
        .filter((node) => (node as HTMLElement).offsetParent !== null)
        .map((node) => (node.textContent ?? '').trim()),
    );
  const setEnglishStored = () =>
    page.evaluate(() => window.localStorage.setItem('linli.preferences.language', JSON.stringify({ data: 'en' })));
  const htmlLang = () => page.evaluate(() => document.documentElement.lang);

  it('switching back and forth on 我的 ends in the language last chosen: texts, tab bar, title and <html lang>', async () => {
    await logInToDemo(page, `e2e-s13-${randomUUID().slice(0, 8)}`, '来回切换的李阿姨');
    const toggle = page.locator('#language-toggle');
    for (let index = 0; index < 5; index += 1) await toggle.click();
    // odd number of clicks: English
    await page.locator('html[lang="en"]').waitFor(WAIT);
    await page.waitForTimeout(300);
    expect((await tabLabels()).join(' ')).not.toMatch(CJK);
    expect((await chrome()).join(' ')).not.toMatch(CJK);
    expect(await page.title()).not.toMatch(CJK);
    await toggle.click();
    await page.locator('html[lang="zh-CN"]').waitFor(WAIT);
    await page.waitForTimeout(300);
    expect((await tabLabels()).join(' ')).toMatch(CJK);
    expect(await page.title()).toMatch(CJK);
    expect(errors).toEqual([]);
  });

  it('a reload and deep links in English: 我的, an activity, the browser’s back — English once it has arrived', async () => {
    const openid = `e2e-s13d-${randomUUID().slice(0, 8)}`;
    await logInToDemo(page, openid, '深链接的赵大爷');
    await setEnglishStored();
    const { token } = await login(openid);
    const activities = await send(contracts.listActivities, { params: { cid: 'demo' }, token });
    const activity = activities.body.items[0]!;

    await page.goto(`${h5Url()}/#/pages/me/index`);
    await page.reload();
    await page.locator('html[lang="en"] #me-display-name').waitFor(WAIT);
    await page.waitForTimeout(300);
    expect((await tabLabels()).join(' ')).not.toMatch(CJK);
    expect((await page.locator('#language-toggle').textContent()) ?? '').not.toMatch(CJK);

    await page.goto(`${h5Url()}/#/volunteer/pages/activity/index?id=${activity.id}`);
    await page.reload();
    await page.locator('html[lang="en"] .page__title').waitFor(WAIT);
    await page.locator('#page-back').waitFor(WAIT);
    await page.waitForTimeout(500);
    await snapshot(page, 'e2e-attack-s13-activity-en.png');
    expect((await chrome()).join(' ')).not.toMatch(CJK);
    expect(await page.title()).not.toMatch(CJK);

    // Back to 我的 with the browser's back, then forward again: still English.
    await page.goto(`${h5Url()}/#/pages/me/index`);
    await page.locator('#me-display-name').waitFor(WAIT);
    await page.waitForTimeout(300);
    const afterHashNavigation = (await tabLabels()).join(' ');
    await page.goBack();
    await page.locator('.page__title').first().waitFor(WAIT);
    await page.waitForTimeout(300);
    expect(await htmlLang()).toBe('en');
    expect((await chrome()).join(' ')).not.toMatch(CJK);
    await page.goForward();
    await page.locator('#me-display-name').waitFor(WAIT);
    await page.waitForTimeout(500);
    // Back and forth a few more times, the tab bar read at once and a moment later.
    const seen: string[] = [];
    for (let round = 0; round < 4; round += 1) {
      await page.goBack();
      await page.locator('#page-back').waitFor(WAIT);
      await page.goForward();
      await page.locator('#me-display-name').waitFor(WAIT);
      seen.push((await tabLabels()).join(' '));
      await page.waitForTimeout(400);
      seen.push((await tabLabels()).join(' '));
    }
    expect(seen.filter((labels) => CJK.test(labels))).toEqual([]);
    expect(await htmlLang()).toBe('en');
    expect({ afterHashNavigation, afterForward: (await tabLabels()).join(' ') }).toEqual({
      afterHashNavigation: expect.not.stringMatching(CJK),
      afterForward: expect.not.stringMatching(CJK),
    });
    expect(errors).toEqual([]);
  });

  it('logged out, English chosen: the login page (in the entry script) turns English, agree box and button included', async () => {
    await page.goto(`${h5Url()}/`);
    await page.evaluate(() => {
      window.localStorage.clear();
      window.localStorage.setItem('linli.preferences.language', JSON.stringify({ data: 'en' }));
    });
    await page.reload();
    await page.locator('html[lang="en"] #login-agree').waitFor(WAIT);
    await page.waitForTimeout(300);
    const words = await page.evaluate(() =>
      ['#login-agree', '#login-privacy-link', '#login-wechat', '.page__title']
        .map((selector) => document.querySelector(selector)?.textContent ?? '')
        .join(' | '),
    );
    expect(words).not.toMatch(CJK);
    expect(errors).toEqual([]);
  });

  it('a slow English chunk: Chinese (lang zh-CN) meanwhile, English (lang en) after — nothing left behind in Chinese', async () => {
    await logInToDemo(page, `e2e-s13s-${randomUUID().slice(0, 8)}`, '慢网络的孙奶奶');
    await setEnglishStored();
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/js/english.*.js', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${h5Url()}/#/pages/me/index`, { waitUntil: 'commit' });
    await page.reload({ waitUntil: 'commit' });
    await page
      .locator('#me-display-name')
      .waitFor(WAIT)
      .catch((error: unknown) => {
        release();
        throw error;
      });
    expect(await htmlLang()).toBe('zh-CN');
    expect((await tabLabels()).join(' ')).toMatch(CJK);
    release();
    await page.locator('html[lang="en"]').waitFor(WAIT);
    await page.waitForTimeout(300);
    expect((await tabLabels()).join(' ')).not.toMatch(CJK);
    expect((await page.locator('#language-toggle').textContent()) ?? '').not.toMatch(CJK);
    expect(await page.title()).not.toMatch(CJK);
    await page.unroute('**/js/english.*.js');
    expect(errors.filter((error) => !/english/i.test(error))).toEqual([]);
  });

  it('after the English chunk failed to load once, tapping the language switch again brings English', async () => {
    // Found by this attack: the switch sets the shown language's opposite, and the screen was still
    // Chinese, so a tap set 'en' — already the stored choice — and nothing asked for the chunk again.
    // Choosing English now fetches it (`chooseLanguage` in i18n/index.ts).
    await logInToDemo(page, `e2e-s13f-${randomUUID().slice(0, 8)}`, '断网的周大爷');
    let requests = 0;
    await page.route('**/js/english.*.js', async (route) => {
      requests += 1;
      if (requests === 1) {
        await route.abort('internetdisconnected');
        return;
      }
      await route.continue();
    });
    try {
      await page.locator('#language-toggle').click();
      await page.waitForTimeout(1500);
      // Still Chinese, still usable.
      expect(await htmlLang()).toBe('zh-CN');
      await page.locator('#me-display-name').waitFor(WAIT);
      expect(requests).toBe(1);
      // The network is back; the person taps the switch again, as the screen still says 中文.
      await page.locator('#language-toggle').click();
      const arrived = await page
        .locator('html[lang="en"]')
        .waitFor({ timeout: 10_000 })
        .then(() => true)
        .catch(() => false);
      expect({ arrived, chunkRequests: requests, lang: await htmlLang() }).toEqual({
        arrived: true,
        chunkRequests: 2,
        lang: 'en',
      });
      expect((await tabLabels()).join(' ')).not.toMatch(CJK);
    } finally {
      await page.unroute('**/js/english.*.js');
    }
  });
});
