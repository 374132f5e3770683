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

  it('stays in Chinese until the English catalogue has arrived, then re-renders in English (H5)', async () => {
    await jest.isolateModulesAsync(async () => {
      // A fresh app start: the English chunk not fetched yet (test/english-here.ts fetched it for the rest).
      const testing = await import('@testing-library/react/pure');
      const { languagePreference: freshPreference } = await import('../state/preferences');
      const fresh = await import('.');
      function FreshGreeting() {
        const { t, language } = fresh.useI18n();
        return <p lang={language}>{t('tab.home')}</p>;
      }
      freshPreference.set('en');
      testing.render(<FreshGreeting />);

      expect(testing.screen.getByText('首页').getAttribute('lang')).toBe('zh-CN');
      expect((await testing.screen.findByText('Home')).getAttribute('lang')).toBe('en');
      testing.cleanup();
    });
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('zh-CN', 'me.balance', { currency: '志愿积分', balance: 3 })).toBe('志愿积分 3');
    expect(translate('en', 'communities.currency')).toBe('Points: {currency}');
  });
});
