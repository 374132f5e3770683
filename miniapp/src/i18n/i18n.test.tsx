import Taro from '@tarojs/taro';
import { act, render, screen } from '@testing-library/react';
import { languagePreference } from '../state/preferences';
import { translate, useI18n } from '.';

function Greeting() {
  const { t } = useI18n();
  return <p>{t('tab.home')}</p>;
}

describe('i18n', () => {
  beforeEach(() => languagePreference.clear());

  it('speaks Chinese by default', () => {
    render(<Greeting />);

    expect(screen.getByText('首页')).toBeTruthy();
  });

  it('re-renders in English when the language changes, and remembers the choice', () => {
    render(<Greeting />);

    act(() => languagePreference.set('en'));

    expect(screen.getByText('Home')).toBeTruthy();
    expect(Taro.getStorageSync('linli.preferences.language')).toBe('en');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('zh-CN', 'me.balance', { currency: '志愿积分', balance: 3 })).toBe('志愿积分 3');
    expect(translate('en', 'communities.currency')).toBe('Points: {currency}');
  });
});
