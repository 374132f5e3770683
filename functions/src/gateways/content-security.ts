import type { ContentScene, ContentVerdict } from '../domain/office/content-screening';
import { env } from '../lib/env';
import { ACCESS_TOKEN_ERRORS, wechatAccessToken } from './wechat-access-token';

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

async function post(body: Record<string, unknown>, token: string): Promise<CheckReply> {
  const url = new URL(PATH, env.wechatApiBase());
  url.searchParams.set('access_token', token);
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(TIMEOUT_MILLISECONDS),
  });
  return (await response.json()) as CheckReply;
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
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const reply = await post(body, await wechatAccessToken(attempt > 0));
      if (reply.errcode && ACCESS_TOKEN_ERRORS.has(reply.errcode) && attempt === 0) continue;
      const suggest = reply.result?.suggest;
      if ((reply.errcode ?? 0) !== 0 || !suggest) return 'unavailable';
      return suggest === 'risky' || suggest === 'review' ? suggest : 'pass';
    }
  } catch {
    // unreachable, timed out, not JSON: held for review
  }
  return 'unavailable';
}
