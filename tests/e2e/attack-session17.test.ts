import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { contracts } from '@linli/shared';
import { login, send } from '../support/api';
import { WAIT, browserPerTest, h5Url, logInToDemo, openRoute } from './helpers';

/**
 * Attack session 17 on issue 21 (the app's View, Text and Button as plain `<div>`, `<span>`, `<button>`): what
 * a fresh tester found once the buttons were real ones. Each test states what a person should meet.
 */

/** A new member of `demo` who has not agreed to the privacy guide yet, with their session in the browser. */
async function newMemberWithoutConsent(page: Page, language: 'zh-CN' | 'en' = 'zh-CN'): Promise<void> {
  const person = await login(`e2e-s17-${randomUUID().slice(0, 8)}`, '十七');
  const joined = await send(contracts.joinCommunity, { params: { cid: 'demo' }, token: person.token });
  expect([200, 201]).toContain(joined.status);
  await page.goto(`${h5Url()}/`);
  await page.evaluate(
    ({ token, english }) => {
      window.localStorage.clear();
      window.localStorage.setItem('linli.session.token', JSON.stringify({ data: token }));
      window.localStorage.setItem('linli.community.id', JSON.stringify({ data: 'demo' }));
      if (english) {
        window.localStorage.setItem('linli.preferences.language', JSON.stringify({ data: 'en' }));
        window.localStorage.setItem('linli.preferences.largeText', JSON.stringify({ data: true }));
      }
    },
    { token: person.token, english: language === 'en' },
  );
}

describe('attack session 17: plain elements (issue 21)', () => {
  const browserNow = browserPerTest();

  it.each(['zh-CN', 'en'] as const)(
    'shows the privacy prompt’s 不同意 whole above the tab bar on a tab page (%s)',
    async (language) => {
      const page = await browserNow().context.newPage();
      await newMemberWithoutConsent(page, language);
      await openRoute(page, '/pages/me/index');
      const decline = page.locator('#privacy-decline');
      await decline.waitFor(WAIT);
      // Taro's tab bar comes with its own styles (they define --taro-tabbar-height); measure once it shows.
      await page
        .locator('.weui-tabbar')
        .first()
        .waitFor({ ...WAIT, state: 'visible' });
      await decline.scrollIntoViewIfNeeded();

      const box = await decline.boundingBox();
      const tabBarTop = await page.evaluate(
        () => document.querySelector('.weui-tabbar')?.getBoundingClientRect().top ?? Number.NaN,
      );
      expect({
        declineEndsAboveTheTabBar: box !== null && box.y + box.height <= tabBarTop,
        at: `${box?.y} + ${box?.height} ≤ ${tabBarTop}`,
      }).toEqual({ declineEndsAboveTheTabBar: true, at: expect.any(String) });
      // And it is the decline's own click: the prompt closes, the page stays.
      await decline.click();
      await page.locator('#privacy-prompt').waitFor({ ...WAIT, state: 'detached' });
    },
  );

  it('tells which option is chosen, not by colour alone (aria-pressed)', async () => {
    const page = await browserNow().context.newPage();
    await logInToDemo(page, 'demo-staff');
    await openRoute(page, '/office/pages/new-activity/index');
    await page.locator('#activity-category-care').click();
    await page.locator('#activity-category-care.choice--on').waitFor(WAIT);

    const pressed = await page.evaluate(() =>
      Array.from(document.querySelectorAll('#activity-category .choice')).map((choice) => ({
        on: choice.classList.contains('choice--on'),
        pressed: choice.getAttribute('aria-pressed'),
      })),
    );
    expect(pressed.length).toBeGreaterThan(1);
    expect(pressed.filter((choice) => choice.pressed !== String(choice.on))).toEqual([]);
    expect(pressed.filter((choice) => choice.pressed === 'true')).toHaveLength(1);
  });

  it('gives an option whose words wrap (English, large text) room for them: nothing cut at its edges', async () => {
    const page = await browserNow().context.newPage();
    await logInToDemo(page, 'demo-staff');
    await page.evaluate(() => {
      window.localStorage.setItem('linli.preferences.largeText', JSON.stringify({ data: true }));
      window.localStorage.setItem('linli.preferences.language', JSON.stringify({ data: 'en' }));
    });
    await openRoute(page, '/office/pages/new-activity/index');
    await page.locator('#activity-category .choice').first().waitFor(WAIT);
    await page.locator('html[lang="en"]').waitFor(WAIT);

    const cut = await page.evaluate(() =>
      Array.from(document.querySelectorAll('.choice'))
        .filter((choice) => choice.scrollHeight > choice.clientHeight)
        .map((choice) => `${choice.id}: ${choice.scrollHeight} > ${choice.clientHeight}`),
    );
    expect(cut).toEqual([]);
  });
});
