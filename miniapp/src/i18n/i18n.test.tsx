import Taro from '@tarojs/taro';
import { act, render, screen } from '@testing-library/react';
import { languagePreference } from '../state/preferences';
import { translate, useI18n, type MessageKey } from '.';
import { FIRST_SCREEN_CHINESE } from './first-screen-texts';
import { zhCN } from './messages';

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

  it('on H5, shows a text beyond the first screen’s empty until the rest of the Chinese arrives, then renders it', async () => {
    await jest.isolateModulesAsync(async () => {
      // A fresh app start: the entry holds the first screen's Chinese only (first-screen-texts.ts).
      const later = (Object.keys(zhCN) as MessageKey[]).find((key) => !(key in FIRST_SCREEN_CHINESE))!;
      const testing = await import('@testing-library/react/pure');
      const fresh = await import('.');
      const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
      function LaterPage() {
        const { t } = fresh.useI18n();
        return (
          <p data-testid="later">
            {t('tab.home')}|{t(later)}
          </p>
        );
      }
      testing.render(<LaterPage />);

      expect(testing.screen.getByTestId('later').textContent).toBe('首页|');
      expect(await testing.screen.findByText(`首页|${zhCN[later]}`)).toBeTruthy();
      expect(warn).toHaveBeenCalledWith(expect.stringContaining(later));
      warn.mockRestore();
      testing.cleanup();
    });
  });

  it('on H5, fetches the rest of the Chinese when the router opens a page beyond the first screen, not before', async () => {
    await jest.isolateModulesAsync(async () => {
      const later = (Object.keys(zhCN) as MessageKey[]).find((key) => !(key in FIRST_SCREEN_CHINESE))!;
      const fresh = await import('.');
      const { default: FreshTaro } = await import('@tarojs/taro');
      const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

      FreshTaro.eventCenter.trigger('__taroRouterChange', { toLocation: { path: '/pages/me/index' } });
      await settle();
      expect(fresh.isMessageKey(later)).toBe(false);

      FreshTaro.eventCenter.trigger('__taroRouterChange', { toLocation: { path: '/pages/activities/index' } });
      await settle();
      expect(fresh.isMessageKey(later)).toBe(true);
    });
  });

  it('on H5, fetches the rest of the Chinese again after a failed fetch, until it is here', async () => {
    try {
      await jest.isolateModulesAsync(async () => {
        const later = (Object.keys(zhCN) as MessageKey[]).find((key) => !(key in FIRST_SCREEN_CHINESE))!;
        let offline = true;
        jest.doMock('./messages', () => {
          if (offline) throw new Error('the network dropped the chunk');
          return jest.requireActual('./messages');
        });
        const fresh = await import('.');
        const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
        const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

        expect(fresh.translate('zh-CN', later)).toBe('');
        await settle(100);
        expect(fresh.isMessageKey(later)).toBe(false);

        offline = false;
        await settle(1_300);
        expect(fresh.isMessageKey(later)).toBe(true);
        expect(fresh.translate('zh-CN', later)).toBe(zhCN[later]);
        warn.mockRestore();
      });
    } finally {
      jest.dontMock('./messages');
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('zh-CN', 'me.balance', { currency: '志愿积分', balance: 3 })).toBe('志愿积分 3');
    expect(translate('en', 'communities.currency')).toBe('Points: {currency}');
  });
});
