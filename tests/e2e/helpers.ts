import type { ConsoleMessage, Locator, Page, Request, Response } from 'playwright-core';
import { contracts, type Activity } from '@linli/shared';
import { send } from '../support/api';
import { artifactPath, launchBrowser } from '../support/browser';

/** Shared steps of the end-to-end stories, in Chromium against the H5 build and the real local API. */

export const h5Url = (): string => {
  const url = process.env.LINLI_H5_URL;
  if (!url) throw new Error('LINLI_H5_URL is not set: build the H5 app first (npm run build:h5)');
  return url;
};

// The first call of each route starts its Lambda worker in serverless-offline: allow for cold starts.
export const WAIT = { timeout: 40_000 };

export type Browser = Awaited<ReturnType<typeof launchBrowser>>;

/**
 * A Chromium of its own for each test of the suite — a fresh profile, so nothing a test leaves (storage, a
 * service worker, the cache) reaches the next: launched before each test, closed after. Returns the current one.
 */
export function browserPerTest(): () => Browser {
  let current: Browser | undefined;
  beforeEach(async () => {
    current = await launchBrowser();
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return () => {
    if (!current) throw new Error('browserPerTest: no browser outside a test');
    return current;
  };
}

/** Ticks 我已阅读并同意《隐私保护指引》 on the login page: no login without it. */
export async function agreeToPrivacyGuide(page: Page): Promise<void> {
  await page.locator('#login-agree').click();
  await page.locator('#login-agree.check--on').waitFor(WAIT);
}

/** Starts over logged out, dev-logs in as `openid` (agreeing to the privacy guide) and enters `demo` (lands on 我的). */
export async function logInToDemo(page: Page, openid: string, nickname?: string): Promise<void> {
  await page.goto(`${h5Url()}/`);
  await page.evaluate(() => window.localStorage.clear());
  await page.goto(`${h5Url()}/`);
  await page.locator('#login-openid input').fill(openid);
  if (nickname) await page.locator('#login-nickname input').fill(nickname);
  await agreeToPrivacyGuide(page);
  const seen = watchApi(page);
  await page.locator('#login-submit').click();
  try {
    await page.locator('#join-demo').click(WAIT);
  } catch (error) {
    throw new Error(`logInToDemo: 加入社区 did not show — ${await whatThePageDid(page, seen)}`, { cause: error });
  } finally {
    seen.stop();
  }
  await page.locator('#me-display-name').waitFor(WAIT);
}

/** The page's `/v1` requests from now on: when each left, and its status (or why it failed), for a failure's message. */
function watchApi(page: Page): { lines: string[]; stop: () => void } {
  const started = Date.now();
  const lines: string[] = [];
  const at = () => `+${Date.now() - started} ms`;
  const isApi = (url: string) => new URL(url).pathname.startsWith('/v1/');
  const onRequest = (request: Request) => {
    if (isApi(request.url())) lines.push(`${at()} ${request.method()} ${new URL(request.url()).pathname} sent`);
  };
  const onResponse = (response: Response) => {
    if (isApi(response.url())) lines.push(`${at()} ${new URL(response.url()).pathname} ${response.status()}`);
  };
  const onFailed = (request: Request) => {
    if (isApi(request.url())) {
      lines.push(`${at()} ${new URL(request.url()).pathname} failed: ${request.failure()?.errorText}`);
    }
  };
  const onConsole = (message: ConsoleMessage) => {
    if (message.type() === 'error' || message.type() === 'warning') lines.push(`${at()} console: ${message.text()}`);
  };
  page.on('request', onRequest);
  page.on('response', onResponse);
  page.on('requestfailed', onFailed);
  page.on('console', onConsole);
  return {
    lines,
    stop: () => {
      page.off('request', onRequest);
      page.off('response', onResponse);
      page.off('requestfailed', onFailed);
      page.off('console', onConsole);
    },
  };
}

/** The API traffic `watchApi` saw, the address and the first of the visible text: what a failed step left. */
async function whatThePageDid(page: Page, seen: { lines: string[] }): Promise<string> {
  const text = await page
    .evaluate(() => document.body.innerText.replace(/\s+/g, ' ').slice(0, 300))
    .catch((error: unknown) => `(no text: ${String(error)})`);
  return [`at ${new Date().toISOString()} on ${page.url()}`, `text: ${text}`, 'api:', ...seen.lines].join('\n');
}

/**
 * Waits (up to the e2e WAIT) until the page's service worker is active. When it is not, the error says
 * what the registration holds, how the worker's script and the page it keeps answer now, and what the
 * page logged — a worker whose install fails leaves `ready` pending for ever.
 */
export async function serviceWorkerReady(page: Page): Promise<void> {
  const logged: string[] = [];
  const onConsole = (message: ConsoleMessage) => logged.push(`${message.type()}: ${message.text()}`);
  page.on('console', onConsole);
  try {
    const ready = await page
      .evaluate(
        (timeout) =>
          Promise.race([
            navigator.serviceWorker.ready.then(() => true),
            new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeout)),
          ]),
        WAIT.timeout,
      )
      .catch((error: unknown) => String(error));
    if (ready === true) return;
    const state = await page
      .evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        const status = (path: string) =>
          fetch(path, { cache: 'no-cache' }).then(
            (response) => `${response.status} ${response.headers.get('content-type')}`,
            (error: unknown) => `failed: ${String(error)}`,
          );
        return {
          registration: registration
            ? {
                installing: registration.installing?.state ?? null,
                waiting: registration.waiting?.state ?? null,
                active: registration.active?.state ?? null,
              }
            : null,
          controller: navigator.serviceWorker.controller?.state ?? null,
          workerScript: await status('/service-worker.js'),
          page: await status('/'),
          caches: await caches.keys(),
        };
      })
      .catch((error: unknown) => String(error));
    throw new Error(
      `serviceWorkerReady: no active worker (${String(ready)}) at ${new Date().toISOString()} on ${page.url()}: ` +
        `${JSON.stringify(state)}; logged: ${JSON.stringify(logged.slice(-20))}`,
    );
  } finally {
    page.off('console', onConsole);
  }
}

