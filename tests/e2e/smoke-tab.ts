import { readFileSync } from 'node:fs';
import type { AxeResults, RunOptions } from 'axe-core';
import type { BrowserContext, Page, Response } from 'playwright-core';
import { h5Url, snapshot } from './helpers';

/**
 * The page smoke test's browser side (issue 12, issue 21): one tab per role that opens pages inside the
 * running app and reports what went wrong, and the display modes each page is looked at in.
 */

export type RoleName = 'visitor' | 'resident' | 'merchant' | 'assistant' | 'maker' | 'staff' | 'admin' | 'district';

/**
 * How a page is looked at: the screen (a phone, an office PC), the language and large text. The first is
 * the one every tab opens in; the others are switched to on the open page, one setting at a time.
 */
export interface Mode {
  name: string;
  viewport: { width: number; height: number };
  language: 'zh-CN' | 'en';
  largeText: boolean;
}

export const PHONE_VIEWPORT = { width: 414, height: 896 };
const PC_VIEWPORT = { width: 1280, height: 800 };

/** In switching order: each step changes one setting, so the six cost five switches. */
export const MODES: readonly Mode[] = [
  { name: 'phone-zh', viewport: PHONE_VIEWPORT, language: 'zh-CN', largeText: false },
  { name: 'phone-en', viewport: PHONE_VIEWPORT, language: 'en', largeText: false },
  { name: 'phone-large', viewport: PHONE_VIEWPORT, language: 'zh-CN', largeText: true },
  { name: 'pc-large', viewport: PC_VIEWPORT, language: 'zh-CN', largeText: true },
  { name: 'pc-zh', viewport: PC_VIEWPORT, language: 'zh-CN', largeText: false },
  { name: 'pc-en', viewport: PC_VIEWPORT, language: 'en', largeText: false },
];

/**
 * axe-core, loaded into a tab's document once and run there on each look: WCAG 2.1 A and AA rules,
 * violations only. (`@axe-core/playwright` evaluates the 550 KB engine again on every analysis and
 * keeps every passing node: four times slower, and 480 looks must fit the three minutes.)
 */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_OPTIONS: RunOptions = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  resultTypes: ['violations'],
};
/** Impacts that fail a page (issue 21: "no serious or critical violations"). */
const FAILING_IMPACTS = ['serious', 'critical'];

export interface Visit {
  role: RoleName;
  page: string;
  /** `phone-zh` for the visit itself, another mode's name for a look in that mode. */
  mode: string;
  landed: string;
  faults: string[];
  /** From opening the page (or switching the mode) until it settled. */
  milliseconds: number;
  /** Every `/v1` call the page made: `GET /v1/… → 200 {"items":…`, to explain a fault. */
  calls: string[];
  /** Serious or critical axe violations found (also among the faults); undefined where axe did not run. */
  violations?: number;
  /** How long axe-core took on the look. */
  axeMilliseconds?: number;
}

/** A `/v1` status ≥ 400 a page legitimately receives as one role. */
export interface ExpectedFailure {
  role: RoleName;
  page: string;
  status: number;
  path: RegExp;
  reason: string;
}

