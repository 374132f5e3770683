import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { DEV_MERCHANT_ID } from '../../functions/src/domain/shop/shipping';
import { launchBrowser } from '../support/browser';
import { samplePhoto } from '../support/photos';
import { WAIT, findInList, logInToDemo, openRoute, snapshot, type Browser } from './helpers';

/** What WeChat's order-shipping service (the stand-in, through its own API) knows of an order paid on the dev stage. */
async function wechatOrder(orderId: string): Promise<{ order_state?: number; shipping?: { logistics_type?: number } }> {
  const base = process.env.WECHAT_API_BASE!;
  const token = await fetch(`${base}/cgi-bin/stable_token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      grant_type: 'client_credential',
      appid: process.env.WECHAT_APP_ID,
      secret: process.env.WECHAT_APP_SECRET,
    }),
  }).then((reply) => reply.json() as Promise<{ access_token: string }>);
  const answer = await fetch(`${base}/wxa/sec/order/get_order?access_token=${token.access_token}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ merchant_id: DEV_MERCHANT_ID, merchant_trade_no: orderId }),
  }).then(
    (reply) => reply.json() as Promise<{ order?: { order_state?: number; shipping?: { logistics_type?: number } } }>,
  );
  return answer.order ?? {};
}

/**
 * Issue 19's journey in Chromium against the H5 build, the API, the local S3 API server and the WeChat
 * stand-in: demo-maker lists a product with two photos (chosen in the browser, PUT straight to storage,
 * checked by WeChat's image check) → demo-staff approves it, seeing the photos → a new resident sees
 * them on the product page (lazy thumbnails, tap to enlarge), buys and pays → staff mark the order ready
 * for pickup → the order shows its shipping information uploaded, and WeChat's record says shipped (pickup).
 */
