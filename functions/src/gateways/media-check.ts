import type { ContentScene } from '../domain/office/content-screening';
import { env } from '../lib/env';
import { ACCESS_TOKEN_ERRORS, wechatAccessToken } from './wechat-access-token';

/**
 * WeChat's image check, `mediaCheckAsync` v2: `POST /wxa/media_check_async?access_token=…` with
 * `{media_url, media_type: 2, version: 2, scene, openid}` → `{errcode, errmsg, trace_id}`; WeChat
 * downloads the image from `media_url` and sends its verdict within 30 minutes to the message push
 * URL, as a `wxa_media_check` event carrying the same `trace_id`
 * (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/sec-center/sec-check/mediaCheckAsync.html).
 */
const PATH = '/wxa/media_check_async';
const TIMEOUT_MILLISECONDS = 5000;
const SCENES: Record<ContentScene, number> = { profile: 1, comment: 2, forum: 3, social: 4 };
const IMAGE = 2;

/**
 * Asks WeChat to check one image: its `trace_id`, or `unavailable` when WeChat cannot be reached
 * or refuses (a refused token is refreshed once) — the caller then holds the image for the office.
 */
export async function askMediaCheck(input: {
  openid: string;
  scene: ContentScene;
  mediaUrl: string;
}): Promise<{ traceId: string } | 'unavailable'> {
  const body = {
    media_url: input.mediaUrl,
    media_type: IMAGE,
    version: 2,
    scene: SCENES[input.scene],
    openid: input.openid,
  };
  try {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const url = new URL(PATH, env.wechatApiBase());
      url.searchParams.set('access_token', await wechatAccessToken(attempt > 0));
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MILLISECONDS),
      });
      const reply = (await response.json()) as { errcode?: number; trace_id?: string };
      if (reply.errcode && ACCESS_TOKEN_ERRORS.has(reply.errcode) && attempt === 0) continue;
      if ((reply.errcode ?? 0) !== 0 || typeof reply.trace_id !== 'string' || !reply.trace_id) return 'unavailable';
      return { traceId: reply.trace_id };
    }
  } catch {
    // unreachable, timed out, not JSON: held for the office below
  }
  return 'unavailable';
}
