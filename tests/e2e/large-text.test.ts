import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { contracts } from '@linli/shared';
import { login, send } from '../support/api';
import { launchBrowser } from '../support/browser';
import { logInToDemo, openRoute, snapshot, WAIT, type Browser } from './helpers';

/** `18.4px` → 18.4 (a CSS length in pixels; not money). */
const cssPixels = (length: string): number => Number(length.replace('px', '')) || 0;

/**
 * Issue 21, large-text mode at phone size (414 px): nothing goes off the screen, a button keeps its
 * words whole on one line, and the tab bar's labels grow too. Seen before: the copy button of the
 * member number off screen, 加入购物车 and 确认兑换 cut or wrapped, tab labels left at 14 px.
 */
describe('large text on a phone', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** Buttons on the visible page whose text is cut (wider than the button) or wraps onto a second line. */
  async function brokenButtons(): Promise<string[]> {
    return page.evaluate(() =>
      Array.from(document.querySelectorAll('.page .button'))
        .filter((element) => (element as HTMLElement).offsetParent !== null)
        .filter((element) => {
          const box = element as HTMLElement;
          // In the browser: a CSS length in pixels (the Node helper is not there).
          const pixels = (length: string) => Number(length.replace('px', '')) || 0;
          const lineHeight = pixels(getComputedStyle(box).lineHeight) || pixels(getComputedStyle(box).fontSize);
          const range = document.createRange();
          range.selectNodeContents(box);
          const lines = new Set(Array.from(range.getClientRects()).map((rect) => Math.round(rect.top))).size;
          return (
            box.scrollWidth > box.clientWidth + 1 || lines > 1 || box.getBoundingClientRect().height > 4 * lineHeight
          );
        })
        .map((element) => `${element.id || element.className}: ${(element.textContent ?? '').trim()}`),
    );
  }

  async function overflow(): Promise<number> {
    return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  }

  async function offScreen(selector: string): Promise<boolean> {
    const box = await page.locator(selector).first().boundingBox();
    return !box || box.x < 0 || box.x + box.width > 414 + 1;
  }

  it('keeps 我的, a good and a product on the screen, buttons whole, tab labels large', async () => {
    const { good, product } = await shelves();

    await logInToDemo(page, `e2e-large-${randomUUID().slice(0, 8)}`, '大字模式的王奶奶');
    await page.evaluate(() =>
      window.localStorage.setItem('linli.preferences.largeText', JSON.stringify({ data: true })),
    );
    await page.reload();
    await page.locator('.page--large #me-copy-member-id').waitFor(WAIT);
    expect(await offScreen('#me-copy-member-id')).toBe(false);
    expect(await overflow()).toBeLessThanOrEqual(1);
    const tabLabel = await page
      .locator('.weui-tabbar__label')
      .first()
      .evaluate((label) => getComputedStyle(label).fontSize);
    expect(cssPixels(tabLabel)).toBeGreaterThanOrEqual(18);
    await snapshot(page, 'e2e-large-text-1-me.png');

    await openRoute(page, `/market/pages/good/index?id=${good.id}`);
    await page.locator(`.page--large #redeem-${good.id}-open`).waitFor(WAIT);
    await page.locator(`#redeem-${good.id}-open`).click();
    await page.locator(`#redeem-${good.id}-confirm`).waitFor(WAIT);
    expect(await overflow()).toBeLessThanOrEqual(1);
    expect(await brokenButtons()).toEqual([]);
    await snapshot(page, 'e2e-large-text-2-redeem.png');

    await openRoute(page, `/shop/pages/product/index?id=${product.id}`);
    await page.locator(`.page--large [id$="-cart"]`).first().waitFor(WAIT);
    expect(await overflow()).toBeLessThanOrEqual(1);
    expect(await brokenButtons()).toEqual([]);
    await snapshot(page, 'e2e-large-text-3-product.png');
  }, 180_000);
});

/** A supermarket good and an approved handmade product, with long names as people give them. */
async function shelves(): Promise<{ good: { id: string }; product: { id: string } }> {
  const [staff, maker] = [await login('demo-staff'), await login('demo-maker')];
  const suffix = randomUUID().slice(0, 4);
  const good = await send(contracts.createGood, {
    params: { cid: 'demo' },
    token: staff.token,
    body: { name: `东北五常大米十斤装${suffix}`, pricePoints: 1, stock: 5, valueFen: 1500 },
  });
  const product = await send(contracts.createProduct, {
    params: { cid: 'demo' },
    token: maker.token,
    body: { title: `手工编织的大号收纳篮${suffix}`, description: '邻居阿姨手编', priceFen: 3800, stock: 3 },
  });
  await send(contracts.approveProduct, { params: { cid: 'demo', pid: product.body.id }, token: staff.token });
  expect([good.status, product.status]).toEqual([201, 201]);
  return { good: good.body, product: product.body };
}
