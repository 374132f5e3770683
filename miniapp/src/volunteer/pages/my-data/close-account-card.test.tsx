import Taro from '@tarojs/taro';
import { act, fireEvent, render } from '@testing-library/react';
import { sessionToken } from '../../../state/session';
import { languagePreference } from '../../../state/preferences';
import CloseAccountCard from './close-account-card';

const fakeRequest = jest.mocked(Taro.request);
const answer = (statusCode: number, data: unknown) =>
  fakeRequest.mockResolvedValueOnce({ statusCode, data, header: {}, errMsg: 'request:ok' } as never);

describe('注销账户', () => {
  beforeEach(() => {
    languagePreference.clear();
    sessionToken.set('token-1');
  });

  it('asks a second time, with a way back, before anything is sent', () => {
    const { container } = render(<CloseAccountCard />);
    fireEvent.click(container.querySelector('#close-account-start')!);
    expect(container.querySelector('#close-account-warning')?.textContent).toContain('注销后无法恢复');
    fireEvent.click(container.querySelector('#close-account-cancel')!);
    expect(container.querySelector('#close-account-confirm')).toBeNull();
    expect(fakeRequest).not.toHaveBeenCalled();
  });

  it('says in words what is still open when the server refuses', async () => {
    const { container } = render(<CloseAccountCard />);
    fireEvent.click(container.querySelector('#close-account-start')!);
    answer(409, {
      error: {
        code: 'account.open_obligations',
        message: 'open',
        details: { obligations: [{ kind: 'pledge_active', communityId: 'demo', id: 'pledge-1' }] },
      },
    });
    fireEvent.click(container.querySelector('#close-account-confirm')!);
    await act(async () => undefined);

    expect(fakeRequest.mock.calls[0]?.[0]).toMatchObject({ method: 'POST', data: { confirm: true } });
    expect(container.querySelector('#close-account-obligation-pledge-1')?.textContent).toContain('月月捐');
    expect(sessionToken.get()).toBe('token-1');
  });

  it('signs out and goes to the login page once closed', async () => {
    const { container } = render(<CloseAccountCard />);
    fireEvent.click(container.querySelector('#close-account-start')!);
    answer(200, { closedAt: '2026-12-01T00:00:00.000Z', pointsToPool: [] });
    fireEvent.click(container.querySelector('#close-account-confirm')!);
    await act(async () => undefined);

    expect(sessionToken.get()).toBeNull();
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index' });
  });
});
