import Taro from '@tarojs/taro';
import { act, fireEvent, render } from '@testing-library/react';
import { sessionToken } from '../../../state/session';
import { languagePreference } from '../../../state/preferences';
import ConsentsCard from './consents-card';

const fakeRequest = jest.mocked(Taro.request);
const answer = (statusCode: number, data: unknown) =>
  fakeRequest.mockResolvedValueOnce({ statusCode, data, header: {}, errMsg: 'request:ok' } as never);
const at = '2026-12-01T02:00:00.000Z';

describe('我的同意', () => {
  beforeEach(() => {
    languagePreference.clear();
    sessionToken.set('token-1');
  });

  it('shows each consent with its time, and withdraws the donor-name one', async () => {
    answer(200, {
      items: [
        { kind: 'donor_name_public', version: '2026-12-01', acceptedAt: at },
        { kind: 'id_number', version: '2026-12-01', acceptedAt: at, withdrawnAt: at },
        { kind: 'privacy_guide', version: '2026-12-01', acceptedAt: at },
      ],
      current: {},
    });
    const { container } = render(<ConsentsCard />);
    await act(async () => undefined);

    expect(container.querySelector('#consent-donor_name_public-status')?.textContent).toContain('已同意');
    expect(container.querySelector('#consent-id_number-status')?.textContent).toContain('已撤回');
    expect(container.querySelector('#consent-id_number-withdraw')).toBeNull();
    expect(container.querySelector('#consent-privacy_guide-withdraw')).toBeNull();

    answer(200, { items: [] });
    answer(200, { items: [], current: {} });
    fireEvent.click(container.querySelector('#consent-donor_name_public-withdraw')!);
    await act(async () => undefined);

    expect(fakeRequest.mock.calls[1]?.[0]).toMatchObject({
      method: 'POST',
      url: 'https://api.linli.test/v1/me/consents/donor_name_public/withdraw',
    });
    expect(container.textContent).toContain('你的名字已从基金公示中去掉');
  });
});
