import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { contracts } from '@linli/shared';
import { login, send } from '../support/api';
import { launchBrowser } from '../support/browser';
import { logInToDemo, snapshot, WAIT, type Browser } from './helpers';

/**
 * Attack tests of member numbers (编号, issue 21) in Chromium: an elderly resident reads their number
 * on 我的 in large text, in English, on a small Android phone (360 px) with a long name — the number
 * whole on one line, on the screen, larger than the name, and the name still readable beside it.
 */
describe('attack: the member number on 我的, large text, English, a small phone', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.context.newPage();
    await page.setViewportSize({ width: 360, height: 780 });
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** Lines a node's text is laid out on. */
  const lines = (selector: string) =>
    page
      .locator(selector)
      .first()
      .evaluate((node) => {
        const range = document.createRange();
        range.selectNodeContents(node);
        return new Set(Array.from(range.getClientRects()).map((rect) => Math.round(rect.top))).size;
      });

  it('shows No. and the digits whole, on screen and large; the name keeps room', async () => {
    const openid = `e2e-no-${randomUUID().slice(0, 8)}`;
    const nickname = '欧阳秀英奶奶住在十二号楼';
    await logInToDemo(page, openid, nickname);
    await page.evaluate(() => {
      window.localStorage.setItem('linli.preferences.largeText', JSON.stringify({ data: true }));
      window.localStorage.setItem('linli.preferences.language', JSON.stringify({ data: 'en' }));
    });
    await page.reload();
    await page.locator('html[lang="en"] .page--large #me-member-no').waitFor(WAIT);
    const { token } = await login(openid);
    const { memberNo } = (await send(contracts.getMe, { params: { cid: 'demo' }, token })).body.member;
    await snapshot(page, 'e2e-attack-member-no-large-en.png');

    const number = page.locator('#me-member-no');
    expect((await number.textContent())?.replace(/\s+/g, '')).toBe(`No.${memberNo}`);
    expect(await page.locator('.page').first().textContent()).toContain('Give this number at the community office');
    const box = (await number.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(360 + 1);
    expect(await lines('#me-member-no .member-no__digits')).toBe(1);
    const sizes = await page.evaluate(() => {
      const size = (selector: string) =>
        Number(getComputedStyle(document.querySelector(selector)!).fontSize.replace('px', ''));
      return { digits: size('#me-member-no .member-no__digits'), name: size('#me-display-name') };
    });
    expect(sizes.digits).toBeGreaterThan(sizes.name);
    // "No." beside the digits, not above them: the badge is one line tall.
    expect(box.height).toBeLessThanOrEqual(2.5 * sizes.digits);
    // The name beside it is not squeezed to a column of one or two characters.
    const name = (await page.locator('#me-display-name').boundingBox())!;
    expect(name.width).toBeGreaterThanOrEqual(3 * sizes.name);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
  });
});
