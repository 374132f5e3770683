/**
 * The reads the first screen makes, as plain data: the app starts them (src/api/first-reads.ts) and the
 * H5 build writes them into the page's head script (`headReadsScript`, config/index.ts) — so this file
 * imports nothing (the build's config loader compiles only this folder). Each names its route contract
 * and gives that contract's path and query as the client sends them; src/api/first-reads-table.test.ts
 * holds each to its contract in `@linli/shared`, and the routes to src/route-table.ts.
 */
export interface FirstRead {
  /** The route contract's name in `contracts` (`getMe`). */
  read: string;
  /** Its path, `{cid}` for the community (`/v1/communities/{cid}/me`), with the query the page sends. */
  path: string;
}

/** Read at every start of a logged-in person: the privacy check's consents (App, `checkPrivacyConsent`). */
export const FIRST_READS_ALWAYS: readonly FirstRead[] = [{ read: 'listMyConsents', path: '/v1/me/consents' }];

/**
 * The landing pages' own reads (config/first-screen.ts) — the same requests, byte for byte, as their
 * hooks make: 首页 the community (its page) and my next activities (components/next-activities), 我的 who I
 * am here (hooks/me `useMe`) and my merchants (hooks/merchant `useMyMerchants`). A page changed without
 * this table only loses the head start.
 */
export const FIRST_READS_BY_ROUTE: Readonly<Record<string, readonly FirstRead[]>> = {
  '/pages/home/index': [
    { read: 'getCommunity', path: '/v1/communities/{cid}' },
    { read: 'listMySignups', path: '/v1/communities/{cid}/me/signups?scope=upcoming' },
  ],
  '/pages/me/index': [
    { read: 'getMe', path: '/v1/communities/{cid}/me' },
    { read: 'listMyMerchants', path: '/v1/communities/{cid}/me/merchants' },
  ],
};

/** 首页, where the app opens when the address names no page (src/route-table.ts `ROUTES.home`). */
export const HOME_ROUTE = '/pages/home/index';

/** Where the app keeps what the head script needs (Taro storage: `localStorage`, `{"data": value}`). */
export const FIRST_READ_STORAGE = {
  token: 'linli.session.token',
  sessionInfo: 'linli.session.info',
  communityId: 'linli.community.id',
  actingFor: 'linli.actingFor',
} as const;

/** Renewal window of `api/client.ts` (`RENEW_BEFORE_MS`): a token this close to expiry is not sent early. */
export const FIRST_READ_RENEW_BEFORE_MS = 15 * 60_000;
/** `ACT_FOR_HEADER` of `@linli/shared` (a proxy acting for a resident). */
export const FIRST_READ_ACT_FOR_HEADER = 'x-act-for';

/** What the head script leaves for the app: answers by `url + "\n" + JSON of the headers` (client.ts). */
export interface HeadReads {
  [key: string]: {
    startedAt: number;
    answer: Promise<{ statusCode: number; data: unknown; header: Record<string, string> }>;
  };
}

export interface HeadScriptSettings {
  always: readonly FirstRead[];
  byRoute: Readonly<Record<string, readonly FirstRead[]>>;
  storage: typeof FIRST_READ_STORAGE;
  renewBeforeMs: number;
  actForHeader: string;
  apiBase: string;
  homeRoute: string;
}

/**
 * The page's head script on H5 (issue 21): runs while the rest of the page — the app's inlined scripts,
 * ~150 KB on a slow network — is still arriving, and starts the logged-in person's first reads with
 * `fetch`, the requests the app would make once started (same URLs, same headers, so `request()` takes
 * them: `takeEarlyRead` in client.ts). Leaves them in `window.__linliHeadReads`; starts nothing for a
 * visitor, for a token about to be renewed, or on any surprise (the app then asks as usual). Written
 * self-contained: the build puts its source text in the page (config/index.ts).
 */
export function startReadsBeforeTheApp(settings: HeadScriptSettings): void {
  try {
    const stored = (key: string): unknown => {
      const raw = window.localStorage.getItem(key);
      return raw ? (JSON.parse(raw) as { data?: unknown }).data : undefined;
    };
    const token = stored(settings.storage.token);
    if (typeof token !== 'string' || token === '') return;
    const info = stored(settings.storage.sessionInfo) as { expiresAt?: unknown } | undefined;
    if (info && typeof info.expiresAt === 'string') {
      const left = Date.parse(info.expiresAt) - Date.now();
      if (left > 0 && left < settings.renewBeforeMs) return;
    }
    const header: Record<string, string> = { Accept: 'application/json', Authorization: `Bearer ${token}` };
    const actingFor = stored(settings.storage.actingFor) as { residentId?: unknown } | undefined;
    if (actingFor && typeof actingFor.residentId === 'string') header[settings.actForHeader] = actingFor.residentId;
    const communityId = stored(settings.storage.communityId);
    const route = window.location.hash.replace(/^#/, '').split('?')[0] || settings.homeRoute;
    const own = typeof communityId === 'string' && communityId !== '' ? (settings.byRoute[route] ?? []) : [];
    const reads: HeadReads = {};
    // No async, no spread: the source is put in the page as the config's compiler leaves it.
    for (const { path } of settings.always.concat(own)) {
      const url = settings.apiBase + path.replace('{cid}', encodeURIComponent(String(communityId)));
      const answer = fetch(url, { headers: header }).then((response) =>
        response
          .json()
          .catch(() => '')
          .then((data: unknown) => ({
            statusCode: response.status,
            data,
            header: Object.fromEntries(response.headers.entries()),
          })),
      );
      answer.catch(() => undefined);
      reads[`${url}\n${JSON.stringify(header)}`] = { startedAt: Date.now(), answer };
    }
    (window as unknown as { __linliHeadReads?: HeadReads }).__linliHeadReads = reads;
  } catch {
    // Storage unreadable or anything unexpected: the app makes its reads itself.
  }
}

/** The head script's source, for the page: `startReadsBeforeTheApp` called with this build's settings. */
export function headReadsScript(apiBase: string): string {
  const settings: HeadScriptSettings = {
    always: FIRST_READS_ALWAYS,
    byRoute: FIRST_READS_BY_ROUTE,
    storage: FIRST_READ_STORAGE,
    renewBeforeMs: FIRST_READ_RENEW_BEFORE_MS,
    actForHeader: FIRST_READ_ACT_FOR_HEADER,
    apiBase,
    homeRoute: HOME_ROUTE,
  };
  return `(${startReadsBeforeTheApp.toString()})(${JSON.stringify(settings)});`;
}
