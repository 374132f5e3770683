import type { ContentScene } from '../domain/office/content-screening';
import { postWithAccessToken } from './wechat-access-token';

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
    const reply = await postWithAccessToken<{ errcode?: number; trace_id?: string }>(PATH, body, TIMEOUT_MILLISECONDS);
    if ((reply.errcode ?? 0) === 0 && typeof reply.trace_id === 'string' && reply.trace_id) {
      return { traceId: reply.trace_id };
    }
  } catch {
    // unreachable, timed out, not JSON: held for the office below
  }
  return 'unavailable';
}
