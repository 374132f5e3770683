import Taro from '@tarojs/taro';
import { act, render } from '@testing-library/react';
import type { Role } from '@linli/shared';
import { currentCommunityId, sessionToken } from '../../state/session';
import { languagePreference } from '../../state/preferences';
import { aMeResponse } from '../../../test/factories';
import MePage from '.';

/** Answers by path: getMe with these roles, no merchants of mine. */
function answerAs(roles: Role[]) {
  jest.mocked(Taro.request).mockImplementation(((options: Taro.request.Option) => {
    const data = options.url.endsWith('/me')
      ? aMeResponse({ member: { id: 'm1', roles, displayName: '陈阿姨', joinedAt: '2025-01-01T00:00:00.000Z' } })
      : { items: [] };
    return Promise.resolve({ statusCode: 200, data, header: {}, errMsg: 'request:ok' });
  }) as never);
}

describe('我的', () => {
  beforeEach(() => {
    languagePreference.clear();
    sessionToken.set('token-1');
    currentCommunityId.set('demo');
  });

  afterEach(() => {
    jest.mocked(Taro.request).mockReset();
    sessionToken.clear();
    currentCommunityId.clear();
  });

  it('offers a maker their shop (issue 21: the maker console had no entry)', async () => {
    answerAs(['resident', 'maker']);
    const { container } = render(<MePage />);
    await act(async () => undefined);
    await act(async () => undefined);

    expect(container.querySelector('#me-maker')?.textContent).toContain('我的小店');
  });

  it('does not offer it to a resident who is no maker', async () => {
    answerAs(['resident']);
    const { container } = render(<MePage />);
    await act(async () => undefined);
    await act(async () => undefined);

    expect(container.querySelector('#me-inbox')).not.toBeNull();
    expect(container.querySelector('#me-maker')).toBeNull();
  });
});
