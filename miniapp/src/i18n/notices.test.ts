import {
  NOTIFICATION_MESSAGES,
  templatePlaceholders,
  type NotificationMessageKey,
  type NotificationMessageSpec,
} from '@linli/shared';
import { zhCN } from './messages';
import { en } from './english';

/**
 * Inbox texts in the reader's language (issue 21): each message the backend writes has its title and
 * body in both catalogues, the Chinese being the backend's own templates (what it stores), each taking
 * exactly the message's declared values — and `{currency}` where the text names the currency.
 */
const KEYS = Object.keys(NOTIFICATION_MESSAGES) as NotificationMessageKey[];

const placeholdersOf = (title: string, body: string) =>
  [...new Set([...templatePlaceholders(title), ...templatePlaceholders(body)])].sort();

describe('notice texts', () => {
  it.each(KEYS)('%s: Chinese is the backend’s template, English exists, both take exactly its values', (key) => {
    const spec: NotificationMessageSpec = NOTIFICATION_MESSAGES[key];
    const declared = [...Object.keys(spec.values), ...(spec.currency ? ['currency'] : [])].sort();
    const title = `notice.${key}.title` as const;
    const body = `notice.${key}.body` as const;

    expect({ title: zhCN[title], body: zhCN[body] }).toEqual({ title: spec.title, body: spec.body });
    expect(en[title]).toEqual(expect.any(String));
    expect(en[body]).toEqual(expect.any(String));
    expect(en[title]).not.toMatch(/[\u4e00-\u9fff]/);
    expect(en[body]).not.toMatch(/[\u4e00-\u9fff]/);
    expect(placeholdersOf(zhCN[title], zhCN[body])).toEqual(declared);
    expect(placeholdersOf(en[title], en[body])).toEqual(declared);
  });

  it('hold no notice text for a key the backend does not write', () => {
    const notices = Object.keys(en).filter((key) => key.startsWith('notice.'));

    expect(notices.sort()).toEqual(KEYS.flatMap((key) => [`notice.${key}.body`, `notice.${key}.title`]).sort());
  });
});
