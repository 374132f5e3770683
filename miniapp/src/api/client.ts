import Taro from '@tarojs/taro';
import {
  ACT_FOR_HEADER,
  fillPath,
  queryString,
  type BodyOf,
  type ParamsOf,
  type QueryOf,
  type QueryValues,
  type ResponseOf,
  type RouteContract,
} from '@linli/shared';
import { actingFor } from '../state/acting-for';
import { endSession, renewSession, sessionInfo, sessionToken } from '../state/session';
import { ROUTES, currentPageUrl, restartAt } from '../routes';
import { ApiError } from './api-error';
import type { HeadReads } from '../../config/first-reads';
import { dataChanged } from './changes';
import { newIdempotencyKey } from './idempotency-key';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any contract, whatever its types
type AnyContract = RouteContract<any, any, any, any>;

type ParamsOption<C> = [ParamsOf<C>] extends [Record<string, never>] ? { params?: undefined } : { params: ParamsOf<C> };
type BodyOption<C> = [BodyOf<C>] extends [undefined] ? { body?: undefined } : { body: BodyOf<C> };
type QueryOption<C> = [QueryOf<C>] extends [Record<string, never>] ? { query?: undefined } : { query?: QueryOf<C> };

/**
 * Path params, body and query exactly as the route's contract declares them (a query key the
 * contract does not name is a type error); `idempotencyKey` to retry one user action safely.
 */
export type RequestOptions<C> = ParamsOption<C> & BodyOption<C> & QueryOption<C> & { idempotencyKey?: string };

type OptionsArgument<C> = Record<string, never> extends RequestOptions<C> ? [RequestOptions<C>?] : [RequestOptions<C>];

const MUTATING_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Calls one route of the Linli API and returns its typed response, or throws an `ApiError`. */
export async function request<C extends AnyContract>(
  contract: C,
  ...[options]: OptionsArgument<C>
): Promise<ResponseOf<C>> {
  const { params, body, query, idempotencyKey } = (options ?? {}) as {
    params?: Record<string, string>;
    body?: unknown;
    query?: QueryValues;
    idempotencyKey?: string;
  };
  checkQuery(contract, query);
  if (!contract.path.startsWith('/v1/auth/')) await renewIfDue();
  const header: Record<string, string> = { Accept: 'application/json', ...authHeaders(contract.path) };
  if (body !== undefined) header['Content-Type'] = 'application/json';
  if (MUTATING_METHODS.has(contract.method)) header['Idempotency-Key'] = idempotencyKey ?? newIdempotencyKey();
  const url = LINLI_API_BASE + fillPath(contract.path, params ?? {}) + queryString(query);

  let response: Taro.request.SuccessCallbackResult<Record<string, unknown>>;
  try {
    response = await (takeEarlyRead(contract.method, url, header) ??
      Taro.request<Record<string, unknown>>({ url, method: contract.method, header, data: body, dataType: 'json' }));
  } catch (error) {
    throw new ApiError(
      0,
      'network.unreachable',
      (error as { errMsg?: string })?.errMsg ?? 'The network request failed',
    );
  }

  if (response.statusCode >= 200 && response.statusCode < 300) {
    // A write changed something: the screens still open load again (not for a login or a renewal).
    if (MUTATING_METHODS.has(contract.method) && !contract.path.startsWith('/v1/auth/')) dataChanged();
    return response.data as ResponseOf<C>;
  }
  const error = ApiError.fromResponse(response.statusCode, response.data);
  if (response.statusCode === 401 && !contract.path.startsWith('/v1/auth/')) sessionEnded(error.code);
  throw error;
}

type Answer = Taro.request.SuccessCallbackResult<Record<string, unknown>>;

/** How long a read started early waits to be taken by the page that asks for it. */
const EARLY_READ_TTL_MS = 30_000;
const earlyReads = new Map<string, { startedAt: number; answer: Promise<Answer> }>();
const earlyReadKey = (url: string, header: Record<string, string>) => `${url}\n${JSON.stringify(header)}`;

/** The reads the page's head script started (H5: config/first-reads.ts `startReadsBeforeTheApp`). */
function headReads(): HeadReads | undefined {
  return process.env.TARO_ENV === 'h5' && typeof window !== 'undefined'
    ? (window as unknown as { __linliHeadReads?: HeadReads }).__linliHeadReads
    : undefined;
}

/**
 * Starts a read (GET of `pathAndQuery`, `/v1/communities/demo/me`) that a page of the first screen will
 * ask for, before that page has rendered (issue 21: on a slow mobile network each request is a ~0.6 s
 * round trip, and a page mounts ~0.5 s after the app's script has run) — unless the page's head script
 * started it already. The page's own `request()` of the same URL, with the same identity (token,
 * acting-for) within {@link EARLY_READ_TTL_MS}, takes this answer instead of asking again — once: a later
 * request asks the server. Errors are the page's to see, as if it had asked itself. Nothing starts for a
 * token about to be renewed (it would be sent stale; the page's request renews it first).
 */
export function startEarlyRead(pathAndQuery: string): void {
  if (renewalDue()) return;
  const url = LINLI_API_BASE + pathAndQuery;
  const header: Record<string, string> = { Accept: 'application/json', ...authHeaders(pathAndQuery) };
  const key = earlyReadKey(url, header);
  if (earlyReads.has(key) || headReads()?.[key]) return;
  const answer = Taro.request<Record<string, unknown>>({ url, method: 'GET', header, dataType: 'json' });
  answer.catch(() => undefined);
  earlyReads.set(key, { startedAt: Date.now(), answer: Promise.resolve(answer) });
}

