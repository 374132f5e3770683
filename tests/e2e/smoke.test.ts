import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page, Response } from 'playwright-core';
import { contracts } from '@linli/shared';
import { login, send } from '../support/api';
import { launchSharedBrowser } from '../support/browser';
import { createActivityNow, grantPoints, me, officeClaim } from '../support/timebank';
import { h5Url, logInToDemo, snapshot } from './helpers';

/**
 * Issue 12, smoke: every page of the H5 build (read from `miniapp/src/app.config.ts`, so a new page is
 * smoked without touching this file) opened as each role — a logged-out visitor, a resident, the demo
 * merchant and an assistant of its shop, the demo maker, staff and admin — in one Chromium with one
 * context (one login) per role. A page
 * fails on its error banner (`#page-error`), a `console.error` or uncaught exception in the browser,
 * a `/v1` response of 400 or more, a `/v1` request that never answers, a page that never stops loading,
 * or a logged-in role sent back to login. Pages that read a query parameter get a real id, made
 * through the API first. A visitor opening a page that needs a login must land on the login page.
 */

const CID = 'demo';
const MINIAPP_SRC = path.resolve(__dirname, '..', '..', 'miniapp', 'src');

/** A page that is not smoked, with the reason (none today: every page is reachable with seeded data). */
const SKIPPED: Record<string, string> = {};

/** A `/v1` status ≥ 400 a page legitimately receives as one role: none today (pages guard by role first). */
const EXPECTED_FAILURES: { role: RoleName; page: string; status: number; path: RegExp; reason: string }[] = [];

interface AppConfig {
  pages: string[];
  subPackages?: { root: string; pages: string[] }[];
  tabBar?: { list: { pagePath: string }[] };
}

/**
 * Every page path of the app (`pages/home/index`, `volunteer/pages/activity/index`, …) and the tab
 * pages among them, from the real app.config.ts (Taro's `defineAppConfig` is the identity).
 */
function appPages(): { pages: string[]; tabPages: string[] } {
  const globals = globalThis as { defineAppConfig?: (config: AppConfig) => AppConfig };
  globals.defineAppConfig ??= (config) => config;
  const config = (require(path.join(MINIAPP_SRC, 'app.config.ts')) as { default: AppConfig }).default;
  const subPages = (config.subPackages ?? []).flatMap((pkg) => pkg.pages.map((page) => `${pkg.root}/${page}`));
  return {
    pages: [...config.pages, ...subPages],
    tabPages: (config.tabBar?.list ?? []).map((tab) => tab.pagePath),
  };
}

/** The query parameters a page's source reads through `useRouter().params`. */
function queryParametersRead(page: string): string[] {
  const source = readFileSync(path.join(MINIAPP_SRC, `${page}.tsx`), 'utf8');
  return [...new Set([...source.matchAll(/params\.(\w+)/g)].map((match) => match[1] ?? ''))];
}

interface Seeded {
  activityId: string;
  goodId: string;
  productId: string;
  merchantId: string;
  invitationCode: string;
  teamId: string;
  certificateSerial: string;
}

/** The real ids a page's query needs; each page reading a parameter must be listed here. */
const QUERIES: Record<string, (ids: Seeded) => Record<string, string>> = {
  'volunteer/pages/activity/index': (ids) => ({ id: ids.activityId }),
  'office/pages/checkin-code/index': (ids) => ({ id: ids.activityId }),
  'office/pages/activity/index': (ids) => ({ id: ids.activityId }),
  'office/pages/attendance/index': (ids) => ({ activityId: ids.activityId }),
  'office/pages/roster/index': (ids) => ({ activityId: ids.activityId }),
  'volunteer/pages/roster/index': (ids) => ({ activityId: ids.activityId }),
  'market/pages/good/index': (ids) => ({ id: ids.goodId }),
  'market/pages/merchant/index': (ids) => ({ id: ids.merchantId }),
  'shop/pages/product/index': (ids) => ({ id: ids.productId }),
  'fund/pages/index/index': () => ({ cid: CID }),
  'fund/pages/disclosure/index': () => ({ cid: CID }),
  // The H5 link carries `code`; weapp's mini-program code carries `scene`.
  'pages/invite/index': (ids) => ({ code: ids.invitationCode, scene: ids.invitationCode }),
  'office/pages/district/index': () => ({ did: 'jiefanglu' }),
  'volunteer/pages/team/index': (ids) => ({ id: ids.teamId }),
  'volunteer/pages/team-activity/index': (ids) => ({ id: ids.teamId }),
  'pages/certificate-check/index': (ids) => ({ serial: ids.certificateSerial }),
};

