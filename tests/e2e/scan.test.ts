import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { contracts } from '@linli/shared';
import { login, send } from '../support/api';
import { fakeCameraArgs, launchBrowser } from '../support/browser';
import { writeQrVideo } from '../support/qr-video';
import { createActivityNow, officeClaim } from '../support/timebank';
import { WAIT, h5Url, logInToDemo, snapshot, type Browser } from './helpers';

/** A new resident of `demo` with 180 approved minutes (3 points: the certificate), by the API. */
async function certifiedResident(nickname: string): Promise<{ token: string }> {
  const resident = await login(`e2e-scan-${randomUUID().slice(0, 8)}`, nickname);
  await send(contracts.joinCommunity, { params: { cid: 'demo' }, token: resident.token });
  const staff = await login('demo-staff');
  const otherStaff = await login('demo-staff-2');
  const activity = await createActivityNow('demo', staff.token, { title: `E2E扫码${nickname}` });
  const claim = await officeClaim('demo', activity.id, staff.token, resident.userId, 180);
  await send(contracts.approveClaim, { params: { cid: 'demo', claimId: claim.id }, token: otherStaff.token });
  return resident;
}

/** Every camera track the page opens, so the test can see that the scanner turned the camera off. */
async function watchCameraTracks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const watched = window as unknown as { cameraTracks: MediaStreamTrack[] };
    watched.cameraTracks = [];
    const open = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = async (constraints) => {
      const stream = await open(constraints);
      watched.cameraTracks.push(...stream.getTracks());
      return stream;
    };
  });
}

const cameraTrackStates = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { cameraTracks: MediaStreamTrack[] }).cameraTracks.map((t) => t.readyState),
  );

/**
 * Issue 21 in Chromium against the H5 build: the merchant's browser has a camera (Chromium's fake one,
 * showing a video written at test time) pointed at the resident's live pass. demo-merchant taps 扫一扫志愿者证
 * on 核验志愿者证, the camera reads the QR code (jsQR: Chromium on Linux has no BarcodeDetector) and the
 * verification appears — without typing the 190-character code. The camera is off afterwards.
 */
describe('scanning a pass with the camera in a browser (issue 21)', () => {
  let folder: string;
  let video: string;
  let merchantBrowser: Browser;
  let page: Page;

  beforeAll(async () => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'linli-scan-'));
    video = path.join(folder, 'camera.y4m');
    writeQrVideo(video, undefined); // a camera pointed at nothing, until the pass is shown
    merchantBrowser = await launchBrowser({ extraArgs: fakeCameraArgs(video) });
    await merchantBrowser.context.grantPermissions(['camera'], { origin: h5Url() });
    page = await merchantBrowser.context.newPage();
  });

  afterAll(async () => {
    await merchantBrowser?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('demo-merchant taps 扫码, the camera reads the resident’s pass QR, and the verification appears', async () => {
    const nickname = `扫码${randomUUID().slice(0, 6)}`;
    const resident = await certifiedResident(nickname);
    await logInToDemo(page, 'demo-merchant');
    await page.locator('#me-merchant').click();
    await page.locator('#merchant-verify').click();
    await page.locator('#verify-scan').waitFor(WAIT);
    await watchCameraTracks(page);

    // The pass lives 60 s: it is fetched (as the resident's certificate page does) only now, and shown to the camera.
    const pass = await send(contracts.getCertificatePass, { params: { cid: 'demo' }, token: resident.token });
    expect(pass.status).toBe(200);
    expect(pass.body.token.length).toBeGreaterThan(100);
    writeQrVideo(video, pass.body.token);
    await page.locator('#verify-scan').click();

    await page.locator('#verify-result').waitFor(WAIT);
    expect(await page.locator('#verify-verdict').textContent()).toContain('证书有效');
    expect(await page.locator('#verify-holder').textContent()).toBe(nickname);
    expect(await page.locator('#verify-offer').textContent()).toContain('8折');
    expect(await page.locator('#verify-scanner').count()).toBe(0);
    expect(await page.locator('#verify-token input').inputValue()).toBe(''); // nothing was typed
    const tracks = await cameraTrackStates(page);
    expect(tracks.length).toBeGreaterThan(0);
    expect(tracks.every((state) => state === 'ended')).toBe(true);
    await snapshot(page, 'e2e-scan-1-verified-by-camera.png');
  });

  it('取消 closes the camera and leaves the typed code', async () => {
    writeQrVideo(video, undefined);
    await page.locator('#verify-scan').click();
    await page.locator('#verify-scanner-status').filter({ hasText: '自动识别' }).waitFor(WAIT);
    await snapshot(page, 'e2e-scan-2-camera-open.png');

    await page.locator('#verify-scanner-cancel').click();

    await page.locator('#verify-scanner').waitFor({ state: 'detached', ...WAIT });
    expect((await cameraTrackStates(page)).every((state) => state === 'ended')).toBe(true);
    expect(await page.locator('#verify-scanner-problem').count()).toBe(0);
    await page.locator('#verify-token input').waitFor(WAIT);
  });
});
