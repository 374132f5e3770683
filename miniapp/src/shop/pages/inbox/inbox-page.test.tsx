import Taro from '@tarojs/taro';
import { act, render } from '@testing-library/react';
import { TIMEBANK_MESSAGES, notificationText, type Notification } from '@linli/shared';
import { sessionToken } from '../../../state/session';
import { languagePreference } from '../../../state/preferences';
import { aCommunity, aMeResponse } from '../../../../test/factories';
import InboxPage from '.';

const approved: Notification = {
  id: 'n1',
  kind: 'claim_decided',
  communityId: 'demo',
  ...notificationText(
    TIMEBANK_MESSAGES,
    { key: 'claim.approved', values: { activity: '敬老院探访', minutes: 90, points: 2 } },
    '时间币',
  ),
  createdAt: '2026-11-22T06:30:00.000Z',
};

/** Written before notifications carried a message: its stored text is all there is. */
const older: Notification = {
  id: 'n2',
  kind: 'points_received',
  communityId: 'demo',
  title: '收到 3 时间币',
  body: '王阿姨：谢谢',
  createdAt: '2026-11-01T06:30:00.000Z',
};

/** Answers by path: my notifications, and my one community whose currency has an English name. */
function answer() {
  jest.mocked(Taro.request).mockImplementation(((options: Taro.request.Option) => {
    const community = aCommunity({ currencyName: '时间币', currencyNameEn: 'Time coins' });
    const data = options.url.endsWith('/me/notifications')
      ? { items: [approved, older] }
      : { items: [{ community, member: aMeResponse().member, balancePoints: 2 }] };
    return Promise.resolve({ statusCode: 200, data, header: {}, errMsg: 'request:ok' });
  }) as never);
}

async function renderInbox() {
  const view = render(<InboxPage />);
  await act(async () => undefined);
  await act(async () => undefined);
  const text = (id: string, part: 'title' | 'body') =>
    view.container.querySelector(`#notification-${id} .notification__${part}`)?.textContent;
  return { text };
}

describe('消息 (issue 21: inbox texts in the reader’s language)', () => {
  beforeEach(() => {
    languagePreference.clear();
    sessionToken.set('token-1');
    answer();
  });

  afterEach(() => {
    jest.mocked(Taro.request).mockReset();
    sessionToken.clear();
  });

  it('shows a notification in English, the currency by its English name', async () => {
    languagePreference.set('en');
    const { text } = await renderInbox();

    expect(text('n1', 'title')).toBe('Service hours approved');
    expect(text('n1', 'body')).toBe('“敬老院探访”: 90 minutes, 2 Time coins earned');
  });

  it('shows it in Chinese as stored', async () => {
    const { text } = await renderInbox();

    expect(text('n1', 'title')).toBe('服务时长已通过');
    expect(text('n1', 'body')).toBe('「敬老院探访」90 分钟，获得 2 时间币');
  });

  it('shows a notification written before messages as stored, in either language', async () => {
    languagePreference.set('en');
    const { text } = await renderInbox();

    expect(text('n2', 'title')).toBe('收到 3 时间币');
    expect(text('n2', 'body')).toBe('王阿姨：谢谢');
  });
});
