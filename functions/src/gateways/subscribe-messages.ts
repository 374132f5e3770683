import type { PushOutcome } from '../domain/office/ports';
import type { NotificationKind } from '@linli/shared';
import { env } from '../lib/env';

import { subscribeTemplates } from '../lib/subscribe-templates';

/** Sends WeChat subscribe messages (订阅消息) with the templates `lib/subscribe-templates.ts` reads. */
const TIMEOUT_MILLISECONDS = 5000;
let cachedToken: { value: string; expiresAt: number } | undefined;

/** `getStableAccessToken`: the same token for every caller until it nears expiry, so containers do not fight. */
async function accessToken(forceRefresh = false): Promise<string> {
  if (!forceRefresh && cachedToken && cachedToken.expiresAt > Date.now() + 60_000) return cachedToken.value;
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
  const reply = (await response.json()) as { access_token?: string; expires_in?: number; errcode?: number };
  if (!reply.access_token) throw new Error(`stable_token failed: errcode ${reply.errcode ?? response.status}`);
  cachedToken = { value: reply.access_token, expiresAt: Date.now() + (reply.expires_in ?? 7200) * 1000 };
  return cachedToken.value;
}

/** WeChat's `thing` values are at most 20 characters; longer text is cut with an ellipsis. */
const thing = (text: string) => (Array.from(text).length > 20 ? `${Array.from(text).slice(0, 19).join('')}…` : text);

/** `2026-11-22 18:05` in China time, the format WeChat's `time` fields take. */
const chinaTime = (iso: string) =>
  new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

/** Error codes WeChat documents for "the user has not (or no longer) subscribed". */
const NO_CONSENT_ERRORS = new Set([43101]);
const TOKEN_ERRORS = new Set([40001, 42001, 40014]);

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
    url.searchParams.set('access_token', await accessToken(attempt > 0));
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
    if (!TOKEN_ERRORS.has(reply.errcode)) return 'failed';
  }
  return 'failed';
}

/** For tests: forget the cached access token. */
export const resetSubscribeTokenCache = () => {
  cachedToken = undefined;
};
