import type { ContentScene, ContentVerdict } from '../domain/office/content-screening';
import { postWithAccessToken } from './wechat-access-token';

/**
 * WeChat's text check, `msgSecCheck` v2: `POST /wxa/msg_sec_check?access_token=…` with
 * `{content, version: 2, scene, openid}` → `{errcode, errmsg, result: {suggest: pass|review|risky,
 * label}}` (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/sec-center/sec-check/msgSecCheck.html).
 * The author's openid must be a user who opened the mini-program in the last two hours.
 */
const PATH = '/wxa/msg_sec_check';
const TIMEOUT_MILLISECONDS = 5000;
const SCENES: Record<ContentScene, number> = { profile: 1, comment: 2, forum: 3, social: 4 };

interface CheckReply {
  errcode?: number;
  errmsg?: string;
  result?: { suggest?: string; label?: number };
}

/**
 * One text's verdict from WeChat for an author's openid: `pass`, `review` or `risky`; `unavailable`
 * when WeChat cannot be reached or answers with an error (a refused token is refreshed once) — the
 * caller then holds the text for review, never publishes it unchecked.
 */
export async function checkTextWithWechat(input: {
  openid: string;
  scene: ContentScene;
  text: string;
}): Promise<ContentVerdict | 'unavailable'> {
  const body = { content: input.text, version: 2, scene: SCENES[input.scene], openid: input.openid };
  try {
    const reply = await postWithAccessToken<CheckReply>(PATH, body, TIMEOUT_MILLISECONDS);
    const suggest = reply.result?.suggest;
    if ((reply.errcode ?? 0) !== 0 || !suggest) return 'unavailable';
    return suggest === 'risky' || suggest === 'review' ? suggest : 'pass';
  } catch {
    // unreachable, timed out, not JSON: held for review
  }
  return 'unavailable';
}
