import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

/** Debian's Chromium, headless, with a fresh profile (playwright-core cannot download browsers here). */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The phone-sized window every story uses, in Chinese. */
const PHONE = { viewport: { width: 414, height: 896 }, locale: 'zh-CN' };

/**
 * One headless Chromium for many isolated people: each `newContext()` has its own storage (its own
 * login), as the persistent profile of `launchBrowser` has, without a browser process per person.
 */
export async function launchSharedBrowser(): Promise<{
  newContext: () => Promise<BrowserContext>;
  close: () => Promise<void>;
}> {
  const browser: Browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  return { newContext: () => browser.newContext(PHONE), close: () => browser.close() };
}

/**
 * One person's Chromium with a profile of its own. `extraArgs` are added to the usual switches for that
 * browser only (a fake camera: {@link fakeCameraArgs}).
 */
export async function launchBrowser(
  options: { extraArgs?: readonly string[] } = {},
): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'linli-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    ...PHONE,
    args: [...CHROMIUM_ARGS, ...(options.extraArgs ?? [])],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export const artifactPath = (name: string) => path.join(__dirname, '..', '.artifacts', name);

/**
 * Chromium's switches for a camera that shows `videoFile` (a .y4m, read when a page opens the camera, over
 * and over) and a camera permission granted without asking.
 */
export const fakeCameraArgs = (videoFile: string): string[] => [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  `--use-file-for-fake-video-capture=${videoFile}`,
];
