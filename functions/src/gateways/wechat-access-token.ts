import { AppError } from '../lib/errors';
import { env } from '../lib/env';

/**
 * The mini-program's access token for WeChat's server API, from `getStableAccessToken`
 * (`POST /cgi-bin/stable_token`, https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-access-token/getStableAccessToken.html):
 * `{grant_type: "client_credential", appid, secret, force_refresh}` → `{access_token, expires_in}`
 * (seconds, at most 7200, at least 300). The stable token is the same for every caller until it
 * nears expiry, so Lambda containers do not revoke each other's; `force_refresh` (limited by WeChat
 * to 20 a day) only after WeChat called the token invalid.
 */
const TIMEOUT_MILLISECONDS = 5000;
/** WeChat renews a stable token in its last 5 minutes: ours is renewed then too (or half-way, if it lives less than 10). */
const RENEW_BEFORE_SECONDS = 300;

/** Errcodes WeChat answers for a token that is no good (invalid or not the latest, bad, expired). */
export const ACCESS_TOKEN_ERRORS = new Set([40001, 40014, 42001]);

interface CachedToken {
  value: string;
  /** When to stop using it, ms since the epoch. */
  renewAt: number;
}

/** By API base and app id: the tests point the same process at several stand-ins. */
const cache = new Map<string, CachedToken>();
const pending = new Map<string, Promise<string>>();

async function fetchToken(key: string, forceRefresh: boolean): Promise<string> {
  let reply: { access_token?: string; expires_in?: number; errcode?: number; errmsg?: string };
  try {
    const response = await fetch(new URL('/cgi-bin/stable_token', env.wechatApiBase()), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credential',
        appid: env.wechatAppId(),
        secret: await env.wechatAppSecret(),
        force_refresh: forceRefresh,
      }),
      signal: AbortSignal.timeout(TIMEOUT_MILLISECONDS),
    });
    reply = (await response.json()) as typeof reply;
  } catch (error) {
    throw new AppError('wechat.unavailable', 'WeChat cannot be reached right now; please try again', {
      reason: (error as Error).message,
    });
  }
  if (!reply.access_token) {
    // 40013 appid, 40125 secret, 40002 grant type: the stage's WeChat configuration is wrong.
    throw new AppError('wechat.unavailable', 'WeChat refused our credentials; please tell the platform operator', {
      api: 'stable_token',
      errcode: reply.errcode,
    });
  }
  const lifetime = reply.expires_in ?? 7200;
  const margin = Math.min(RENEW_BEFORE_SECONDS, lifetime / 2);
  cache.set(key, { value: reply.access_token, renewAt: Date.now() + (lifetime - margin) * 1000 });
  return reply.access_token;
}

/**
 * The access token (a string), cached per container until shortly before it expires; concurrent
 * callers share one request. `forceRefresh`: the token was refused (an errcode of
 * {@link ACCESS_TOKEN_ERRORS}) — ask WeChat for a new one. Throws AppError `wechat.unavailable`
 * (502) when WeChat cannot be reached or refuses the app id / secret.
 */
export async function wechatAccessToken(forceRefresh = false): Promise<string> {
  const key = `${env.wechatApiBase()} ${env.wechatAppId()}`;
  const cached = cache.get(key);
  if (!forceRefresh && cached && cached.renewAt > Date.now()) return cached.value;
  const inFlight = pending.get(key);
  if (inFlight) return inFlight;
  const request = fetchToken(key, forceRefresh).finally(() => pending.delete(key));
  pending.set(key, request);
  return request;
}

/**
 * `POST <path>?access_token=…` of WeChat's server API with a JSON body: WeChat's JSON reply, asked once
 * more with a fresh token when WeChat calls the token bad. Throws when WeChat cannot be reached, times
 * out or answers something that is not JSON — the caller decides what that means.
 */
export async function postWithAccessToken<Reply extends { errcode?: number }>(
  path: string,
  body: object,
  timeoutMilliseconds: number,
): Promise<Reply> {
  let reply = {} as Reply;
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const url = new URL(path, env.wechatApiBase());
    url.searchParams.set('access_token', await wechatAccessToken(attempt > 0));
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMilliseconds),
    });
    reply = (await response.json()) as Reply;
    if (!reply.errcode || !ACCESS_TOKEN_ERRORS.has(reply.errcode)) break;
  }
  return reply;
}

/** For tests: forget every cached token. */
export function resetAccessTokenCache(): void {
  cache.clear();
  pending.clear();
}
