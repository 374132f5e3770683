import Taro from '@tarojs/taro';
import { act, render } from '@testing-library/react';
import { largeTextPreference } from '../../state/preferences';
import { currentCommunityId, sessionToken } from '../../state/session';
import PageLayout from '.';

describe('PageLayout', () => {
  beforeEach(() => {
    sessionToken.clear();
    currentCommunityId.clear();
    largeTextPreference.clear();
  });

  it('sends a logged-out visitor to login instead of showing the page', () => {
    const { container } = render(
      <PageLayout title="me.title" requires="community">
        <p id="secret">balance</p>
      </PageLayout>,
    );

    expect(container.querySelector('#secret')).toBeNull();
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index' });
  });

  it('sends a logged-in user without a community to the chooser', () => {
    sessionToken.set('token-1');

    render(<PageLayout title="me.title" requires="community" />);

    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/communities/index' });
  });

  it('enlarges the whole page in large-text mode', () => {
    const { container } = render(<PageLayout title="home.title">hello</PageLayout>);
    expect(container.querySelector('.page')?.className).toBe('page');

    act(() => largeTextPreference.set(true));

    expect(container.querySelector('.page')?.className).toBe('page page--large');
    expect(Taro.setNavigationBarTitle).toHaveBeenCalledWith({ title: '首页' });
  });
});
