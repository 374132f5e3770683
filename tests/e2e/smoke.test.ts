import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { contracts } from '@linli/shared';
import { login, send } from '../support/api';
import { launchSharedBrowser } from '../support/browser';
import { createActivityNow, grantPoints, me, officeClaim } from '../support/timebank';
import { logInToDemo } from './helpers';
import { MODES, RoleTab, type ExpectedFailure, type RoleName, type Visit } from './smoke-tab';

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
const EXPECTED_FAILURES: ExpectedFailure[] = [];

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

const suffix = randomUUID().slice(0, 6);
const RESIDENT_OPENID = `smoke-resident-${suffix}`;
const RESIDENT_NICKNAME = `冒烟${suffix}`;
const ASSISTANT_OPENID = `smoke-assistant-${suffix}`;

/**
 * Who opens the pages: dev-login openids in `demo` (README "Demo data"); the resident is fresh, and
 * so is the assistant — a resident whom demo-merchant added as staff of 张记包子铺 (not its owner);
 * `demo-district` is the district's officer.
 */
const ROLES: { name: RoleName; openid?: string; nickname?: string }[] = [
  { name: 'visitor' },
  { name: 'resident', openid: RESIDENT_OPENID, nickname: RESIDENT_NICKNAME },
  { name: 'merchant', openid: 'demo-merchant' },
  { name: 'assistant', openid: ASSISTANT_OPENID, nickname: `店员${suffix}` },
  { name: 'maker', openid: 'demo-maker' },
  { name: 'staff', openid: 'demo-staff' },
  { name: 'admin', openid: 'demo-admin' },
  { name: 'district', openid: 'demo-district', nickname: '街道干部' },
];

/** Pages anyone may open without logging in. */
const PUBLIC_PAGES = [
  'pages/login/index',
  'pages/privacy/index',
  'pages/certificate-check/index',
  'pages/invite/index',
  'fund/pages/index/index',
  'fund/pages/disclosure/index',
];

/** Pages whose content differs for every role (a tab, and the entry to each role's console). */
const EVERY_ROLE_PAGES = ['pages/home/index', 'pages/me/index', 'pages/platform/index'];

/**
 * The roles a page is meant for, the one it is looked at in every mode first (issue 21: "each role it
 * is meant for"). Every page is also opened by a visitor (who must land on it or on the login page)
 * and by a resident (an office, merchant or maker page must turn them away kindly, without an error).
 */
function audience(page: string): { primary: RoleName; others: RoleName[] } {
  const [root, , name] = page.split('/');
  const meant = ((): RoleName[] => {
    if (PUBLIC_PAGES.includes(page)) return ['visitor'];
    if (EVERY_ROLE_PAGES.includes(page)) return ['resident', 'merchant', 'assistant', 'maker', 'staff', 'admin'];
    if (page === 'office/pages/district/index') return ['district', 'admin'];
    if (root === 'office') return ['admin', 'staff'];
    if (root === 'merchant') return ['merchant', 'assistant'];
    if (root === 'shop' && name === 'maker') return ['maker'];
    return ['resident'];
  })();
  const [primary = 'resident', ...rest] = meant;
  const others = [...new Set([...rest, 'visitor', 'resident'] as RoleName[])].filter((role) => role !== primary);
  return { primary, others };
}

