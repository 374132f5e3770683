import {
  NOTIFICATION_MESSAGES,
  formattedNotificationValues,
  isNotificationMessageKey,
  type Notification,
  type NotificationMessageSpec,
} from '@linli/shared';
import type { Language, Translate } from '../i18n';
import { currencyOf } from './points';

/** What names a community's currency: `currencyName`, and `currencyNameEn` when it has one. */
export type CurrencyNames = { currencyName: string; currencyNameEn?: string };

/**
 * A notification's title and body in the reader's language (issue 21): from its `message` through the
 * catalogue's `notice.<key>.title` / `.body`, each value written by its kind (`formattedNotificationValues`:
 * yuan, China time, lists joined) and `{currency}` named by the notification's community in that
 * language (`currencyOf`). The stored title and body (Chinese) when there is nothing better: a
 * notification written before messages, a key or shape this version does not know, or a text that
 * names the currency of a community not among `community` (one the reader left).
 */
export function noticeText(
  notification: Pick<Notification, 'title' | 'body' | 'message'>,
  t: Translate,
  language: Language,
  community: CurrencyNames | undefined,
): { title: string; body: string } {
  const stored = { title: notification.title, body: notification.body };
  const message = notification.message;
  if (!message || !isNotificationMessageKey(message.key)) return stored;
  const values = formattedNotificationValues(message, language);
  if (!values) return stored;
  const spec: NotificationMessageSpec = NOTIFICATION_MESSAGES[message.key];
  if (spec.currency) {
    if (!community) return stored;
    values.currency = currencyOf(community, language);
  }
  return { title: t(`notice.${message.key}.title`, values), body: t(`notice.${message.key}.body`, values) };
}