type RoleName = 'visitor' | 'resident' | 'merchant' | 'assistant' | 'maker' | 'staff' | 'admin';

const suffix = randomUUID().slice(0, 6);
const RESIDENT_OPENID = `smoke-resident-${suffix}`;
const RESIDENT_NICKNAME = `冒烟${suffix}`;
const ASSISTANT_OPENID = `smoke-assistant-${suffix}`;

/**
 * Who opens the pages: dev-login openids in `demo` (README "Demo data"); the resident is fresh, and
 * so is the assistant — a resident whom demo-merchant added as staff of 张记包子铺 (not its owner).
 */
const ROLES: { name: RoleName; openid?: string; nickname?: string }[] = [
  { name: 'visitor' },
  { name: 'resident', openid: RESIDENT_OPENID, nickname: RESIDENT_NICKNAME },
  { name: 'merchant', openid: 'demo-merchant' },
  { name: 'assistant', openid: ASSISTANT_OPENID, nickname: `店员${suffix}` },
  { name: 'maker', openid: 'demo-maker' },
  { name: 'staff', openid: 'demo-staff' },
  { name: 'admin', openid: 'demo-admin' },
];

/** A few pages to keep as screenshots in tests/.artifacts, to look at by eye. */
const SCREENSHOTS: Partial<Record<RoleName, string[]>> = {
  visitor: ['fund/pages/index/index'],
  resident: ['volunteer/pages/hours/index', 'office/pages/claims/index'],
  staff: ['office/pages/dashboard/index'],
  admin: ['office/pages/audit/index'],
  merchant: ['merchant/pages/index/index'],
  assistant: ['merchant/pages/staff/index'],
};

