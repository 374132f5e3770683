import { NOTIFICATION_MESSAGES, type NotificationMessageKey } from '@linli/shared';

/**
 * The inbox's texts (issue 21: in the reader's language): `notice.<message key>.title` and `.body` for
 * each key of `NOTIFICATION_MESSAGES`. The Chinese ones are the backend's own templates (what it
 * stores as a notification's title and body), so the two cannot drift; the English ones take the
 * same placeholders (notices.test.ts). `{currency}` is the community's currency as the reader's
 * language names it (`currencyOf`); amounts are yuan (`formatFen`), people's words stay as written.
 */
type NoticeKey = `notice.${NotificationMessageKey}.${'title' | 'body'}`;

function chineseTemplates(): Record<NoticeKey, string> {
  const entries = Object.entries(NOTIFICATION_MESSAGES).flatMap(([key, spec]) => [
    [`notice.${key}.title`, spec.title],
    [`notice.${key}.body`, spec.body],
  ]);
  return Object.fromEntries(entries) as Record<NoticeKey, string>;
}

export const zhCN = chineseTemplates();
