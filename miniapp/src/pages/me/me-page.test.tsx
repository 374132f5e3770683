import Taro from '@tarojs/taro';
import { act, render } from '@testing-library/react';
import type { Role } from '@linli/shared';
import { currentCommunityId, sessionToken } from '../../state/session';
import { languagePreference } from '../../state/preferences';
import { aMeResponse } from '../../../test/factories';
import MePage from '.';

/** Answers by path: getMe with these roles (and member number, if any), no merchants of mine. */
function answerAs(roles: Role[], memberNo?: number) {
  jest.mocked(Taro.request).mockImplementation(((options: Taro.request.Option) => {
    const member = { id: 'm1', roles, displayName: '陈阿姨', joinedAt: '2025-01-01T00:00:00.000Z', memberNo };
    const data = options.url.endsWith('/me') ? aMeResponse({ member }) : { items: [] };
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

  it('shows the member number beside the name, to read out (issue 21)', async () => {
    answerAs(['resident'], 1024);
    const { container } = render(<MePage />);
    await act(async () => undefined);
    await act(async () => undefined);

    expect(container.querySelector('#me-member-no')?.textContent).toBe('编号1024');
    expect(container.querySelector('#me-member-id')?.textContent).toBe('会员 ID：m1');
  });

  it('shows no number for a member the backfill has not reached yet', async () => {
    answerAs(['resident']);
    const { container } = render(<MePage />);
    await act(async () => undefined);
    await act(async () => undefined);

    expect(container.querySelector('#me-display-name')?.textContent).toBe('陈阿姨');
    expect(container.querySelector('#me-member-no')).toBeNull();
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