/** Data for every page to show something: an activity with a pending claim, a good, a redemption, a paid order. */
async function seed(): Promise<Seeded> {
  const expectStatus = (what: string, reply: { status: number; body: unknown }, status: number) => {
    if (reply.status !== status) throw new Error(`${what} → ${reply.status} ${JSON.stringify(reply.body)}`);
  };
  const [staff, maker, merchant] = [await login('demo-staff'), await login('demo-maker'), await login('demo-merchant')];
  const join = async (openid: string) => {
    const person = await login(openid);
    const joined = await send(contracts.joinCommunity, { params: { cid: CID }, token: person.token });
    if (joined.status >= 300) expectStatus('join', joined, 201);
    return { ...person, memberId: (await me(CID, person.token)).member.id };
  };
  const [resident, assistant] = [await join(RESIDENT_OPENID), await join(ASSISTANT_OPENID)];
  const memberId = resident.memberId;
  expectStatus(
    'merchant staff',
    await send(contracts.addMerchantStaff, {
      params: { cid: CID, mid: 'demo-baozi' },
      token: merchant.token,
      body: { memberId: assistant.memberId },
    }),
    200,
  );

  const activity = await createActivityNow(CID, staff.token, { title: `冒烟活动${suffix}`, location: '社区活动室' });
  // Approved by the admin (not the staff who entered it): the resident's record, and their certificate.
  const claim = await officeClaim(CID, activity.id, staff.token, memberId, 60);
  const certificateSerial = await serviceCertificate(staff.token, resident, claim.id);

  const good = await send(contracts.createGood, {
    params: { cid: CID },
    token: staff.token,
    body: { name: `冒烟小米${suffix}`, pricePoints: 1, stock: 5, valueFen: 1500 },
  });
  expectStatus('good', good, 201);
  await grantPoints(CID, resident.userId, 2);
  expectStatus(
    'redemption',
    await send(contracts.redeem, {
      params: { cid: CID },
      token: resident.token,
      body: { goodId: good.body.id, quantity: 1 },
    }),
    201,
  );

  const listProduct = (title: string) =>
    send(contracts.createProduct, {
      params: { cid: CID },
      token: maker.token,
      body: { title, description: '麦秆手工编织', priceFen: 5000, stock: 5 },
    });
  const product = await listProduct(`冒烟草帽${suffix}`);
  expectStatus('product', product, 201);
  expectStatus(
    'approve product',
    await send(contracts.approveProduct, { params: { cid: CID, pid: product.body.id }, token: staff.token }),
    200,
  );
  expectStatus('pending product', await listProduct(`冒烟待审${suffix}`), 201);
  const order = await send(contracts.createOrder, {
    params: { cid: CID },
    token: resident.token,
    body: { items: [{ productId: product.body.id, quantity: 1 }] },
  });
  expectStatus('order', order, 201);
  expectStatus(
    'dev-pay',
    await send(contracts.devPayOrder, { params: { cid: CID, oid: order.body.id }, token: resident.token }),
    200,
  );

  expectStatus(
    'merchant application',
    await send(contracts.submitMerchantApplication, {
      params: { cid: CID },
      token: resident.token,
      body: {
        name: `冒烟面馆${suffix}`,
        licenceNumber: '91510100MA6ABC1234',
        category: 'food',
        address: '邻里路 1 号',
        offer: { description: '凭志愿者证 8 折', pricePercent: 80 },
      },
    }),
    201,
  );
  const invitation = await send(contracts.createInvitation, {
    params: { cid: CID },
    token: staff.token,
    body: { roles: ['resident'], maxUses: 100 },
  });
  expectStatus('invitation', invitation, 201);
  const team = await send(contracts.createTeam, {
    params: { cid: CID },
    token: staff.token,
    body: { name: `冒烟服务队${suffix}` },
  });
  expectStatus('team', team, 201);
  expectStatus(
    'team request',
    await send(contracts.requestToJoinTeam, { params: { cid: CID, tid: team.body.id }, token: resident.token }),
    201,
  );
  return {
    activityId: activity.id,
    goodId: good.body.id,
    productId: product.body.id,
    merchantId: 'demo-baozi',
    invitationCode: invitation.body.code,
    teamId: team.body.id,
    certificateSerial,
  };
}

/** The resident's 志愿服务记录证明: their hour approved by the admin, a real name given, issued by staff. */
async function serviceCertificate(staffToken: string, resident: { token: string; memberId: string }, claimId: string) {
  const admin = await login('demo-admin');
  await send(contracts.approveClaim, { params: { cid: CID, claimId }, token: admin.token });
  await send(contracts.putVolunteerProfile, {
    params: { cid: CID },
    token: resident.token,
    body: { realName: '冒烟居民' },
  });
  const issued = await send(contracts.issueServiceCertificate, {
    params: { cid: CID },
    token: staffToken,
    body: { memberId: resident.memberId },
  });
  if (issued.status !== 201) throw new Error(`certificate → ${issued.status} ${JSON.stringify(issued.body)}`);
  return issued.body.serialNumber;
}

interface Visit {
  role: RoleName;
  page: string;
  landed: string;
  faults: string[];
  /** From opening the page until it settled. */
  milliseconds: number;
  /** Every `/v1` call the page made: `GET /v1/… → 200 {"items":…`, to explain a fault. */
  calls: string[];
}

