import type { PushOutcome } from '../domain/office/ports';
import type { NotificationKind } from '@linli/shared';
import { env } from '../lib/env';
import { ACCESS_TOKEN_ERRORS, resetAccessTokenCache, wechatAccessToken } from './wechat-access-token';

import { subscribeTemplates } from '../lib/subscribe-templates';

/** Sends WeChat subscribe messages (订阅消息) with the templates `lib/subscribe-templates.ts` reads. */
const TIMEOUT_MILLISECONDS = 5000;

/** WeChat's `thing` values are at most 20 characters; longer text is cut with an ellipsis. */
const thing = (text: string) => (Array.from(text).length > 20 ? `${Array.from(text).slice(0, 19).join('')}…` : text);

/** `2026-11-22 18:05` in China time, the format WeChat's `time` fields take. */
const chinaTime = (iso: string) =>
  new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

/** Error codes WeChat documents for "the user has not (or no longer) subscribed". */
const NO_CONSENT_ERRORS = new Set([43101]);

/** Sends one subscribe message through `subscribeMessage.send`. */
export async function sendSubscribeMessage(input: {
  openid: string;
  kind: NotificationKind;
  title: string;
  body: string;
  createdAt: string;
}): Promise<PushOutcome> {
  const template = subscribeTemplates()[input.kind];
  if (!template) return 'failed';
  const data: Record<string, { value: string }> = {};
  if (template.fields.title) data[template.fields.title] = { value: thing(input.title) };
  if (template.fields.body) data[template.fields.body] = { value: thing(input.body) };
  if (template.fields.time) data[template.fields.time] = { value: chinaTime(input.createdAt) };
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const url = new URL('/cgi-bin/message/subscribe/send', env.wechatApiBase());
    url.searchParams.set('access_token', await wechatAccessToken(attempt > 0));
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        touser: input.openid,
        template_id: template.id,
        page: template.page ?? 'pages/me/index',
        data,
        miniprogram_state: env.isDevStage() ? 'developer' : 'formal',
        lang: 'zh_CN',
      }),
      signal: AbortSignal.timeout(TIMEOUT_MILLISECONDS),
    });
    const reply = (await response.json()) as { errcode?: number; errmsg?: string };
    if (!reply.errcode) return 'sent';
    if (NO_CONSENT_ERRORS.has(reply.errcode)) return 'no_consent';
    if (!ACCESS_TOKEN_ERRORS.has(reply.errcode)) return 'failed';
  }
  return 'failed';
}

/** For tests: forget the cached access token (shared with the other WeChat gateways). */
export const resetSubscribeTokenCache = resetAccessTokenCache;
