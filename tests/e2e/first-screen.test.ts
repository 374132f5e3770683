import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { WAIT, browserPerTest, h5Url, logInToDemo, serviceWorkerReady } from './helpers';

/**
 * Issue 21, the first screen on a slow mobile network (timed in `npm run bench`, section 8), as the
 * browser sees it: the page carries its scripts (one round trip), the service worker keeps the page for
 * the next visit, and a logged-in resident's reads leave while the app is still starting — not after its
 * page has rendered.
 */

/** The navigation's timing and the `/v1` reads of the page's load, in milliseconds from its start. */
async function loadTimings(page: Page): Promise<{
  domContentLoaded: number;
  workerStart: number;
  scriptsLoaded: string[];
  reads: { path: string; start: number }[];
}> {
  return page.evaluate(() => {
    const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    return {
      domContentLoaded: navigation.domContentLoadedEventStart,
      workerStart: navigation.workerStart,
      scriptsLoaded: resources
        .filter((entry) => entry.initiatorType === 'script' && entry.startTime < navigation.domContentLoadedEventStart)
        .map((entry) => entry.name),
      reads: resources
        .filter((entry) => new URL(entry.name).pathname.startsWith('/v1/'))
        .map((entry) => ({ path: new URL(entry.name).pathname + new URL(entry.name).search, start: entry.startTime })),
    };
  });
}