/** `http://h/#/pages/login/index?x=1` → `pages/login/index`. */
const routeOf = (url: string) => (new URL(url).hash.replace(/^#\/?/, '').split('?')[0] ?? '').replace(/^\//, '');

/** The page instance opened last: Taro keeps earlier ones (tab pages) hidden in the DOM, marked seen here. */
const FRESH = '.page:not([data-smoke-seen])';

/**
 * One role's tab, listening once: every fault (error banner aside) goes to the visit under way.
 * Pages are opened inside the running app (a hash change, as Taro's navigateTo does), so the bundle
 * loads once per role, not once per page; tab pages, and a page opened again, get a fresh load.
 */
class RoleTab {
  private faults: string[] | undefined;
  private calls: string[] = [];
  private readonly pending = new Set<unknown>();
  private readonly reads: Promise<void>[] = [];

  constructor(
    private readonly page: Page,
    private readonly role: RoleName,
    private readonly tabPages: string[],
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

  /** Opens `pagePath` (with its seeded query), waits until it settles and reports what went wrong. */
  async visit(pagePath: string, ids: Seeded): Promise<Visit> {
    const query = new URLSearchParams(QUERIES[pagePath]?.(ids) ?? {}).toString();
    const hash = `#/${pagePath}${query ? `?${query}` : ''}`;
    const openedAt = Date.now();
    await this.page.evaluate(() =>
      document.querySelectorAll('.page').forEach((element) => element.setAttribute('data-smoke-seen', '')),
    );
    const current = new URL(this.page.url());
    if (current.protocol === 'about:' || this.tabPages.includes(pagePath) || current.hash === hash) {
      await this.page.goto('about:blank');
      [this.faults, this.calls] = [[], []];
      await this.page.goto(`${h5Url()}/${hash}`);
    } else {
      [this.faults, this.calls] = [[], []];
      await this.page.evaluate((next) => (window.location.hash = next), hash);
    }
    const [faults, calls] = [this.faults, this.calls];
    const stuck = await this.settle();
    if (stuck) faults.push(stuck);
    const milliseconds = Date.now() - openedAt;
    const banner = this.page.locator(`${FRESH} #page-error`);
    if ((await banner.count()) > 0)
      faults.push(`error banner: ${(await banner.first().innerText()).replace(/\s+/g, ' ')}`);
    const landed = routeOf(this.page.url());
    const allowedLandings = this.role === 'visitor' ? [pagePath, 'pages/login/index'] : [pagePath];
    if (!allowedLandings.includes(landed)) faults.push(`landed on ${landed}`);
    faults.push(...(await this.layoutFaults(landed)));
    if (SCREENSHOTS[this.role]?.includes(pagePath)) {
      await snapshot(this.page, `e2e-smoke-${this.role}-${pagePath.replace(/\//g, '-')}.png`);
    }
    await Promise.all(this.reads.splice(0));
    this.faults = undefined;
    return { role: this.role, page: pagePath, landed, faults, milliseconds, calls };
  }

  /**
   * Issue 21: a page other than a tab must offer a way back (`#page-back`: the browser's back button is
   * not one an elderly resident finds), and nothing may be wider than the screen.
   */
  private async layoutFaults(landed: string): Promise<string[]> {
    const faults: string[] = [];
    const visibleBack = await this.page.locator(`${FRESH} #page-back`).count();
    if (!this.tabPages.includes(landed) && visibleBack === 0) faults.push('no way back (#page-back)');
    const overflow = await this.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (overflow > 1) faults.push(`wider than the screen by ${overflow} px`);
    return faults;
  }

  /**
   * Waits until, for 200 ms, no `/v1` request is in flight and the new page shows its title and no
   * "loading" (the page's own or a list's `.page__status`, which cover the render between two calls).
   */
  private async settle(): Promise<string | undefined> {
    const deadline = Date.now() + 40_000;
    let quietSince = Date.now();
    while (Date.now() < deadline) {
      await this.page.waitForTimeout(50);
      const state = await this.page.evaluate((fresh) => {
        const visible = (element: Element) => (element as HTMLElement).offsetParent !== null;
        return {
          loading: document.querySelectorAll(`${fresh} .page__status:not(.page__status--error)`).length,
          titled: Array.from(document.querySelectorAll(`${fresh} .page__title`)).filter(visible).length,
        };
      }, FRESH);
      if (this.pending.size > 0 || state.loading > 0 || state.titled === 0) quietSince = Date.now();
      else if (Date.now() - quietSince >= 200) return undefined;
    }
    return `never settled: ${this.pending.size} /v1 requests in flight, ${this.page.url()}`;
  }

  /** Logs every `/v1` answer of the visit; one of 400 or more is a fault unless EXPECTED_FAILURES names it. */
  private onResponse(response: Response): void {
    if (!isApi(response.url())) return;
    const url = new URL(response.url());
    const apiPath = url.pathname + url.search;
    const status = response.status();
    const page = routeOf(this.page.url());
    const expected = EXPECTED_FAILURES.some(
      (allowed) =>
        allowed.role === this.role && allowed.page === page && allowed.status === status && allowed.path.test(apiPath),
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

const isApi = (url: string) => url.startsWith('http') && new URL(url).pathname.startsWith('/v1/');

describe('smoke: every page of the H5 build as every role', () => {
  const { pages, tabPages } = appPages();
  const visits: Visit[] = [];
  let browser: Awaited<ReturnType<typeof launchSharedBrowser>>;
  let ids: Seeded;
  const startedAt = Date.now();

  beforeAll(async () => {
    [browser, ids] = await Promise.all([launchSharedBrowser(), seed()]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    console.log(summary(pages, visits, Math.round((Date.now() - startedAt) / 1000)));
  });

  it('has a real id for every query parameter a page reads', () => {
    const missing = pages.flatMap((page) => {
      const given = Object.keys(QUERIES[page]?.(ids) ?? {});
      return queryParametersRead(page)
        .filter((name) => !given.includes(name))
        .map((name) => `${page}?${name}`);
    });

    expect(missing).toEqual([]);
  });

  it('opens every page as every role, page by page', async () => {
    const tabs: RoleTab[] = [];
    for (const role of ROLES) {
      const page = await (await browser.newContext()).newPage();
      if (role.openid) await logInToDemo(page, role.openid, role.nickname);
      tabs.push(new RoleTab(page, role.name, tabPages));
    }
    // Page by page, one role after the other: serverless-offline stops a Lambda worker after 60 s
    // idle and starts one more for each request that finds them all busy, so this way the routes a
    // page calls start cold once for the whole run (all roles at once started each up to seven
    // times, and cold starts on a busy machine ran into the 30 s Lambda timeout).
    for (const pagePath of pages.filter((candidate) => !(candidate in SKIPPED))) {
      for (const tab of tabs) visits.push(await tab.visit(pagePath, ids));
    }
  }, 1_200_000);

  it.each(ROLES)('showed every page to $name with no error banner, console error or failed /v1 call', (role) => {
    const faults = visits
      .filter((visit) => visit.role === role.name && visit.faults.length > 0)
      .map((visit) => `${visit.page}: ${visit.faults.join(' | ')}\n  /v1 calls: ${visit.calls.join('\n    ')}`);

    expect(faults).toEqual([]);
  });

  it('smoked every page of app.config.ts as every role, or names why not', () => {
    const unknownSkips = Object.keys(SKIPPED).filter((page) => !pages.includes(page));
    const unsmoked = ROLES.flatMap((role) =>
      pages
        .filter((page) => !(page in SKIPPED) && !visits.some((v) => v.role === role.name && v.page === page))
        .map((page) => `${role.name} ${page}`),
    );

    expect(unknownSkips).toEqual([]);
    expect(unsmoked).toEqual([]);
    expect(pages.length).toBeGreaterThan(50);
  });
});

/** The pages × roles table: ok, →login (a visitor sent to log in), FAIL, or — (not smoked). */
function summary(pages: string[], visits: Visit[], seconds: number): string {
  const mark = (visit: Visit | undefined) =>
    !visit ? '—' : visit.faults.length > 0 ? 'FAIL' : visit.landed === visit.page ? 'ok' : '→login';
  const width = Math.max(...pages.map((page) => page.length)) + 1;
  const header = ['page'.padEnd(width), ...ROLES.map((role) => role.name.padEnd(9))].join(' ');
  const rows = pages.map((page) =>
    [
      page.padEnd(width),
      ...ROLES.map((role) => mark(visits.find((v) => v.role === role.name && v.page === page)).padEnd(9)),
    ].join(' '),
  );
  const failed = visits.filter((visit) => visit.faults.length > 0).length;
  const slowest = [...visits]
    .sort((a, b) => b.milliseconds - a.milliseconds)
    .slice(0, 8)
    .map((visit) => `  ${visit.milliseconds} ms  ${visit.role} ${visit.page}`);
  return [
    header,
    ...rows,
    'slowest:',
    ...slowest,
    `smoked ${visits.length} page × role visits (${pages.length} pages × ${ROLES.length} roles), ` +
      `${failed} failed, in ${seconds} s`,
  ].join('\n');
}
