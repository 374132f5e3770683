import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { useEffect, type ReactNode } from 'react';
import type { ApiError } from '../../api';
import { useLargeText } from '../../state/preferences';
import { useSession } from '../../state/session';
import { describeError, useI18n, type MessageKey } from '../../i18n';
import { ROUTES, TAB_ROUTES, currentRoute, restartAt } from '../../routes';
import ActingForBanner from '../acting-for-banner';
import PrivacyPrompt from '../privacy-prompt';
import './index.scss';

/** What a page needs before it can show anything: nothing, a login, or a login and a chosen community. */
export type PageRequirement = 'none' | 'session' | 'community';

export interface PageLayoutProps {
  title: MessageKey;
  requires?: PageRequirement;
  loading?: boolean;
  error?: ApiError;
  onRetry?: () => void;
  /** The privacy guide's own page leaves out the agreement prompt (the prompt links to it). */
  withoutPrivacyPrompt?: boolean;
  /** At a desk (H5 on a PC): a sidebar left of the page, which then uses the window's width. */
  aside?: ReactNode;
  children?: ReactNode;
}

/**
 * The chrome every page shares: title, large-text class, login/community guard, loading and error
 * states, and the privacy agreement prompt when it is asked for (`state/privacy.ts`).
 */
export default function PageLayout({
  title,
  requires = 'none',
  loading,
  error,
  onRetry,
  withoutPrivacyPrompt,
  aside,
  children,
}: PageLayoutProps) {
  const { t } = useI18n();
  const [largeText] = useLargeText();
  const missing = useMissingRequirement(requires);
  const heading = t(title);

  useEffect(() => {
    Taro.setNavigationBarTitle({ title: heading }).catch(() => undefined);
  }, [heading]);
  useEffect(() => {
    // The browser's tab bar sits outside the page: large text reaches it through the body's class.
    if (WITHOUT_NATIVE_BACK && typeof document !== 'undefined') {
      document.body.classList.toggle('linli-large-text', largeText);
    }
  }, [largeText]);

  const body = (
    <>
      <View className="page__header">
        <Text className="page__title">{heading}</Text>
      </View>
      <View className="page__content">
        {missing || loading ? (
          <View className="page__status" id="page-loading">
            <Text>{t('common.loading')}</Text>
          </View>
        ) : error ? (
          <View className="page__status page__status--error" id="page-error">
            <Text className="page__error-title">{t('common.error')}</Text>
            <Text className="page__error-message">{describeError(t, error)}</Text>
            {onRetry ? (
              <Button className="button button--secondary" onClick={onRetry}>
                {t('common.retry')}
              </Button>
            ) : null}
          </View>
        ) : (
          children
        )}
      </View>
    </>
  );

  return (
    <View className={`page${largeText ? ' page--large' : ''}${aside ? ' page--desk' : ''}`}>
      <ActingForBanner />
      {WITHOUT_NATIVE_BACK ? <WayBack /> : null}
      {aside ? (
        <View className="page__desk">
          {aside}
          <View className="page__main">{body}</View>
        </View>
      ) : (
        body
      )}
      {withoutPrivacyPrompt ? null : <PrivacyPrompt />}
    </View>
  );
}

/** In a browser the navigation bar is hidden and the tab bar shows only on tab pages: each other page brings its own way back. */
const WITHOUT_NATIVE_BACK = process.env.TARO_ENV === 'h5';

/**
 * 返回 and 首页 on every page but the tabs (issue 21: an elderly resident must never need the
 * browser's back button): back to the page before, or — opened directly, with nothing before it —
 * to the home tab.
 */
function WayBack() {
  const { t } = useI18n();
  const route = currentRoute();
  if (route && TAB_ROUTES.includes(route)) return null;
  const back = () => {
    if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
    else void restartAt(ROUTES.home);
  };
  return (
    <View className="page__nav" id="page-nav">
      <Button id="page-back" className="page__nav-button" onClick={back}>
        {t('common.back')}
      </Button>
      <Button id="page-home" className="page__nav-button" onClick={() => void restartAt(ROUTES.home)}>
        {t('common.home')}
      </Button>
    </View>
  );
}

/** Sends the user to login or to the community chooser when the page needs it; true while that happens. */
function useMissingRequirement(requires: PageRequirement): boolean {
  const { loggedIn, communityId } = useSession();
  const needsLogin = requires !== 'none' && !loggedIn;
  const needsCommunity = requires === 'community' && loggedIn && communityId === null;
  useEffect(() => {
    if (needsLogin) void restartAt(ROUTES.login);
    else if (needsCommunity) void restartAt(ROUTES.communities);
  }, [needsLogin, needsCommunity]);
  return needsLogin || needsCommunity;
}
