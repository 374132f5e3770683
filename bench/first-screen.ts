import path from 'node:path';
import type { Server } from 'node:http';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { freePort } from '../scripts/local/ports';
import { serveH5 } from '../scripts/local/serve-h5';
import { ROOT } from '../scripts/local/stack';
import { devLoginToken, startHttpStack } from './stack';

/**
 * Issue 21, "speed a person feels": the H5 app's first screen on a phone on a slow mobile network, in
 * Chromium with the DevTools protocol's throttling — the app as served in production (the H5 server
 * compresses as the CDN does) with the real local API behind it.
 */

/**
 * Chrome DevTools' "Slow 4G" preset (front_end/core/sdk/NetworkManager.ts `Slow4GConditions`, the one
 * Lighthouse applies for mobile): 1.6 Mbit/s down and 750 kbit/s up at 90 %, 150 ms round trips × 3.75 as
 * a request's latency (applied per request, not per packet). Bytes per second and milliseconds.
 */
export const SLOW_4G = {
  downloadThroughput: (1.6 * 1000 * 1000 * 0.9) / 8,
  uploadThroughput: (750 * 1000 * 0.9) / 8,
  latency: 150 * 3.75,
};
/** DevTools' "mid-tier mobile" CPU: four times slower than this machine (Lighthouse's mobile default). */
export const CPU_SLOWDOWN = 4;
/** The goal (issue 21): interactive in under two seconds. */
export const FIRST_SCREEN_BUDGET_MILLISECONDS = 2_000;
/** Time to interactive needs this long without a long task and with at most two requests in flight. */
const QUIET_WINDOW_MILLISECONDS = 5_000;

export interface FirstScreen {
  /** Who opens the app: a first-time visitor (cold cache, the login page) or a returning resident. */
  who: string;
  /** Milliseconds from navigation start, medians of the runs. */
  firstContentfulPaint: number;
  /** When the screen's own control was there (`#login-submit`, 我的's name). */
  ready: number;
  timeToInteractive: number;
  /** Bytes over the network (compressed) and requests, of the median run. */
  transferredBytes: number;
  requests: number;
  runs: number;
}

interface Timeline {
  fcp: number;
  domContentLoaded: number;
  ready: number;
  longTasks: { start: number; end: number }[];
  requests: { start: number; end: number; bytes: number; name?: string }[];
}

/**
 * Lighthouse's time to interactive, from the page's own timeline: the end of the last long task before
 * the first {@link QUIET_WINDOW_MILLISECONDS} after first contentful paint with no long task and never
 * more than two requests in flight (or first contentful paint when none comes before it), and not before
 * DOMContentLoaded. Milliseconds from navigation start.
 */
export function timeToInteractive(timeline: Timeline): number {
  const candidates = [timeline.fcp, ...timeline.longTasks.map((task) => task.end).filter((end) => end >= timeline.fcp)];
  for (const start of candidates.sort((a, b) => a - b)) {
    const end = start + QUIET_WINDOW_MILLISECONDS;
    if (timeline.longTasks.some((task) => task.end > start && task.start < end)) continue;
    const moments = [
      start,
      ...timeline.requests.map((request) => request.start).filter((at) => at > start && at < end),
    ];
    const inFlight = (at: number) =>
      timeline.requests.filter((request) => request.start <= at && request.end > at).length;
    if (moments.every((at) => inFlight(at) <= 2)) return Math.max(start, timeline.domContentLoaded);
  }
  return Number.NaN;
}

