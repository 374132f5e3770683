import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { contracts } from '@linli/shared';
import { login, send } from '../support/api';
import { launchBrowser } from '../support/browser';
import { createCommunity, createMember } from '../support/factories';
import { createActivityNow, officeClaim } from '../support/timebank';
import { WAIT, agreeToPrivacyGuide, h5Url, openRoute, snapshot, type Browser } from './helpers';

/** A community whose currency has an English name, and a resident whose service hour was approved there. */
async function approvedHour(suffix: string) {
  const community = await createCommunity({
    name: `林荫里${suffix}`,
    currencyName: '时间币',
    currencyNameEn: 'Time coins',
  });
  const [recorder, approver] = await Promise.all([
    createMember(community.id, ['staff'], 'staff'),
    createMember(community.id, ['staff'], 'staff2'),
  ]);
  const openid = `e2e-inbox-${suffix}`;
  const resident = await login(openid, `小林${suffix}`);
  const joined = await send(contracts.joinCommunity, { params: { cid: community.id }, token: resident.token });
  if (joined.status >= 300) throw new Error(`join → ${joined.status} ${JSON.stringify(joined.body)}`);
  const title = `敬老院探访${suffix}`;
  const activity = await createActivityNow(community.id, recorder.token, { title });
  // 60 minutes at the fixture's 2 points an hour: 2 Time coins, below the certificate's 3.
  const claim = await officeClaim(community.id, activity.id, recorder.token, resident.userId, 60);
  const approved = await send(contracts.approveClaim, {
    params: { cid: community.id, claimId: claim.id },
    token: approver.token,
  });
  if (approved.status !== 200) throw new Error(`approve → ${approved.status} ${JSON.stringify(approved.body)}`);
  return { cid: community.id, openid, title };
}

/** Logs in as `openid` from a clean start and enters community `cid` (lands on 我的). */
async function logInTo(page: Page, openid: string, cid: string): Promise<void> {
  await page.goto(`${h5Url()}/`);
  await page.evaluate(() => window.localStorage.clear());
  await page.goto(`${h5Url()}/`);
  await page.locator('#login-openid input').fill(openid);
  await agreeToPrivacyGuide(page);
  await page.locator('#login-submit').click();
  await page.locator(`#join-${cid}`).click();
  await page.locator('#me-display-name').waitFor(WAIT);
}

/** The title and body of the inbox's first card that mentions `text`. */
async function inboxCard(page: Page, text: string): Promise<{ title: string; body: string }> {
  await openRoute(page, '/shop/pages/inbox/index');
  const card = page.locator('#inbox .card', { hasText: text }).first();
  await card.waitFor(WAIT);
  return {
    title: ((await card.locator('.notification__title').textContent()) ?? '').trim(),
    body: ((await card.locator('.notification__body').textContent()) ?? '').trim(),
  };
}

/**
 * Issue 21: inbox texts in the reader's language. A resident whose hour of service was approved
 * switches the app to English on 我的 → 消息 says so in English, naming the community's currency by
 * its English name; the activity's title stays as written → back in Chinese, the text the backend stored.
 */
describe('the inbox in the reader’s language, in Chromium', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('a resident in English reads an approved claim’s notice in English', async () => {
    const suffix = randomUUID().slice(0, 6);
    const { cid, openid, title } = await approvedHour(suffix);
    await logInTo(page, openid, cid);

    await page.locator('#language-toggle').click();
    await page.locator('#language-toggle', { hasText: 'English' }).waitFor(WAIT);
    const english = await inboxCard(page, title);
    await snapshot(page, 'e2e-inbox-english.png');

    expect(english).toEqual({
      title: 'Service hours approved',
      body: `“${title}”: 60 minutes, 2 Time coins earned`,
    });

    await openRoute(page, '/pages/me/index');
    await page.locator('#language-toggle').click();
    const chinese = await inboxCard(page, title);

    expect(chinese).toEqual({ title: '服务时长已通过', body: `「${title}」60 分钟，获得 2 时间币` });
  });
});