/** A few pages to keep as screenshots in tests/.artifacts (in every mode), to look at by eye. */
const SCREENSHOTS: Partial<Record<RoleName, string[]>> = {
  visitor: ['fund/pages/index/index'],
  resident: ['pages/home/index', 'volunteer/pages/hours/index', 'volunteer/pages/activity/index'],
  staff: ['office/pages/dashboard/index'],
  admin: ['office/pages/index/index', 'office/pages/claims/index', 'office/pages/audit/index'],
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

describe('smoke: every page of the H5 build as each role it is meant for, in every mode', () => {
  const { pages, tabPages } = appPages();
  const visits: Visit[] = [];
  let browser: Awaited<ReturnType<typeof launchSharedBrowser>>;
  let ids: Seeded;
  const startedAt = Date.now();
  const smoked = pages.filter((candidate) => !(candidate in SKIPPED));

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

  it('opens every page as each role it is meant for, page by page, and in every mode as the first', async () => {
    const tabs = new Map<RoleName, RoleTab>();
    for (const role of ROLES) {
      const context = await browser.newContext();
      const page = await context.newPage();
      if (role.openid) await logInToDemo(page, role.openid, role.nickname);
      tabs.set(
        role.name,
        await RoleTab.open(context, page, {
          role: role.name,
          tabPages,
          expectedFailures: EXPECTED_FAILURES,
          screenshots: SCREENSHOTS[role.name] ?? [],
        }),
      );
    }
    // Page by page: serverless-offline stops a Lambda worker after 60 s idle and starts one more for
    // each request that finds them all busy, so this way the routes a page calls start cold once or
    // twice for the whole run (all roles at once started each up to seven times, and cold starts on a
    // busy machine ran into the 30 s Lambda timeout).
    // The page's first role looks in every mode while the others open it one after the other: two
    // requests at a time start each function a second worker once, not seven.
    for (const pagePath of smoked) {
      const { primary, others } = audience(pagePath);
      const query = QUERIES[pagePath]?.(ids) ?? {};
      const inOtherRoles = async () => {
        for (const role of others) visits.push(...(await tabs.get(role)!.visit(pagePath, query)));
      };
      const [inEveryMode] = await Promise.all([tabs.get(primary)!.visit(pagePath, query, true), inOtherRoles()]);
      visits.push(...inEveryMode);
    }
    await Promise.all([...tabs.values()].map((tab) => tab.close()));
  }, 1_200_000);

  it.each(ROLES)('showed every page to $name with no error banner, console error or failed /v1 call', (role) => {
    const faults = visits
      .filter((visit) => visit.role === role.name && visit.faults.some((fault) => !fault.startsWith('axe ')))
      .map(
        (visit) =>
          `${visit.page} (${visit.mode}): ${visit.faults.join(' | ')}\n  /v1 calls: ${visit.calls.join('\n    ')}`,
      );

    expect(faults).toEqual([]);
  });

  it('found no serious or critical accessibility violation (axe-core) on any page in any mode', () => {
    const violations = visits
      .filter((visit) => visit.faults.some((fault) => fault.startsWith('axe ')))
      .map((visit) => `${visit.page} (${visit.role}, ${visit.mode}): ${visit.faults.join(' | ')}`);

    expect(violations).toEqual([]);
  });

  it('smoked every page of app.config.ts as each role it is meant for in every mode, or names why not', () => {
    const unknownSkips = Object.keys(SKIPPED).filter((page) => !pages.includes(page));
    const unsmoked = smoked.flatMap((page) => {
      const { primary, others } = audience(page);
      const seen = (role: RoleName, mode: string) =>
        visits.some((v) => v.role === role && v.page === page && v.mode === mode && v.landed === page);
      return [
        ...MODES.filter((mode) => !seen(primary, mode.name)).map((mode) => `${primary} ${mode.name} ${page}`),
        ...others.filter((role) => !visits.some((v) => v.role === role && v.page === page)).map((r) => `${r} ${page}`),
      ];
    });

    expect(unknownSkips).toEqual([]);
    expect(unsmoked).toEqual([]);
    expect(pages.length).toBeGreaterThan(50);
  });
});

/** The pages × roles table: each role's marks (ok, →login, FAIL, — not smoked), `*` on the role seen in every mode. */
function summary(pages: string[], visits: Visit[], seconds: number): string {
  const mark = (page: string, role: RoleName) => {
    const mine = visits.filter((v) => v.role === role && v.page === page);
    if (mine.length === 0) return '—';
    const text = mine.some((v) => v.faults.length > 0) ? 'FAIL' : mine[0]?.landed === page ? 'ok' : '→login';
    return mine.length > 1 ? `${text}*` : text;
  };
  const width = Math.max(...pages.map((page) => page.length)) + 1;
  const header = ['page'.padEnd(width), ...ROLES.map((role) => role.name.padEnd(9))].join(' ');
  const rows = pages.map((page) =>
    [page.padEnd(width), ...ROLES.map((role) => mark(page, role.name).padEnd(9))].join(' '),
  );
  const failed = visits.filter((visit) => visit.faults.length > 0).length;
  const audited = visits.filter((visit) => visit.violations !== undefined);
  const violations = audited.reduce((sum, visit) => sum + (visit.violations ?? 0), 0);
  const axeSeconds = Math.round(audited.reduce((sum, visit) => sum + (visit.axeMilliseconds ?? 0), 0) / 1000);
  const slowest = [...visits]
    .sort((a, b) => b.milliseconds - a.milliseconds)
    .slice(0, 8)
    .map((visit) => `  ${visit.milliseconds} ms  ${visit.role} ${visit.mode} ${visit.page}`);
  const opened = visits.filter((visit) => visit.mode === MODES[0]?.name).length;
  return [
    header,
    ...rows,
    'slowest:',
    ...slowest,
    `smoked ${pages.length} pages: ${opened} page × role visits (${ROLES.length} roles), ` +
      `${visits.length - opened} more looks in ${MODES.length - 1} other modes (${MODES.map((m) => m.name).join(', ')}); ` +
      `axe-core on ${audited.length} page × mode looks (${axeSeconds} s), ${violations} serious or critical violations; ` +
      `${failed} failed, in ${seconds} s`,
  ].join('\n');
}
