import Taro from '@tarojs/taro';
import { act, fireEvent, render } from '@testing-library/react';
import { PRIVACY_GUIDE_VERSION } from '@linli/shared';
import { sessionToken } from '../../state/session';
import LoginPage from '.';

const fakeRequest = jest.mocked(Taro.request);

describe('LoginPage (H5, dev stage)', () => {
  beforeEach(() => sessionToken.clear());

  it('logs in with the dev form and opens the community chooser', async () => {
    fakeRequest.mockResolvedValueOnce({
      statusCode: 200,
      data: { token: 'token-9', expiresAt: '2025-01-01T00:00:00.000Z', user: { id: 'u9', nickname: '小林' } },
      header: {},
      errMsg: 'request:ok',
    } as never);
    fakeRequest.mockResolvedValueOnce({
      statusCode: 201,
      data: { kind: 'privacy_guide', version: PRIVACY_GUIDE_VERSION, acceptedAt: '2026-12-01T00:00:00.000Z' },
      header: {},
      errMsg: 'request:ok',
    } as never);
    const { container } = render(<LoginPage />);
    expect(container.textContent).toContain('开发环境登录');

    fireEvent.change(container.querySelector('#login-openid')!, { target: { value: ' demo-resident ' } });
    fireEvent.change(container.querySelector('#login-nickname')!, { target: { value: '小林' } });
    fireEvent.click(container.querySelector('#login-agree')!);
    await act(async () => fireEvent.click(container.querySelector('#login-submit')!));

    expect(fakeRequest.mock.calls[0]?.[0]).toMatchObject({
      url: 'https://api.linli.test/v1/auth/dev-login',
      data: { openid: 'demo-resident', nickname: '小林' },
    });
    // the agreement is recorded for the new session, with the guide's current version
    expect(fakeRequest.mock.calls[1]?.[0]).toMatchObject({
      url: 'https://api.linli.test/v1/me/consents',
      method: 'POST',
      data: { kind: 'privacy_guide', version: PRIVACY_GUIDE_VERSION },
      header: expect.objectContaining({ Authorization: 'Bearer token-9' }),
    });
    expect(sessionToken.get()).toBe('token-9');
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/communities/index' });
  });

  it('does not log in before the privacy guide is agreed to, and links to it', () => {
    const { container } = render(<LoginPage />);

    fireEvent.change(container.querySelector('#login-openid')!, { target: { value: 'demo-resident' } });
    fireEvent.click(container.querySelector('#login-submit')!);

    expect(container.querySelector('#login-error')?.textContent).toBe('请先阅读并勾选同意《隐私保护指引》');
    expect(fakeRequest).not.toHaveBeenCalled();

    fireEvent.click(container.querySelector('#login-privacy-link')!);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/privacy/index' });
  });

  it('asks for an openid instead of calling the API with an empty one', () => {
    const { container } = render(<LoginPage />);

    fireEvent.click(container.querySelector('#login-submit')!);

    expect(container.textContent).toContain('请填写用户标识');
    expect(fakeRequest).not.toHaveBeenCalled();
  });
});
