import { AppError } from '../lib/errors';
import { env } from '../lib/env';
import type { WechatSessionClient } from '../domain/identity/ports';

interface Code2SessionReply {
  openid?: string;
  session_key?: string;
  unionid?: string;
  errcode?: number;
  errmsg?: string;
}

/** Codes WeChat documents for jscode2session that mean "this code is no good". */
const INVALID_CODE_ERRORS = new Set([40029, 40163, 40226]);
const TIMEOUT_MILLISECONDS = 5000;

/**
 * WeChat's `auth.code2Session` over real HTTPS (or, in tests, a local stand-in at WECHAT_API_BASE).
 * The app secret and the session key never leave the server.
 */
export const wechatSessionClient: WechatSessionClient = {
  async code2Session(code) {
    const url = new URL('/sns/jscode2session', env.wechatApiBase());
    url.searchParams.set('appid', env.wechatAppId());
    url.searchParams.set('secret', await env.wechatAppSecret());
    url.searchParams.set('js_code', code);
    url.searchParams.set('grant_type', 'authorization_code');
    let reply: Code2SessionReply;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MILLISECONDS) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      reply = (await response.json()) as Code2SessionReply;
    } catch (error) {
      throw new AppError('wechat.unavailable', 'WeChat login is unavailable right now; please try again', {
        reason: (error as Error).message,
      });
    }
    if (reply.errcode && INVALID_CODE_ERRORS.has(reply.errcode)) {
      throw new AppError('auth.wechat_code_invalid', 'This login code is invalid or already used; please try again');
    }
    if (reply.errcode === 45011) throw new AppError('rate.limited', 'Too many logins; please wait a minute');
    if (reply.errcode || !reply.openid || !reply.session_key) {
      throw new AppError('wechat.unavailable', 'WeChat login failed; please try again', { errcode: reply.errcode });
    }
    return { openid: reply.openid, sessionKey: reply.session_key, unionid: reply.unionid };
  },
};