/** Opens an app route (hash router) as a fresh load, so the page reads the latest data. */
export async function openRoute(page: Page, route: string): Promise<void> {
  await page.goto(`${h5Url()}/#${route}`);
  await page.reload();
}

/** Finds an item in a paged list, pressing "load more" until it shows up (other tests add items too). */
export async function findInList(page: Page, listId: string, item: Locator): Promise<Locator> {
  await page.locator(`#${listId}`).waitFor(WAIT);
  for (let pages = 0; pages < 20; pages += 1) {
    if ((await item.count()) > 0) return item.first();
    const more = page.locator(`#${listId}-more`);
    if ((await more.count()) === 0) break;
    await more.click();
    await page.waitForTimeout(500);
  }
  await item.first().waitFor({ timeout: 5_000 });
  return item.first();
}

/** `{date: '2025-11-22', time: '14:30'}` in the browser's own time zone, `offsetMinutes` from now. */
export async function browserDateTime(page: Page, offsetMinutes: number): Promise<{ date: string; time: string }> {
  return page.evaluate((offset) => {
    const instant = new Date(Date.now() + offset * 60_000);
    const pad = (value: number) => String(value).padStart(2, '0');
    return {
      date: `${instant.getFullYear()}-${pad(instant.getMonth() + 1)}-${pad(instant.getDate())}`,
      time: `${pad(instant.getHours())}:${pad(instant.getMinutes())}`,
    };
  }, offsetMinutes);
}

/** A screenshot into tests/.artifacts, after letting the page slide in. */
export async function snapshot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(300);
  await page.screenshot({ path: artifactPath(name), fullPage: true });
}

/**
 * Staff publish an activity that started three hours ago and runs two more (office entries of
 * up to 5½ hours fit its window); returns its id.
 */
export async function publishActivity(staffPage: Page, title: string): Promise<string> {
  await openRoute(staffPage, '/office/pages/new-activity/index');
  await staffPage.locator('#activity-title input').waitFor(WAIT);
  const start = await browserDateTime(staffPage, -180);
  const end = await browserDateTime(staffPage, 120);
  await staffPage.locator('#activity-title input').fill(title);
  await staffPage.locator('#activity-category-cleaning').click();
  await staffPage.locator('#activity-start-date input').fill(start.date);
  await staffPage.locator('#activity-start-time input').fill(start.time);
  await staffPage.locator('#activity-end-date input').fill(end.date);
  await staffPage.locator('#activity-end-time input').fill(end.time);
  await staffPage.locator('#activity-location input').fill('社区活动室');
  await staffPage.locator('#activity-submit').click();
  const card = await findInList(
    staffPage,
    'office-activities-list',
    staffPage.locator('.activity-card', { hasText: title }),
  );
  await card.locator('.show-code').click();
  await staffPage.locator('#checkin-code-digits').waitFor(WAIT);
  const activityId = new URL(staffPage.url().replace('#', '')).searchParams.get('id');
  if (!activityId) throw new Error('the check-in code page has no activity id');
  return activityId;
}

/** Office entry (补录时长): the logged-in staff member records `minutes` for the member called `nickname`. */
export async function recordOfficeHours(
  staffPage: Page,
  activityId: string,
  nickname: string,
  minutes: number,
): Promise<string> {
  await openRoute(staffPage, `/office/pages/attendance/index?activityId=${activityId}`);
  await pickMember(staffPage, nickname);
  await staffPage.locator('#attendance-minutes input').fill(String(minutes));
  await staffPage.locator('#attendance-note input').fill('未带手机，电话确认');
  await staffPage.locator('#attendance-submit').click();
  await staffPage.locator('#attendance-result').waitFor(WAIT);
  return (await staffPage.locator('#attendance-result').textContent()) ?? '';
}

/** Chooses a member in the member picker by name. */
export async function pickMember(staffPage: Page, nickname: string): Promise<void> {
  await staffPage.locator('#member-search input').waitFor(WAIT);
  await staffPage.locator('#member-search input').fill(nickname);
  const option = await findInList(staffPage, 'member-list', staffPage.locator('.member-option', { hasText: nickname }));
  await option.click();
  await staffPage.locator('#member-selected').waitFor(WAIT);
}

/** The logged-in staff member approves the pending claim of `nickname` in the approval queue. */
export async function approveClaimOf(staffPage: Page, nickname: string): Promise<void> {
  await openRoute(staffPage, '/office/pages/claims/index');
  const claim = await findInList(staffPage, 'claims-list', staffPage.locator('.claim', { hasText: nickname }));
  await claim.locator('[id^="claim-approve-"]').click();
  await staffPage.locator('.claim', { hasText: nickname }).waitFor({ state: 'detached', ...WAIT });
}

/** Every activity of `demo` titled `title`, soonest first (through the API, page by page). */
export async function activitiesTitled(token: string, title: string): Promise<Activity[]> {
  const found: Activity[] = [];
  let cursor: string | undefined;
  do {
    const page = await send(contracts.listActivities, { params: { cid: 'demo' }, token, query: { cursor } });
    found.push(...page.body.items.filter((activity) => activity.title === title));
    cursor = page.body.nextCursor ?? undefined;
  } while (cursor);
  return found;
}