describe('the first screen (issue 21)', () => {
  const browserNow = browserPerTest();

  it('comes in one response: the login page needs no script loaded by src before it shows', async () => {
    const page = await browserNow().context.newPage();
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });

    await page.goto(`${h5Url()}/`);
    await page.locator('#login-submit').waitFor(WAIT);

    expect(scripts).toEqual([]);
    expect((await loadTimings(page)).scriptsLoaded).toEqual([]);
  });

  it('is kept by the service worker: a second visit’s page comes from the browser, and works', async () => {
    const page = await browserNow().context.newPage();
    await page.goto(`${h5Url()}/`);
    await page.locator('#login-submit').waitFor(WAIT);
    await serviceWorkerReady(page);

    await page.reload();
    await page.locator('#login-submit').waitFor(WAIT);
    const second = await loadTimings(page);
    const controlled = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null);

    expect(controlled).toBe(`${h5Url()}/service-worker.js`);
    expect(second.workerStart).toBeGreaterThan(0);
    // The API is not the worker's: calls still reach the network and answer (here: a visitor's 401).
    const status = await page.evaluate(() => fetch('/v1/me/consents').then((response) => response.status));
    expect(status).toBe(401);
  }, 90_000);

  it('sends a logged-in resident’s reads of 我的 while the app starts, each once', async () => {
    const page = await browserNow().context.newPage();
    await logInToDemo(page, `e2e-first-${randomUUID().slice(0, 8)}`, '首屏');

    await page.goto(`${h5Url()}/#/pages/me/index`);
    await page.reload();
    await page.locator('#me-display-name').waitFor(WAIT);
    const timings = await loadTimings(page);
    const startsOf = (path: string) => timings.reads.filter((read) => read.path === path).map((read) => read.start);

    for (const path of ['/v1/communities/demo/me', '/v1/communities/demo/me/merchants', '/v1/me/consents']) {
      const starts = startsOf(path);
      // Once (the page took the answer of the read started for it), and before the page was even parsed
      // to its end — the app's script runs inside the page, and the page mounts after that.
      expect({ path, count: starts.length }).toEqual({ path, count: 1 });
      expect({ path, beforeDomContentLoaded: starts[0]! <= timings.domContentLoaded }).toEqual({
        path,
        beforeDomContentLoaded: true,
      });
    }
  });

  it('draws the app’s View, Text and Button as plain elements: 我的 holds no Stencil view, text or button of its own', async () => {
    const page = await browserNow().context.newPage();
    await logInToDemo(page, `e2e-first-plain-${randomUUID().slice(0, 8)}`, '首屏元素');
    // NutUI's components (the certificate's progress bar) keep Taro's: only the app's are plain.
    const stencilElements = () =>
      page.evaluate(
        () =>
          Array.from(document.querySelectorAll('taro-view-core, taro-text-core, taro-button-core')).filter(
            (element) => !element.closest('[class*="nut-"]'),
          ).length,
      );

    await page.goto(`${h5Url()}/#/pages/me/index`);
    await page.reload();
    await page.locator('#me-display-name').waitFor(WAIT);
    const onMe = await stencilElements();
    const tags = await page.evaluate(() => ({
      name: document.querySelector('#me-display-name')?.tagName,
      language: document.querySelector('#language-toggle')?.tagName,
      languageType: document.querySelector('#language-toggle')?.getAttribute('type'),
    }));
    // A real button: reached with Tab and pressed with Enter, as a keyboard or switch user does.
    await page.locator('#language-toggle').focus();
    await page.keyboard.press('Enter');
    await page.locator('#language-toggle', { hasText: 'English' }).waitFor(WAIT);
    await page.locator('#language-toggle').press('Enter');
    await page.locator('#language-toggle', { hasText: '中文' }).waitFor(WAIT);

    expect({ onMe, tags }).toEqual({
      onMe: 0,
      tags: { name: 'SPAN', language: 'BUTTON', languageType: 'button' },
    });
  });

  it('shows 登录, 我的 and 首页 whole without the rest of the Chinese, and fetches it when another page opens', async () => {
    const openid = `e2e-first-texts-${randomUUID().slice(0, 8)}`;
    // Logged in once (the join page is not a first screen), then a browser that has never loaded the app.
    const first = await browserNow().context.newPage();
    await logInToDemo(first, openid, '首屏文字');
    const storage = await first.evaluate(() => JSON.stringify({ ...window.localStorage }));
    const fresh = await launchBrowser();
    try {
      const waiting: string[] = [];
      const asked: string[] = [];
      // The chunk with the rest of the Chinese never arrives.
      await fresh.context.route(/\/js\/chinese\.[0-9a-f]+\.js$/, (route) => void asked.push(route.request().url()));
      const watch = (page: Page) =>
        page.on('console', (message) => {
          if (message.text().includes('waits for the rest of the Chinese')) waiting.push(message.text());
        });

      // A visitor's 登录.
      const visitor = await fresh.context.newPage();
      watch(visitor);
      await visitor.goto(`${h5Url()}/`);
      await visitor.locator('#login-submit').waitFor(WAIT);
      const loginText = await visitor.locator('#login-submit').innerText();
      await visitor.close();

      // The resident's 我的 and 首页, the session in the browser's storage before the app starts.
      await fresh.context.addInitScript((saved) => {
        if (sessionStorage.getItem('seeded')) return;
        sessionStorage.setItem('seeded', '1');
        for (const [key, value] of Object.entries(JSON.parse(saved) as Record<string, string>)) {
          window.localStorage.setItem(key, value);
        }
      }, storage);
      const page = await fresh.context.newPage();
      watch(page);
      await page.goto(`${h5Url()}/#/pages/me/index`);
      await page
        .locator('#me-display-name')
        .waitFor(WAIT)
        .catch(async (error: unknown) => {
          const text = await page.locator('body').innerText();
          throw new Error(`我的 did not show at ${page.url()}: ${text.slice(0, 300)}`, { cause: error });
        });
      const meText = await page.locator('#me-display-name').innerText();
      await page.goto(`${h5Url()}/#/pages/home/index`);
      await page.locator('#home-welcome').waitFor(WAIT);
      const askedOnTheFirstScreen = asked.length;
      const waitingOnTheFirstScreen = [...waiting];

      // Another page: its texts are not the first screen's, so the rest of the Chinese is asked for.
      await page.evaluate(() => {
        window.location.hash = '#/pages/privacy/index';
      });
      await page.locator('#privacy-guide').waitFor(WAIT);
      for (let tries = 0; tries < 100 && asked.length === 0; tries += 1) await page.waitForTimeout(100);
      const askedAfterLeaving = asked.length;

      expect({
        askedOnTheFirstScreen,
        askedAfterLeaving: askedAfterLeaving > 0,
        waitingOnTheFirstScreen,
        login: loginText.trim() !== '',
        me: meText.trim() !== '',
      }).toEqual({
        askedOnTheFirstScreen: 0,
        askedAfterLeaving: true,
        waitingOnTheFirstScreen: [],
        login: true,
        me: true,
      });
    } finally {
      await fresh.close();
    }
  }, 120_000);
});
