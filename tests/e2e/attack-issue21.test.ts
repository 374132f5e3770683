import { randomUUID } from 'node:crypto';
import type { Page, Request } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { WAIT, h5Url, logInToDemo, openRoute, type Browser } from './helpers';

/**
 * Attack tests for issue 21 in Chromium against the H5 build: the office PC's tabs after someone
 * signs out, and what a resident reads when the server fails in a way it has no message for.
 */

/** The `Authorization` headers of the API requests `page` makes from now on. */
function authorizationsOf(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (request: Request) => {
    const header = request.headers().authorization;
    if (request.url().includes('/v1/') && header) seen.push(header);
  });
  return seen;
}

describe('issue 21 attacks in Chromium: tabs and sessions', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('after staff sign out on one tab of the office PC, the other tab no longer acts as them', async () => {
    const desk = await browser.context.newPage();
    await logInToDemo(desk, 'demo-staff');
    const other = await browser.context.newPage();
    const sent = authorizationsOf(other);
    await other.goto(`${h5Url()}/#/pages/me/index`);
    await other.locator('#me-display-name').waitFor(WAIT);
    const staffAuthorization = sent[0];
    expect(staffAuthorization).toMatch(/^Bearer /);

    // Staff sign out at the desk; a resident walks up and logs in there.
    await desk.bringToFront();
    await desk.locator('#logout').click();
    await desk.locator('#login-openid').waitFor(WAIT);
    await logInToDemo(desk, `e2e-attack21-${randomUUID().slice(0, 8)}`, '路过的居民');
    sent.length = 0;

    // The other tab, left open, is used without reloading it: its 活动 page, by the address bar's hash.
    await other.bringToFront();
    await other.evaluate(() => {
      window.location.hash = '#/pages/activities/index';
    });
    await other.locator('#activities-list, .page__error-message, #login-openid').first().waitFor(WAIT);
    await other.waitForTimeout(2_000);

    expect(sent.length).toBeGreaterThan(0);
    expect(sent.filter((header) => header === staffAuthorization)).toEqual([]);
    await desk.close();
    await other.close();
  });
});

describe('issue 21 attacks in Chromium: error messages', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.context.newPage();
    await logInToDemo(page, `e2e-attack21-${randomUUID().slice(0, 8)}`, '看消息的李奶奶');
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** What 消息 says when GET /v1/me/notifications answers `status` with `body`. */
  async function inboxFailing(status: number, body: string, contentType: string): Promise<string> {
    await page.unrouteAll();
    await page.route('**/v1/me/notifications*', (route) => route.fulfill({ status, body, contentType }));
    await openRoute(page, '/shop/pages/inbox/index');
    const message = page.locator('.page__error-message');
    await message.waitFor(WAIT);
    return ((await message.textContent()) ?? '').trim();
  }

  it.each([
    [
      'a 500 internal.error',
      500,
      JSON.stringify({
        error: { code: 'internal.error', message: 'Something went wrong on our side; please try again' },
      }),
      'application/json',
    ],
    ['a gateway’s 502 page', 502, '<html><body>Bad Gateway</body></html>', 'text/html'],
    ['a gateway’s 413', 413, JSON.stringify({ message: 'Request Entity Too Large' }), 'application/json'],
  ])('%s reads in Chinese for a Chinese reader, not the server’s English', async (_, status, body, contentType) => {
    const text = await inboxFailing(status, body, contentType);

    expect(text).toMatch(/[\u4e00-\u9fff]/);
    expect(text).not.toMatch(/[A-Za-z]{3,}/);
  });
});
