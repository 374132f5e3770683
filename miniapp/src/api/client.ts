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

  let response: Taro.request.SuccessCallbackResult<Record<string, unknown>>;
  try {
    response = await Taro.request<Record<string, unknown>>({
      url: LINLI_API_BASE + fillPath(contract.path, params ?? {}) + queryString(query),
      method: contract.method,
      header,
      data: body,
      dataType: 'json',
    });
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

/** Renew this long before the token expires (tokens live 2 hours; a session 30 days from the WeChat login). */
const RENEW_BEFORE_MS = 15 * 60_000;
let renewal: Promise<void> | null = null;

/**
 * Renews the token when it expires within {@link RENEW_BEFORE_MS} (`POST /v1/auth/refresh`), once for
 * all requests made meanwhile. A renewal that fails leaves the token as it is: the request then tells
 * (a 401 ends the session with its reason).
 */
export function renewIfDue(now: number = Date.now()): Promise<void> {
  const info = sessionInfo.get();
  const token = sessionToken.get();
  if (!info || !token) return Promise.resolve();
  const left = Date.parse(info.expiresAt) - now;
  if (!(left > 0 && left < RENEW_BEFORE_MS)) return Promise.resolve();
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
 * answer 400): the same schema the Lambda validates with, so a page and its route cannot drift.
 */
export function checkQuery(contract: AnyContract, query: QueryValues | undefined): void {
  const defined = Object.fromEntries(Object.entries(query ?? {}).filter(([, value]) => value !== undefined));
  if (Object.keys(defined).length === 0) return;
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
