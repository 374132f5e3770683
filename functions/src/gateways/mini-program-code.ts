import type { MiniProgramCodes } from '../domain/identity/ports';
import { AppError } from '../lib/errors';
import { env } from '../lib/env';
import { ACCESS_TOKEN_ERRORS, wechatAccessToken } from './wechat-access-token';

/**
 * WeChat's `getUnlimitedQRCode` (wxacode.getUnlimited):
 * `POST /wxa/getwxacodeunlimit?access_token=…` with `{scene, page, check_path, env_version, width}`
 * (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/qrcode-link/qr-code/getUnlimitedQRCode.html).
 * Success is the image itself; a failure is JSON `{errcode, errmsg}` (HTTP 200 either way).
 */
const PATH = '/wxa/getwxacodeunlimit';
const TIMEOUT_MILLISECONDS = 8000;
/** WeChat's default width; it draws between 280 and 1280 px. */
const WIDTH_PIXELS = 430;

/** -1 system busy, 45009 the per-minute quota (5000 a minute): worth trying again shortly. */
const BUSY_ERRORS = new Set([-1, 45009]);

interface CodeReply {
  bytes?: Uint8Array;
  contentType?: string;
  errcode?: number;
  errmsg?: string;
}

async function requestCode(input: { scene: string; page: string }, token: string): Promise<CodeReply> {
  const url = new URL(PATH, env.wechatApiBase());
  url.searchParams.set('access_token', token);
  const dev = env.isDevStage();
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        scene: input.scene,
        page: input.page,
        // The dev stage's pages may not be published yet: WeChat checks the page only for release.
        check_path: !dev,
        env_version: env.wechatMiniProgramVersion(),
        width: WIDTH_PIXELS,
      }),
      signal: AbortSignal.timeout(TIMEOUT_MILLISECONDS),
    });
    const contentType = response.headers.get('content-type') ?? '';
    if (response.ok && contentType.startsWith('image/')) {
      return { bytes: new Uint8Array(await response.arrayBuffer()), contentType };
    }
    const text = await response.text();
    const reply = JSON.parse(text) as { errcode?: number; errmsg?: string };
    return { errcode: reply.errcode ?? response.status, errmsg: reply.errmsg };
  } catch (error) {
    throw new AppError('wechat.unavailable', 'WeChat cannot be reached right now; please try again', {
      api: 'getwxacodeunlimit',
      reason: (error as Error).message,
    });
  }
}

/**
 * The AppError for a refusal of getUnlimitedQRCode (never a 500), WeChat's errcode in `details`:
 * busy or over quota (-1, 45009) → `wechat.busy` (503); a token still refused after a refresh →
 * `wechat.unavailable` (502); anything else (41030 page not published, 40129/40169 scene, 40097
 * args) → `wechat.code_refused` (502).
 */
function refusal(reply: CodeReply): AppError {
  const details = { api: 'getwxacodeunlimit', errcode: reply.errcode, errmsg: reply.errmsg };
  if (reply.errcode !== undefined && BUSY_ERRORS.has(reply.errcode)) {
    return new AppError('wechat.busy', 'WeChat is busy right now; please try again in a minute', details);
  }
  if (reply.errcode !== undefined && ACCESS_TOKEN_ERRORS.has(reply.errcode)) {
    return new AppError(
      'wechat.unavailable',
      'WeChat refused our credentials; please tell the platform operator',
      details,
    );
  }
  return new AppError('wechat.code_refused', 'WeChat could not make the mini-program code', details);
}

/**
 * Mini-program codes (小程序码) from WeChat: `unlimited({scene, page})` → PNG/JPEG bytes of a code
 * that opens `page` (no leading `/`, no query) with `scene` (≤ 32 of `0-9a-zA-Z!#$&'()*+,/:;=?@-._~`)
 * in its launch options, in the mini-program version `env.wechatMiniProgramVersion()` names. A token
 * WeChat calls invalid is refreshed once and the request repeated.
 */
export const miniProgramCodes: MiniProgramCodes = {
  async unlimited(input) {
    for (let attempt = 0; ; attempt += 1) {
      const reply = await requestCode(input, await wechatAccessToken(attempt > 0));
      if (reply.bytes) return { bytes: reply.bytes, contentType: reply.contentType ?? 'image/png' };
      if (attempt === 0 && reply.errcode !== undefined && ACCESS_TOKEN_ERRORS.has(reply.errcode)) continue;
      throw refusal(reply);
    }
  },
};
