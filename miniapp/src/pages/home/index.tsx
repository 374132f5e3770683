import { Button, Text, View } from '@tarojs/components';
import { contracts } from '@linli/shared';
import { request, useApi } from '../../api';
import NavRow from '../../components/nav-row';
import NextActivities from '../../components/next-activities';
import PageLayout from '../../components/page-layout';
import { useSession } from '../../state/session';
import { useI18n } from '../../i18n';
import { ROUTES, openPage } from '../../routes';
import { currencyOf } from '../../format/points';

export default function HomePage() {
  const { t, language } = useI18n();
  const { communityId, loggedIn } = useSession();
  const community = useApi(loggedIn && communityId ? `community:${communityId}` : null, () =>
    request(contracts.getCommunity, { params: { cid: communityId ?? '' } }),
  );

  return (
    <PageLayout
      title="home.title"
      requires="community"
      loading={community.loading}
      error={community.error}
      onRetry={community.reload}
    >
      <View className="card">
        <Text className="card__value" id="home-welcome">
          {t('home.welcome')}
        </Text>
        <Text>{t('home.intro')}</Text>
      </View>
      {community.data ? (
        <View className="card">
          <Text className="card__label">{t('home.community')}</Text>
          <Text className="card__value" id="home-community-name">
            {community.data.name}
          </Text>
          <Text className="card__label">{t('home.currency')}</Text>
          <Text className="card__value" id="home-currency">
            {currencyOf(community.data, language)}
          </Text>
        </View>
      ) : null}
      {loggedIn && communityId ? <NextActivities communityId={communityId} /> : null}
      <NavRow
        id="home-honor"
        label={t('honor.title')}
        hint={t('honor.linkHint')}
        onClick={() => openPage(ROUTES.honor)}
      />
      <NavRow
        id="home-fund"
        label={t('fund.title')}
        hint={t('fund.linkHint')}
        onClick={() => openPage(ROUTES.fund, { cid: communityId ?? '' })}
      />
      <Button id="home-me" className="button" onClick={() => openPage(ROUTES.me)}>
        {t('home.goMe')}
      </Button>
      <Button
        id="home-switch-community"
        className="button button--secondary"
        onClick={() => openPage(ROUTES.communities)}
      >
        {t('home.switchCommunity')}
      </Button>
    </PageLayout>
  );
}
