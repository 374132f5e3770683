import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { contracts } from '@linli/shared';
import { login, send } from '../support/api';
import { artifactPath, launchBrowser } from '../support/browser';
import { pdfQrCodes, pdfText } from '../support/pdf';
import { createActivityNow, me, officeClaim } from '../support/timebank';
import { WAIT, h5Url, logInToDemo, openRoute, snapshot, type Browser } from './helpers';

const CID = 'demo';

/** The resident's hour: an activity by staff, an office entry, approved by the admin (a second person). */
async function earnHours(memberId: string, title: string): Promise<void> {
  const [staff, admin] = [await login('demo-staff'), await login('demo-admin')];
  const activity = await createActivityNow(CID, staff.token, {
    title,
    location: '社区活动室',
    description: '陪老人聊天读报',
  });
  const claim = await officeClaim(CID, activity.id, staff.token, memberId, 90);
  const approved = await send(contracts.approveClaim, { params: { cid: CID, claimId: claim.id }, token: admin.token });
  if (approved.status !== 200) throw new Error(`approve → ${approved.status}`);
}

async function checkVerdict(page: Page, url: string): Promise<string> {
  await page.goto(url);
  await page.reload();
  await page.locator('#check-verdict').waitFor(WAIT);
  return (await page.locator('#check-result').innerText()).replace(/\s+/g, ' ');
}

/**
 * 志愿服务记录证明 in Chromium (issue 18): a volunteer gives their real name and ID number, earns
 * hours, and asks for a certificate → staff issue it from the request queue → the volunteer downloads
 * the PDF → its QR code is the public check page, which says valid → staff revoke it → it says revoked.
 */
describe('the service record certificate in Chromium', () => {
  // The volunteer and the office in two browsers: a login is kept per browser profile.
  let browser: Browser;
  let officeBrowser: Browser;
  let page: Page;

  beforeAll(async () => {
    [browser, officeBrowser] = await Promise.all([launchBrowser(), launchBrowser()]);
    page = await browser.context.newPage();
  });

  afterAll(async () => {
    await Promise.all([browser?.close(), officeBrowser?.close()]);
  });

  it('profile → hours → request → issue → PDF with QR → check valid → revoke → check revoked', async () => {
    const suffix = randomUUID().slice(0, 6);
    const openid = `e2e-cert-${suffix}`;
    const nickname = `证明${suffix}`;

    // The volunteer: 志愿者资料 with the real name and ID number.
    await logInToDemo(page, openid, nickname);
    await openRoute(page, '/volunteer/pages/profile/index');
    await page.locator('#profile-realName input').waitFor(WAIT);
    await page.locator('#profile-realName input').fill('王小明');
    await page.locator('#profile-idNumber input').fill('11010119900307002X');
    // The ID number's own consent (issue 20): its text shows beside the field, and must be ticked.
    await page.locator('#profile-idNumber-consent').click();
    await page.locator('#profile-save').click();
    await page.locator('#profile-result').waitFor(WAIT);

    const volunteer = await login(openid);
    await earnHours((await me(CID, volunteer.token)).member.id, `E2E证明活动${suffix}`);

    // 我的志愿服务记录: the entry, and the request for a certificate.
    await openRoute(page, '/volunteer/pages/service-record/index');
    await page.locator('#record-list .card', { hasText: `E2E证明活动${suffix}` }).waitFor(WAIT);
    expect(await page.locator('#record-total').innerText()).toContain('1.5');
    await page.locator('#record-certificate-send').click();
    await page.locator('#record-certificate-result').waitFor(WAIT);
    await snapshot(page, 'e2e-certificate-1-record.png');

    // Staff: the request in the queue → 出具证明.
    const staffPage = await officeBrowser.context.newPage();
    await logInToDemo(staffPage, 'demo-staff');
    await openRoute(staffPage, '/office/pages/service-records/index');
    const card = staffPage.locator('#record-requests .card', { hasText: nickname });
    await card.waitFor(WAIT);
    await card.locator('[id^="record-issue-"]').click();
    const issued = staffPage.locator('#record-requests-result');
    await issued.waitFor(WAIT);
    const serial = /[A-Z0-9]+-\d{4}-\d{6}-[0-9A-Z]{4}/.exec(await issued.innerText())?.[0];
    if (!serial) throw new Error('no serial number in the outcome');
    await snapshot(staffPage, 'e2e-certificate-2-issued.png');

    // The volunteer downloads the PDF; its QR code is the public check page.
    await openRoute(page, '/volunteer/pages/service-record/index');
    await page.locator('#record-certificates').waitFor(WAIT);
    await snapshot(page, 'e2e-certificate-3-mine.png');
    const [download] = await Promise.all([
      page.waitForEvent('download', WAIT),
      page.locator(`#certificate-download-${serial}`).click(),
    ]);
    mkdirSync(artifactPath(''), { recursive: true });
    const file = artifactPath(`e2e-certificate-${serial}.pdf`);
    await download.saveAs(file);
    const pdf = new Uint8Array(readFileSync(file));
    expect((await pdfText(pdf)).replace(/\s+/g, '')).toContain('王小明');
    const checkUrl = `${h5Url()}/#/pages/certificate-check/index?serial=${serial}`;
    expect(await pdfQrCodes(pdf, { first: 1, last: 1 })).toEqual([checkUrl]);

    const checker = await browser.context.newPage();
    const valid = await checkVerdict(checker, checkUrl);
    expect(valid).toContain('证明有效');
    expect(valid).toContain('王*明');
    await snapshot(checker, 'e2e-certificate-3-check-valid.png');

    // Staff revoke it in the register, with a reason; the check page says so.
    await openRoute(staffPage, '/office/pages/service-records/index');
    await staffPage.locator('#record-tab-register').click();
    await staffPage.locator(`#register-revoke-${serial}`).click();
    await staffPage.locator(`#register-revoke-${serial}-reason input`).fill('时长登记有误');
    await staffPage.locator(`#register-revoke-${serial}-confirm`).click();
    await staffPage.locator(`#register-${serial}-result`).waitFor(WAIT);
    const revoked = await checkVerdict(checker, checkUrl);
    expect(revoked).toContain('证明已撤销');
    expect(revoked).toContain('时长登记有误');
    await snapshot(checker, 'e2e-certificate-4-check-revoked.png');
  });
});
