import type { NotificationKind } from '@linli/shared';

/**
 * WeChat subscribe messages (订阅消息). A template is chosen per notification kind in the
 * mini-program's admin console; its id and the names of its fields are configured in
 * `WECHAT_SUBSCRIBE_TEMPLATES`, e.g.
 * `{"claim_decided":{"id":"AbC…","fields":{"title":"thing1","body":"thing2","time":"time3"}}}`.
 * Where it is not set (locally) notifications stay in the in-app inbox only.
 */
export interface SubscribeTemplate {
  id: string;
  fields: { title?: string; body?: string; time?: string };
  /** The mini-program page the message opens. */
  page?: string;
}

export function subscribeTemplates(): Partial<Record<NotificationKind, SubscribeTemplate>> {
  const raw = process.env.WECHAT_SUBSCRIBE_TEMPLATES;
  if (!raw) return {};
  try {
    return JSON.parse(raw) as Partial<Record<NotificationKind, SubscribeTemplate>>;
  } catch {
    throw new Error('WECHAT_SUBSCRIBE_TEMPLATES must be JSON: {"<kind>":{"id":"…","fields":{…}}}');
  }
}

/** Kind → template id, as the mini-program needs them for `wx.requestSubscribeMessage`. */
export function subscribeTemplateIds(): Partial<Record<NotificationKind, string>> {
  return Object.fromEntries(Object.entries(subscribeTemplates()).map(([kind, template]) => [kind, template.id]));
}

export const pushEnabledFor = (kind: NotificationKind): boolean => subscribeTemplates()[kind] !== undefined;