/** `http://h/#/pages/login/index?x=1` → `pages/login/index`. */
export const routeOf = (url: string) => (new URL(url).hash.replace(/^#\/?/, '').split('?')[0] ?? '').replace(/^\//, '');

/** The page instance opened last: Taro keeps earlier ones (tab pages) hidden in the DOM, marked seen here. */
const FRESH = '.page:not([data-smoke-seen])';

const isApi = (url: string) => url.startsWith('http') && new URL(url).pathname.startsWith('/v1/');

interface TabOptions {
  role: RoleName;
  tabPages: string[];
  expectedFailures: ExpectedFailure[];
  /** Pages to keep as screenshots in tests/.artifacts (every mode), to look at by eye. */
  screenshots: string[];
}

/**
 * One role's tab, listening once: every fault (error banner aside) goes to the visit under way.
 * Pages are opened inside the running app (a hash change, as Taro's navigateTo does), so the bundle
 * loads once per role, not once per page; tab pages, and a page opened again, get a fresh load.
 * Modes are switched on the open page as a person would in another tab of the app (the preferences
 * follow other tabs), and by resizing the window: no reload, so a look costs no new `/v1` calls.
 */
export class RoleTab {
  private faults: string[] | undefined;
  private calls: string[] = [];
  private readonly pending = new Set<unknown>();
  private readonly reads: Promise<void>[] = [];
  private mode: Mode = MODES[0] as Mode;

  private constructor(
    private readonly page: Page,
    /** A second tab of the same browser profile, on the app's origin: where the preferences are switched. */
    private readonly settings: Page,
    private readonly options: TabOptions,
  ) {
    page.on('request', (request) => {
      if (isApi(request.url())) this.pending.add(request);
    });
    page.on('requestfinished', (request) => this.pending.delete(request));
    page.on('requestfailed', (request) => {
      this.pending.delete(request);
      if (isApi(request.url()))
        this.fault(`${request.method()} ${request.url()} failed: ${request.failure()?.errorText}`);
    });
    page.on('response', (response) => this.onResponse(response));
    page.on('console', (message) => {
      if (message.type() === 'error') this.fault(`console.error: ${message.text().slice(0, 300)}`);
    });
    page.on('pageerror', (error) => this.fault(`uncaught: ${error.message.slice(0, 300)}`));
  }

  /** A tab on `page` (already logged in, or not for a visitor) with a settings tab in the same context. */
  static async open(context: BrowserContext, page: Page, options: TabOptions): Promise<RoleTab> {
    const settings = await context.newPage();
    await settings.goto(`${h5Url()}/robots.txt`);
    // The role's page in front again: a tab behind is hidden, and Chromium slows a hidden page's frames.
    await page.bringToFront();
    return new RoleTab(page, settings, options);
  }

  /**
   * Opens `pagePath` at `query` (in `MODES[0]`), waits until it settles and reports what went wrong; then,
   * with `inEveryMode`, runs axe-core on it and looks at it in every other mode too (axe in each), and
   * switches back.
   */
  async visit(pagePath: string, query: Record<string, string>, inEveryMode = false): Promise<Visit[]> {
    const search = new URLSearchParams(query).toString();
    const hash = `#/${pagePath}${search ? `?${search}` : ''}`;
    const openedAt = Date.now();
    await this.page.evaluate(() =>
      document.querySelectorAll('.page').forEach((element) => element.setAttribute('data-smoke-seen', '')),
    );
    const current = new URL(this.page.url());
    if (current.protocol === 'about:' || this.options.tabPages.includes(pagePath) || current.hash === hash) {
      await this.page.goto('about:blank');
      [this.faults, this.calls] = [[], []];
      await this.page.goto(`${h5Url()}/${hash}`);
    } else {
      [this.faults, this.calls] = [[], []];
      await this.page.evaluate((next) => (window.location.hash = next), hash);
    }
    const visit = await this.look(pagePath, this.mode.name, openedAt, 200, inEveryMode);
    const visits = [visit];
    if (!inEveryMode || visit.landed !== pagePath) return this.done(visits);
    for (const mode of MODES.slice(1)) {
      const switchedAt = Date.now();
      [this.faults, this.calls] = [[], []];
      await this.switchTo(mode);
      visits.push(await this.look(pagePath, mode.name, switchedAt, 0, true));
    }
    await this.switchTo(MODES[0] as Mode);
    return this.done(visits);
  }

  private done(visits: Visit[]): Visit[] {
    this.faults = undefined;
    return visits;
  }

  async close(): Promise<void> {
    await this.settings.close();
  }

  /** Everything checked on the page as it shows now (`axe` also runs axe-core on it). */
  private async look(pagePath: string, mode: string, since: number, quiet: number, axe = false): Promise<Visit> {
    const [faults, calls] = [this.faults ?? [], this.calls];
    const stuck = await this.settle(quiet);
    if (stuck) faults.push(stuck);
    const milliseconds = Date.now() - since;
    const banner = this.page.locator(`${FRESH} #page-error`);
    if ((await banner.count()) > 0)
      faults.push(`error banner: ${(await banner.first().innerText()).replace(/\s+/g, ' ')}`);
    const landed = routeOf(this.page.url());
    const allowedLandings = this.options.role === 'visitor' ? [pagePath, 'pages/login/index'] : [pagePath];
    if (!allowedLandings.includes(landed)) faults.push(`landed on ${landed}`);
    faults.push(...(await this.layoutFaults(landed)));
    let [violations, axeMilliseconds]: (number | undefined)[] = [];
    if (axe) {
      const axeStarted = Date.now();
      const found = await this.accessibilityFaults();
      [violations, axeMilliseconds] = [found.length, Date.now() - axeStarted];
      faults.push(...found);
    }
    if (this.options.screenshots.includes(pagePath)) {
      await snapshot(this.page, `e2e-smoke-${this.options.role}-${mode}-${pagePath.replace(/\//g, '-')}.png`);
    }
    await Promise.all(this.reads.splice(0));
    return {
      role: this.options.role,
      page: pagePath,
      mode,
      landed,
      faults,
      milliseconds,
      calls,
      violations,
      axeMilliseconds,
    };
  }

  /** Switches the open page to `mode`: the preferences from the settings tab, the window by resizing. */
  private async switchTo(mode: Mode): Promise<void> {
    const changed: [string, unknown][] = [];
    if (mode.language !== this.mode.language) changed.push(['linli.preferences.language', mode.language]);
    if (mode.largeText !== this.mode.largeText) changed.push(['linli.preferences.largeText', mode.largeText]);
    if (changed.length > 0) {
      await this.settings.evaluate((entries) => {
        for (const [key, value] of entries) window.localStorage.setItem(key, JSON.stringify({ data: value }));
      }, changed);
    }
    const { width, height } = mode.viewport;
    if (width !== this.mode.viewport.width || height !== this.mode.viewport.height)
      await this.page.setViewportSize({ width, height });
    this.mode = mode;
    // The page shows the mode once its texts are in the language (English arrives as a chunk of its own).
    await this.page.waitForFunction(
      ({ large, language }) =>
        document.body.classList.contains('linli-large-text') === large && document.documentElement.lang === language,
      { large: mode.largeText, language: mode.language },
      { timeout: 5_000, polling: 20 },
    );
    // Two frames: React's re-render for the new preferences, then the layout it causes.
    await this.page.evaluate(
      () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(undefined)))),
    );
  }

  /** axe-core on the open page (WCAG 2.1 A/AA): each serious or critical violation, with where it is. */
  private async accessibilityFaults(): Promise<string[]> {
    if (!(await this.page.evaluate(() => 'axe' in window))) await this.page.evaluate(AXE_SOURCE);
    const results = await this.page.evaluate(
      ([fresh, options]) =>
        (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<AxeResults> } }).axe.run(
          { include: [fresh] },
          options,
        ),
      [FRESH, AXE_OPTIONS] as const,
    );
    return results.violations
      .filter((violation) => FAILING_IMPACTS.includes(violation.impact ?? ''))
      .map(
        (violation) =>
          `axe ${violation.impact} ${violation.id} (${violation.help}): ` +
          violation.nodes
            .slice(0, 3)
            .map((node) => `${node.target.join(' ')} ${node.failureSummary?.split('\n')[1]?.trim() ?? ''}`)
            .join('; '),
      );
  }

  /**
   * Issue 21: a page other than a tab must offer a way back (`#page-back`: the browser's back button is
   * not one an elderly resident finds), and nothing may be wider than the screen.
   */
  private async layoutFaults(landed: string): Promise<string[]> {
    const faults: string[] = [];
    const visibleBack = await this.page.locator(`${FRESH} #page-back`).count();
    if (!this.options.tabPages.includes(landed) && visibleBack === 0) faults.push('no way back (#page-back)');
    const overflow = await this.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (overflow > 1) faults.push(`wider than the screen by ${overflow} px`);
    return faults;
  }

  /**
   * Waits until, for `quiet` ms (0: at once, after a mode switch's re-render), no `/v1` request is in flight and the new page shows its title and no
   * "loading" (the page's own or a list's `.page__status`, which cover the render between two calls).
   */
  private async settle(quiet: number): Promise<string | undefined> {
    const deadline = Date.now() + 40_000;
    let quietSince = Date.now();
    while (Date.now() < deadline) {
      const state = await this.page.evaluate((fresh) => {
        const visible = (element: Element) => (element as HTMLElement).offsetParent !== null;
        return {
          loading: document.querySelectorAll(`${fresh} .page__status:not(.page__status--error)`).length,
          titled: Array.from(document.querySelectorAll(`${fresh} .page__title`)).filter(visible).length,
        };
      }, FRESH);
      if (this.pending.size > 0 || state.loading > 0 || state.titled === 0) quietSince = Date.now();
      else if (Date.now() - quietSince >= quiet) return undefined;
      await this.page.waitForTimeout(50);
    }
    return `never settled: ${this.pending.size} /v1 requests in flight, ${this.page.url()}`;
  }

  /** Logs every `/v1` answer of the visit; one of 400 or more is a fault unless expected. */
  private onResponse(response: Response): void {
    if (!isApi(response.url())) return;
    const url = new URL(response.url());
    const apiPath = url.pathname + url.search;
    const status = response.status();
    const page = routeOf(this.page.url());
    const expected = this.options.expectedFailures.some(
      (allowed) =>
        allowed.role === this.options.role &&
        allowed.page === page &&
        allowed.status === status &&
        allowed.path.test(apiPath),
    );
    const call = `${response.request().method()} ${apiPath} → ${status}`;
    const calls = this.calls;
    this.reads.push(
      response
        .text()
        .catch(() => '(no body)')
        .then((body) => {
          calls.push(`${call} ${body.slice(0, 160)}`);
          if (status >= 400 && !expected) this.fault(`${call} ${body.slice(0, 200)}`);
        }),
    );
  }

  private fault(description: string): void {
    this.faults?.push(description);
  }
}
