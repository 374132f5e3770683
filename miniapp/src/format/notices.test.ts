import { LEDGER_MESSAGES, SHOP_MESSAGES, TIMEBANK_MESSAGES, notificationText, type Notification } from '@linli/shared';
import { translate, type Language } from '../i18n';
import { noticeText, type CurrencyNames } from './notices';

const community: CurrencyNames = { currencyName: '时间币', currencyNameEn: 'Time coins' };

/** A notification as the backend writes it: the message and its Chinese text. */
const written = (text: Pick<Notification, 'title' | 'body' | 'message'>) => text;

const inLanguage = (
  language: Language,
  notification: Pick<Notification, 'title' | 'body' | 'message'>,
  names = community,
) => noticeText(notification, (key, values) => translate(language, key, values), language, names);

describe('noticeText (issue 21: inbox texts in the reader’s language)', () => {
  const gift = written(
    notificationText(
      LEDGER_MESSAGES,
      { key: 'gift.received', values: { points: 5, giver: '王阿姨', memo: '谢谢你帮我修水管' } },
      '时间币',
    ),
  );

  it('writes a message in English, naming the community’s currency in English and keeping people’s words', () => {
    expect(inLanguage('en', gift)).toEqual({ title: '5 Time coins received', body: '王阿姨: 谢谢你帮我修水管' });
  });

  it('writes it in Chinese exactly as the backend stored it', () => {
    expect(inLanguage('zh-CN', gift)).toEqual({ title: gift.title, body: gift.body });
    expect(inLanguage('zh-CN', gift)).toEqual({ title: '收到 5 时间币', body: '王阿姨：谢谢你帮我修水管' });
  });

  it('names the currency in Chinese in English too when the community has no English name', () => {
    expect(inLanguage('en', gift, { currencyName: '时间币' }).title).toBe('5 时间币 received');
  });

  it('writes amounts in yuan, lists joined, and instants in China time, in the reader’s language', () => {
    const refund = written(
      notificationText(SHOP_MESSAGES, {
        key: 'sale.refunded',
        values: { lines: ['手工皂 × 2', '香囊 × 1'], makerFen: 8000 },
      }),
    );
    const reminder = written(
      notificationText(TIMEBANK_MESSAGES, {
        key: 'activity.reminder_hour_at',
        values: { activity: '社区义诊', startsAt: '2026-12-02T01:30:00.000Z', location: '活动室' },
      }),
    );

    expect(inLanguage('en', refund).body).toBe(
      '手工皂 × 2, 香囊 × 1 refunded: ¥80.00 is taken back from your earnings; if it was paid out to you already, it comes off your next payout',
    );
    expect(inLanguage('en', reminder)).toEqual({
      title: 'Your activity starts in an hour',
      body: '社区义诊 starts Wed 02/12 09:30, at 活动室',
    });
    expect(inLanguage('zh-CN', reminder)).toEqual({ title: reminder.title, body: reminder.body });
  });

  it('shows the stored text of a notification written before messages, or of a key or shape it does not know', () => {
    const stored = { title: '服务时长已通过', body: '「敬老院探访」90 分钟' };
    const unknown = { ...stored, message: { key: 'claim.someday', values: {} } } as unknown as Notification;
    const incomplete = { ...stored, message: { key: 'claim.rejected', values: { activity: '敬老院探访' } } } as never;

    expect(inLanguage('en', stored)).toEqual(stored);
    expect(inLanguage('en', unknown)).toEqual(stored);
    expect(inLanguage('en', incomplete)).toEqual(stored);
  });

  it('shows the stored text of one naming the currency of a community it does not know', () => {
    expect(noticeText(gift, (key, values) => translate('en', key, values), 'en', undefined)).toEqual({
      title: gift.title,
      body: gift.body,
    });
  });
});