/** The page's timeline: paints, long tasks (observed from the first script), resources. */
async function timelineOf(page: Page, ready: number): Promise<Timeline> {
  return page.evaluate((readyAt) => {
    const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN;
    const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    const longTasks = (
      (window as unknown as { __longTasks?: { start: number; end: number }[] }).__longTasks ?? []
    ).slice();
    return {
      fcp,
      domContentLoaded: navigation.domContentLoadedEventEnd,
      ready: readyAt,
      longTasks,
      requests: [
        { start: 0, end: navigation.responseEnd, bytes: navigation.transferSize },
        ...resources.map((entry) => ({
          start: entry.startTime,
          end: entry.responseEnd,
          bytes: entry.transferSize,
          name: entry.name,
        })),
      ],
    };
  }, ready);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/**
 * The init script of a visit (runs in the page before its own scripts): puts `entries` in localStorage as
 * Taro stores them, records long tasks in `window.__longTasks` and, in `window.__firstScreenReady`, the
 * end of the first animation frame at which the element `selector` is laid out (read by {@link readyAt}).
 */
function startRecording(entries: Record<string, unknown>, selector: string): void {
  for (const key of Object.keys(entries)) localStorage.setItem(key, JSON.stringify({ data: entries[key] }));
  const tasks: { start: number; end: number }[] = [];
  const page = window as unknown as { __longTasks: typeof tasks; __firstScreenReady: Promise<number> };
  page.__longTasks = tasks;
  new PerformanceObserver(function record(list) {
    for (const entry of list.getEntries())
      tasks.push({ start: entry.startTime, end: entry.startTime + entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  page.__firstScreenReady = new Promise(function watch(resolve) {
    function look() {
      const control = document.querySelector(selector);
      // Shown once this frame has been painted: the task after it.
      if (control && control.getClientRects().length > 0) setTimeout(() => resolve(performance.now()), 0);
      else requestAnimationFrame(look);
    }
    requestAnimationFrame(look);
  });
}

/**
 * One visit at phone size under {@link SLOW_4G} and {@link CPU_SLOWDOWN}: opens `url` in a fresh context
 * (`storage` put in localStorage first), waits for `readySelector`, then for the quiet window, and reads
 * the timeline. The cache is empty, or with `returning` holds what an earlier visit of the same url left
 * (the page with its inlined scripts in the app's service worker, as a resident's phone keeps it; the
 * worker refreshes its copy in the background).
 */
async function visit(
  browser: Browser,
  url: string,
  readySelector: string,
  storage: Record<string, unknown>,
  { returning = false } = {},
): Promise<Timeline> {
  const context = await browser.newContext({ viewport: { width: 414, height: 896 }, locale: 'zh-CN' });
  // tsx keeps functions' names with a helper, `__name`, which the page does not have: an identity here.
  await context.addInitScript({
    content: `var __name = function (target) { return target; };
      (${startRecording.toString()})(${JSON.stringify(storage)}, ${JSON.stringify(readySelector)});`,
  });
  if (returning) {
    const earlier = await context.newPage();
    await earlier.goto(url);
    await earlier.locator(readySelector).first().waitFor({ timeout: 60_000 });
    // The service worker has kept the page (it registers once the page has loaded); ten seconds at most.
    await earlier.evaluate(() =>
      Promise.race([
        navigator.serviceWorker?.ready.then(() => undefined),
        new Promise<void>((resolve) => setTimeout(resolve, 10_000)),
      ]),
    );
    await earlier.close();
  }
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, ...SLOW_4G });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  await page.goto(url);
  const ready = await readyAt(cdp);
  await page.waitForTimeout(QUIET_WINDOW_MILLISECONDS + 1_000);
  const timeline = await timelineOf(page, ready);
  await context.close();
  return timeline;
}

/**
 * When the visited screen showed its control, in milliseconds from navigation start: the page's own
 * record (the init script looks for the control at every animation frame), read over the DevTools
 * protocol. Not with Playwright's `locator.waitFor`: the first locator call puts Playwright's injected
 * script into the page, about 50 ms of the page's main thread at 4× CPU in the middle of the measured
 * start (seen in a DevTools trace as an `EvaluateScript` with no source, right after `load`) — work no
 * resident's phone does.
 */
async function readyAt(cdp: CDPSession): Promise<number> {
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
    expression: `Promise.race([window.__firstScreenReady, new Promise((_, reject) => setTimeout(() => reject(new Error('the screen was not ready in a minute')), 60000))])`,
    awaitPromise: true,
    returnByValue: true,
  });
  if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
  return result.value as number;
}

/** The median run's requests and long tasks in time order (`BENCH_SCREEN_WATERFALL=1`), to see what waits on what. */
function printWaterfall(who: string, timeline: Timeline): void {
  const at = (milliseconds: number) => `${(milliseconds / 1000).toFixed(2)} s`.padStart(7);
  const lines = [
    ...timeline.requests.map((request) => ({
      start: request.start,
      text: `${at(request.start)} → ${at(request.end)}  ${String(Math.round(request.bytes / 1024)).padStart(4)} KB  ${request.name?.replace(/^https?:\/\/[^/]+/, '') ?? '(document)'}`,
    })),
    ...timeline.longTasks.map((task) => ({
      start: task.start,
      text: `${at(task.start)} → ${at(task.end)}  long task`,
    })),
  ].sort((a, b) => a.start - b.start);
  console.log(`\n${who} — first contentful paint ${at(timeline.fcp)}, ready ${at(timeline.ready)}`);
  for (const line of lines) console.log(`  ${line.text}`);
}

async function measure(who: string, runs: number, open: () => Promise<Timeline>): Promise<FirstScreen> {
  const timelines: Timeline[] = [];
  for (let run = 0; run < runs; run += 1) timelines.push(await open());
  const ttis = timelines.map(timeToInteractive);
  const middle = timelines[ttis.indexOf(median(ttis))] ?? timelines[0]!;
  if (process.env.BENCH_SCREEN_WATERFALL) printWaterfall(who, middle);
  return {
    who,
    firstContentfulPaint: median(timelines.map((timeline) => timeline.fcp)),
    ready: median(timelines.map((timeline) => timeline.ready)),
    timeToInteractive: median(ttis),
    transferredBytes: middle.requests.reduce((sum, request) => sum + request.bytes, 0),
    requests: middle.requests.length,
    runs,
  };
}

/**
 * The first screen three times: a first-time visitor (the login page, nothing cached), a resident
 * logged in (我的 of `demo`, its data from the API over the same slow network) with nothing cached — the
 * worst case —, and the same resident coming back with the page kept by the browser (the app's service
 * worker). Starts its own local stack and H5 server.
 */
export async function measureFirstScreens(runs: number): Promise<FirstScreen[]> {
  const [stack, h5Port] = [await startHttpStack(), await freePort()];
  let web: Server | undefined;
  let browser: Browser | undefined;
  try {
    web = await serveH5({ port: h5Port, root: path.join(ROOT, 'miniapp', 'dist', 'h5'), apiUrl: stack.api.url });
    const appUrl = `http://127.0.0.1:${h5Port}/`;
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    const session = {
      'linli.session.token': await devLoginToken(stack.api.url, 'demo-admin'),
      'linli.community.id': 'demo',
    };
    const opened = browser;
    // A first request of each route starts its Lambda worker: warm them, as a running service is.
    await visit(opened, `${appUrl}#/pages/me/index`, '#me-display-name', session);
    return [
      await measure('first-time visitor: the login page, nothing cached', runs, () =>
        visit(opened, appUrl, '#login-submit', {}),
      ),
      await measure('resident, logged in: 我的 with its data, nothing cached', runs, () =>
        visit(opened, `${appUrl}#/pages/me/index`, '#me-display-name', session),
      ),
      await measure('resident coming back: 我的, the page kept by the browser', runs, () =>
        visit(opened, `${appUrl}#/pages/me/index`, '#me-display-name', session, { returning: true }),
      ),
    ];
  } finally {
    await browser?.close();
    web?.close();
    await stack.stop();
  }
}
