import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { WAIT, findInList, h5Url, logInToDemo, openRoute, snapshot, type Browser } from './helpers';

/**
 * 微益坊 and the public fund in Chromium against the H5 build and the real API: demo-maker lists
 * 手工草帽 at ¥150 (3 in stock) → demo-staff approves it in the office → a new resident buys one
 * and pays with the dev confirmation, told that ¥30.00 goes to the fund → a visitor who is not
 * logged in opens the fund page and finds the +¥30.00 销售分成 entry, whose hash is the latest hash.
 */
describe('artisan shop and public charity fund in Chromium', () => {
  let workBrowser: Browser;
  let residentBrowser: Browser;
  let publicBrowser: Browser;
  let workPage: Page;
  let residentPage: Page;
  let publicPage: Page;

  beforeAll(async () => {
    workBrowser = await launchBrowser();
    residentBrowser = await launchBrowser();
    publicBrowser = await launchBrowser();
    workPage = await workBrowser.context.newPage();
    residentPage = await residentBrowser.context.newPage();
    publicPage = await publicBrowser.context.newPage();
  });

  afterAll(async () => {
    await workBrowser?.close();
    await residentBrowser?.close();
    await publicBrowser?.close();
  });

  const suffix = randomUUID().slice(0, 6);
  const buyerName = `买家${suffix}`;

  it('maker lists → office approves → resident buys and pays → the public fund shows the share', async () => {
    const title = `手工草帽${suffix}`;

    // (a) demo-maker lists the hat: ¥150, 3 in stock; it waits for review.
    await logInToDemo(workPage, 'demo-maker');
    await openRoute(workPage, '/shop/pages/maker/index');
    await workPage.locator('#product-title input').waitFor(WAIT);
    await workPage.locator('#product-title input').fill(title);
    await workPage.locator('#product-description textarea').fill('麦秆手工编织，透气遮阳');
    await workPage.locator('#product-price input').fill('150');
    await workPage.locator('#product-stock input').fill('3');
    await workPage.locator('#product-submit').click();
    await workPage.locator('#product-result').waitFor(WAIT);
    const listing = workPage.locator('.product-card', { hasText: title });
    await listing.waitFor(WAIT);
    expect(await listing.locator('.product-card__status').textContent()).toBe('待审核');
    expect(await listing.locator('.product-card__price').textContent()).toBe('¥150.00');
    await snapshot(workPage, 'e2e-shop-1-maker-listed.png');

    // (b) demo-staff approves it in the office.
    await logInToDemo(workPage, 'demo-staff');
    await openRoute(workPage, '/office/pages/index/index');
    await workPage.locator('#office-products').waitFor(WAIT);
    await snapshot(workPage, 'e2e-shop-2-office-menu.png');
    await workPage.locator('#office-products').click();
    const review = await findInList(workPage, 'product-reviews', workPage.locator('.product-card', { hasText: title }));
    await review.locator('[id^="product-approve-"]').click();
    await review.locator('.result-good').waitFor(WAIT);
    await snapshot(workPage, 'e2e-shop-3-office-approved.png');

    // (c) A new resident finds it in 微益坊, buys one and pays with the dev confirmation.
    await logInToDemo(residentPage, `e2e-shop-${suffix}`, buyerName);
    await openRoute(residentPage, '/pages/market/index');
    await residentPage.locator('#market-shop').waitFor(WAIT);
    await snapshot(residentPage, 'e2e-shop-4-market.png');
    await residentPage.locator('#market-shop').click();
    const product = residentPage.locator('#shop-products .product-card', { hasText: title });
    await product.waitFor(WAIT);
    await product.locator('.good-card__main').click();
    const buy = residentPage.locator('.buy');
    await buy.waitFor(WAIT);
    expect(await buy.locator('[id$="-total"]').textContent()).toBe('合计 ¥150.00，其中 ¥30.00 捐入社区基金');
    await buy.locator('[id$="-submit"]').click();
    await residentPage.locator('.order__fund').waitFor(WAIT);
    expect(await residentPage.locator('.order__fund').textContent()).toBe('其中 ¥30.00 捐入社区基金');
    expect(await residentPage.locator('.order__status').textContent()).toBe('待付款');
    await snapshot(residentPage, 'e2e-shop-5-order.png');
    await residentPage.locator('.order-payment__pay').click();
    await residentPage.locator('.order-payment .result-good').waitFor(WAIT);
    expect(await residentPage.locator('.order__status').textContent()).toBe('已付款');
    await snapshot(residentPage, 'e2e-shop-6-paid.png');

    // (d) A visitor who never logged in opens the public fund page.
    await publicPage.goto(`${h5Url()}/#/fund/pages/index/index?cid=demo`);
    await publicPage.locator('#fund-latest-hash').waitFor(WAIT);
    const entry = await findInList(publicPage, 'fund-entries', publicPage.locator('.fund-entry', { hasText: title }));
    expect(await entry.locator('.fund-entry__amount').textContent()).toBe('+¥30.00');
    expect(await entry.locator('.fund-entry__kind').textContent()).toContain('销售分成');
    await entry.click();
    const entryHash = ((await entry.locator('.fund-entry__hash').textContent()) ?? '').trim();
    expect(entryHash).toMatch(/^[0-9a-f]{64}$/);
    expect(((await publicPage.locator('#fund-latest-hash').textContent()) ?? '').trim()).toBe(entryHash);
    expect(await publicPage.locator('#fund-latest-hash-card').textContent()).toContain(
      '保存此哈希，日后可核对账目未被改写',
    );
    expect(await publicPage.locator('#page-loading').count()).toBe(0);
    await snapshot(publicPage, 'e2e-shop-7-public-fund.png');

    // The resident's order is in 我的订单, paid.
    await openRoute(residentPage, '/shop/pages/orders/index');
    const mine = await findInList(residentPage, 'my-orders', residentPage.locator('.order', { hasText: title }));
    expect(await mine.locator('.order__status').textContent()).toBe('已付款');
    await snapshot(residentPage, 'e2e-shop-8-my-orders.png');
  }, 300_000);

  it('office hands the order over; an anonymous donation; an expense needs a second staff member', async () => {
    const purpose = `慰问独居老人${suffix}`;

    // demo-staff (still logged in) marks the paid order ready for pickup.
    await openRoute(workPage, '/office/pages/orders/index');
    const order = await findInList(workPage, 'office-orders', workPage.locator('.order', { hasText: buyerName }));
    await order.locator('[id^="order-ready_for_pickup-"]').click();
    await order.locator('.result-good').waitFor(WAIT);
    await snapshot(workPage, 'e2e-shop-9-office-orders.png');

    // The resident gives ¥66.08 (not ticking 显示我的名字: anonymous) and pays with the dev confirmation.
    await openRoute(residentPage, '/fund/pages/donate/index');
    await residentPage.locator('#donate-amount input').waitFor(WAIT);
    await residentPage.locator('#donate-amount input').fill('66.08');
    expect(await residentPage.locator('#donate-publish-name-text').textContent()).toContain('匿名');
    await residentPage.locator('#donate-submit').click();
    await residentPage.locator('.order__fund').waitFor(WAIT);
    expect(await residentPage.locator('.order__fund').textContent()).toBe('¥66.08 全部捐入社区基金');
    await residentPage.locator('.order-payment__pay').click();
    await residentPage.locator('.order-payment .result-good').waitFor(WAIT);
    await snapshot(residentPage, 'e2e-shop-10-donated.png');

    // demo-staff submits an expense and may not approve it; demo-staff-2 can.
    await openRoute(workPage, '/office/pages/expenses/index');
    await workPage.locator('#expense-amount input').waitFor(WAIT);
    await workPage.locator('#expense-amount input').fill('10');
    await workPage.locator('#expense-purpose input').fill(purpose);
    await workPage.locator('#expense-submit').click();
    await workPage.locator('#expense-result').waitFor(WAIT);
    const expense = await findInList(workPage, 'fund-expenses', workPage.locator('.expense', { hasText: purpose }));
    await expense.locator('[id^="expense-approve-"]').click();
    await expense.locator('.result-bad').waitFor(WAIT);
    expect(await expense.locator('.result-bad').textContent()).toBe('不能审批自己提交的支出，请由另一位社工审批');
    await snapshot(workPage, 'e2e-shop-11-same-staff.png');
    await logInToDemo(workPage, 'demo-staff-2');
    await openRoute(workPage, '/office/pages/expenses/index');
    const pending = await findInList(workPage, 'fund-expenses', workPage.locator('.expense', { hasText: purpose }));
    await pending.locator('[id^="expense-approve-"]').click();
    await pending.locator('.result-good').waitFor(WAIT);

    // The public page shows both, the donation without the donor's name, the expense as 支出.
    await publicPage.goto(`${h5Url()}/#/fund/pages/index/index?cid=demo`);
    await publicPage.reload();
    await publicPage.locator('#fund-latest-hash').waitFor(WAIT);
    const spent = await findInList(publicPage, 'fund-entries', publicPage.locator('.fund-entry', { hasText: purpose }));
    expect(await spent.locator('.fund-entry__amount').textContent()).toBe('-¥10.00');
    expect(await spent.locator('.fund-entry__kind').textContent()).toContain('支出');
    const gift = publicPage.locator('.fund-entry', { hasText: '+¥66.08' }).first();
    expect(await gift.locator('.fund-entry__kind').textContent()).toContain('捐赠');
    expect(await gift.textContent()).not.toContain(buyerName);
    expect(await gift.locator('[id$="-donor"]').textContent()).toBe('捐赠人：匿名');
    await snapshot(publicPage, 'e2e-shop-12-public-fund-expense.png');
  }, 300_000);

  it('a resident puts two different products in the cart and pays for both with one order', async () => {
    const scarf = `手织围巾${suffix}`;
    const cup = `陶土杯${suffix}`;

    // demo-maker lists both; demo-staff approves them.
    await logInToDemo(workPage, 'demo-maker');
    await openRoute(workPage, '/shop/pages/maker/index');
    for (const [title, price] of [
      [scarf, '88.50'],
      [cup, '20'],
    ] as const) {
      await workPage.locator('#product-title input').waitFor(WAIT);
      await workPage.locator('#product-title input').fill(title);
      await workPage.locator('#product-description textarea').fill('居民手作');
      await workPage.locator('#product-price input').fill(price);
      await workPage.locator('#product-stock input').fill('5');
      await workPage.locator('#product-submit').click();
      await workPage.locator('.product-card', { hasText: title }).waitFor(WAIT);
    }
    await logInToDemo(workPage, 'demo-staff');
    await openRoute(workPage, '/office/pages/products/index');
    for (const title of [scarf, cup]) {
      const review = await findInList(
        workPage,
        'product-reviews',
        workPage.locator('.product-card', { hasText: title }),
      );
      await review.locator('[id^="product-approve-"]').click();
      await review.locator('.result-good').waitFor(WAIT);
    }

    // The resident adds one scarf and two cups to the cart from each product page.
    for (const [title, quantity] of [
      [scarf, 1],
      [cup, 2],
    ] as const) {
      await openRoute(residentPage, '/shop/pages/index/index');
      const product = residentPage.locator('#shop-products .product-card', { hasText: title });
      await product.waitFor(WAIT);
      await product.locator('.good-card__main').click();
      const buy = residentPage.locator('.buy');
      await buy.waitFor(WAIT);
      for (let more = 1; more < quantity; more += 1) await buy.locator('[id$="-more"]').click();
      await buy.locator('[id$="-cart"]').click();
      await buy.locator('.result-good').waitFor(WAIT);
    }

    // The cart, opened from 微益坊, holds both; 结算 places one order, paid with the dev confirmation.
    await openRoute(residentPage, '/shop/pages/index/index');
    await residentPage.locator('#shop-cart').waitFor(WAIT);
    expect(await residentPage.locator('#shop-cart .nav-row__label').textContent()).toBe('购物车（3 件）');
    await residentPage.locator('#shop-cart').click();
    await residentPage.locator('#cart-total').waitFor(WAIT);
    expect(await residentPage.locator('#cart-total').textContent()).toBe('¥128.50');
    await snapshot(residentPage, 'e2e-shop-13-cart.png');
    await residentPage.locator('#cart-checkout').click();
    const order = residentPage.locator('#cart-order .order');
    await order.waitFor(WAIT);
    expect(await order.textContent()).toContain(scarf);
    expect(await order.textContent()).toContain(cup);
    await residentPage.locator('.order-payment__pay').click();
    await residentPage.locator('.order-payment .result-good').waitFor(WAIT);
    expect(await residentPage.locator('.order__status').textContent()).toBe('已付款');
    await snapshot(residentPage, 'e2e-shop-14-cart-paid.png');

    // The cart is empty again.
    await openRoute(residentPage, '/shop/pages/cart/index');
    await residentPage.locator('#cart-empty').waitFor(WAIT);
  }, 300_000);
});