describe('photos and the shipping upload in Chromium', () => {
  let workBrowser: Browser;
  let residentBrowser: Browser;
  let workPage: Page;
  let residentPage: Page;
  const suffix = randomUUID().slice(0, 6);

  beforeAll(async () => {
    workBrowser = await launchBrowser();
    residentBrowser = await launchBrowser();
    workPage = await workBrowser.context.newPage();
    residentPage = await residentBrowser.context.newPage();
  });

  afterAll(async () => {
    await workBrowser?.close();
    await residentBrowser?.close();
  });

  it('maker lists with two photos → office approves → resident sees them, buys, pays → pickup uploaded to WeChat', async () => {
    const title = `竹编果篮${suffix}`;
    const buyerName = `看图买家${suffix}`;
    const folder = mkdtempSync(path.join(tmpdir(), 'linli-e2e-photos-'));
    const files = [path.join(folder, 'basket-front.jpg'), path.join(folder, 'basket-side.png')];
    writeFileSync(files[0]!, await samplePhoto('image/jpeg', 900, 600));
    writeFileSync(files[1]!, await samplePhoto('image/png', 500, 700));

    // (a) demo-maker fills the listing and chooses two photos; both upload before it is sent.
    await logInToDemo(workPage, 'demo-maker');
    await openRoute(workPage, '/shop/pages/maker/index');
    await workPage.locator('#product-title input').waitFor(WAIT);
    await workPage.locator('#product-title input').fill(title);
    await workPage.locator('#product-description textarea').fill('本地毛竹手工编织');
    await workPage.locator('#product-price input').fill('45');
    await workPage.locator('#product-stock input').fill('4');
    await workPage.locator('#product-photos-input').setInputFiles(files);
    await workPage.locator('#product-photos .image-uploader__thumb').nth(1).waitFor(WAIT);
    await workPage
      .locator('#product-photos .image-uploader__pending')
      .first()
      .waitFor({ ...WAIT, state: 'detached' });
    expect(await workPage.locator('#product-photos .image-uploader__thumb').count()).toBe(2);
    await snapshot(workPage, 'e2e-photos-1-maker-photos.png');
    await workPage.locator('#product-submit').click();
    await workPage.locator('#product-result').waitFor(WAIT);
    const listing = workPage.locator('.product-card', { hasText: title });
    await listing.waitFor(WAIT);

    // (b) demo-staff approves it, the photos in front of them.
    await logInToDemo(workPage, 'demo-staff');
    await openRoute(workPage, '/office/pages/products/index');
    const review = await findInList(workPage, 'product-reviews', workPage.locator('.product-card', { hasText: title }));
    expect(await review.locator('img.image-gallery__thumb').count()).toBe(2);
    await review.locator('[id^="product-approve-"]').click();
    await review.locator('.result-good').waitFor(WAIT);

    // (c) A new resident opens it: two lazy thumbnails; one enlarges and closes; then buys and pays.
    await logInToDemo(residentPage, `e2e-photos-${suffix}`, buyerName);
    await openRoute(residentPage, '/shop/pages/index/index');
    const product = residentPage.locator('#shop-products .product-card', { hasText: title });
    await product.waitFor(WAIT);
    await product.locator('.good-card__main').click();
    const thumbs = residentPage.locator('img.image-gallery__thumb');
    await thumbs.nth(1).waitFor(WAIT);
    expect(await thumbs.count()).toBe(2);
    expect(await thumbs.first().getAttribute('loading')).toBe('lazy');
    const naturalWidths = () =>
      thumbs.evaluateAll((images) => images.map((image) => (image as HTMLImageElement).naturalWidth));
    for (let tries = 0; tries < 100 && (await naturalWidths()).some((width) => width === 0); tries += 1)
      await residentPage.waitForTimeout(200);
    const widths = await thumbs.evaluateAll((images) =>
      images.map((image) => (image as HTMLImageElement).naturalWidth),
    );
    expect(widths).toEqual([360, 257]); // the 360-px thumbnails, not the originals
    await residentPage.locator('.image-gallery__item').first().click();
    const full = residentPage.locator('img.image-gallery__full');
    await full.waitFor(WAIT);
    await residentPage.waitForFunction(
      () => (document.querySelector<HTMLImageElement>('img.image-gallery__full')?.naturalWidth ?? 0) > 0,
      undefined,
      WAIT,
    );
    expect(await full.evaluate((image) => (image as HTMLImageElement).naturalWidth)).toBe(900);
    await snapshot(residentPage, 'e2e-photos-2-enlarged.png');
    await residentPage.locator('.image-gallery__close').click();
    await full.waitFor({ ...WAIT, state: 'detached' });
    const buy = residentPage.locator('.buy');
    await buy.locator('[id$="-submit"]').click();
    await residentPage.locator('.order-payment__pay').click();
    await residentPage.locator('.order-payment .result-good').waitFor(WAIT);

    // (d) demo-staff marks it ready for pickup; the shipping information goes to WeChat.
    await openRoute(workPage, '/office/pages/orders/index');
    const order = await findInList(workPage, 'office-orders', workPage.locator('.order', { hasText: buyerName }));
    await order.locator('[id^="order-ready_for_pickup-"]').click();
    await order.locator('.result-good').waitFor(WAIT);
    await workPage.reload();
    await workPage.locator('#orders-filter-ready_for_pickup').click();
    const handed = await findInList(workPage, 'office-orders', workPage.locator('.order', { hasText: buyerName }));
    const shipping = handed.locator('.order-shipping');
    await shipping.waitFor(WAIT);
    expect(await shipping.textContent()).toContain('发货信息已上传到微信');
    await snapshot(workPage, 'e2e-photos-3-shipping-uploaded.png');
    const orderId = ((await shipping.getAttribute('id')) ?? '').replace('order-shipping-', '');
    expect(await wechatOrder(orderId)).toMatchObject({ order_state: 2, shipping: { logistics_type: 4 } });
  }, 300_000);
});