/** The early read of this request, once, if one was started for it (see {@link startEarlyRead}). */
function takeEarlyRead(method: string, url: string, header: Record<string, string>): Promise<Answer> | undefined {
  if (method !== 'GET') return undefined;
  const key = earlyReadKey(url, header);
  const head = headReads();
  const started = earlyReads.get(key) ?? head?.[key];
  if (!started) return undefined;
  earlyReads.delete(key);
  if (head) delete head[key];
  if (Date.now() - started.startedAt > EARLY_READ_TTL_MS) return undefined;
  return togetherWithTheFirstReads(head).then(() => started.answer as Promise<Answer>);
}

/** How long the first early read taken waits for the others (see {@link togetherWithTheFirstReads}). */
export const FIRST_READS_TOGETHER_MS = 250;
let firstReadsSettled: Promise<void> | undefined;

/**
 * Settles when every read started early (the head script's and {@link startEarlyRead}'s) has its answer,
 * or {@link FIRST_READS_TOGETHER_MS} after it was first asked for, whichever comes first; fixed at the
 * first call. Early answers are handed out together: each arrives in a task of its own, and 我的 —
 * its member, its merchants, the privacy check — would render once per answer (issue 21: each render
 * of 我的 with its data is ~0.05–0.1 s at 4× CPU); together they render once.
 */
function togetherWithTheFirstReads(head: HeadReads | undefined): Promise<void> {
  firstReadsSettled ??= new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, FIRST_READS_TOGETHER_MS);
    const answers = [...earlyReads.values(), ...Object.values(head ?? {})].map((read) =>
      read.answer.then(
        () => undefined,
        () => undefined,
      ),
    );
    void Promise.all(answers).then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
  return firstReadsSettled;
}

/** Renew this long before the token expires (tokens live 2 hours; a session 30 days from the WeChat login). */
export const RENEW_BEFORE_MS = 15 * 60_000;
let renewal: Promise<void> | null = null;

/**
 * Renews the token when it expires within {@link RENEW_BEFORE_MS} (`POST /v1/auth/refresh`), once for
 * all requests made meanwhile. A renewal that fails leaves the token as it is: the request then tells
 * (a 401 ends the session with its reason).
 */
export function renewIfDue(now: number = Date.now()): Promise<void> {
  const token = sessionToken.get();
  if (!token || !renewalDue(now)) return Promise.resolve();
  renewal ??= (async () => {
    try {
      const reply = await Taro.request<{ token?: string; expiresAt?: string }>({
        url: `${LINLI_API_BASE}/v1/auth/refresh`,
        method: 'POST',
        header: { Accept: 'application/json', Authorization: `Bearer ${token}` },
        dataType: 'json',
      });
      if (reply.statusCode === 200 && reply.data.token && reply.data.expiresAt) {
        renewSession(reply.data.token, reply.data.expiresAt);
      }
    } catch {
      // The network failed: the request itself will say so.
    } finally {
      renewal = null;
    }
  })();
  return renewal;
}

/** Whether the session's token expires within {@link RENEW_BEFORE_MS} (and has not expired yet). */
function renewalDue(now: number = Date.now()): boolean {
  const info = sessionInfo.get();
  if (!info || !sessionToken.get()) return false;
  const left = Date.parse(info.expiresAt) - now;
  return left > 0 && left < RENEW_BEFORE_MS;
}

/**
 * A 401: the session is over (expired, closed, signed out elsewhere). Once — however many requests
 * fail together — remember where the user was and why, and start over at the login page, which says
 * why and brings the same person back.
 */
function sessionEnded(code: string): void {
  if (sessionToken.get() === null) return;
  endSession(code, currentPageUrl());
  void restartAt(ROUTES.login);
}

/**
 * Refuses, before anything is sent, a query the route's contract does not declare (the server would
 * answer 400): the same schema the Lambda validates with, so a page and its route cannot drift. The
 * browsers' contracts hold `null` for a declared query (config/browser-contracts.js): there the API's
 * own 400 `request.validation_failed` is the check.
 */
export function checkQuery(contract: AnyContract, query: QueryValues | undefined): void {
  const defined = Object.fromEntries(Object.entries(query ?? {}).filter(([, value]) => value !== undefined));
  if (Object.keys(defined).length === 0 || (contract.query as unknown) === null) return;
  const result = contract.query?.safeParse(defined);
  if (!result?.success) {
    throw new ApiError(
      400,
      'request.validation_failed',
      `${contract.method} ${contract.path} does not take the query ${JSON.stringify(defined)}`,
    );
  }
}

/**
 * The bearer token, and `X-Act-For` while a proxy acts for a resident (never on login routes).
 * Shared with the file download helper, so an export is made with the same identity.
 */
export function authHeaders(path: string): Record<string, string> {
  const header: Record<string, string> = {};
  const token = sessionToken.get();
  if (token) header.Authorization = `Bearer ${token}`;
  const resident = actingFor.get();
  if (resident && !path.startsWith('/v1/auth/')) header[ACT_FOR_HEADER] = resident.residentId;
  return header;
}
