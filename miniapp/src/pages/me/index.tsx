import { Button, Switch, Text, View } from '@tarojs/components';
import MeView from '../../components/me-view';
import NavRow from '../../components/nav-row';
import PageLayout from '../../components/page-layout';
import { useMyMerchants } from '../../hooks/merchant';
import { isOffice, useMe } from '../../hooks/me';
import { useLargeText } from '../../state/preferences';
import { useReloadOnShow } from '../../hooks/reload-on-show';
import { signOut } from '../../state/session';
import { useI18n } from '../../i18n';
import { ROUTES, openPage, restartAt } from '../../routes';
import { accessibleName } from '../../components/accessible-name';

export default function MePage() {
  const { t } = useI18n();
  const me = useMe();
  const merchants = useMyMerchants();
  useReloadOnShow(() => {
    me.reload();
    merchants.reload();
  });

  return (
    <PageLayout title="me.title" requires="community" loading={me.loading} error={me.error} onRetry={me.reload}>
      {me.data ? <MeView me={me.data} t={t} /> : null}
      {me.data ? (
        <VolunteerLinks
          office={isOffice(me.data)}
          maker={me.data.member.roles.includes('maker')}
          merchant={merchants.merchant?.name}
        />
      ) : null}
      <SettingsCard />
    </PageLayout>
  );
}

/**
 * My time bank pages, the maker's console (我的小店) for makers, the merchant console for merchants'
 * owners and staff, and the office console for staff.
 */
function VolunteerLinks({
  office,
  maker,
  merchant,
}: {
  office: boolean;
  maker: boolean;
  merchant: string | undefined;
}) {
  const { t } = useI18n();
  return (
    <View className="card card--links">
      <NavRow id="me-inbox" label={t('inbox.title')} onClick={() => openPage(ROUTES.inbox)} />
      <NavRow id="me-signups" label={t('me.signups')} onClick={() => openPage(ROUTES.mySignups)} />
      <NavRow id="me-profile" label={t('profile.title')} onClick={() => openPage(ROUTES.volunteerProfile)} />
      <NavRow id="me-service-record" label={t('record.title')} onClick={() => openPage(ROUTES.myServiceRecord)} />
      <NavRow id="me-hours" label={t('me.hours')} onClick={() => openPage(ROUTES.myHours)} />
      <NavRow id="me-ledger" label={t('me.ledger')} onClick={() => openPage(ROUTES.myLedger)} />
      <NavRow id="me-certificate-pass" label={t('me.certificatePass')} onClick={() => openPage(ROUTES.myCertificate)} />
      <NavRow id="me-redemptions" label={t('market.myRedemptions')} onClick={() => openPage(ROUTES.myRedemptions)} />
      <NavRow id="me-gift" label={t('gift.title')} hint={t('gift.linkHint')} onClick={() => openPage(ROUTES.gift)} />
      <NavRow
        id="me-teams"
        label={t('teams.meLink')}
        hint={t('teams.meLinkHint')}
        onClick={() => openPage(ROUTES.teams)}
      />
      <NavRow
        id="me-proxies"
        label={t('proxy.title')}
        hint={t('proxy.linkHint')}
        onClick={() => openPage(ROUTES.myProxies)}
      />
      {maker ? (
        <NavRow
          id="me-maker"
          label={t('me.maker')}
          hint={t('me.makerHint')}
          onClick={() => openPage(ROUTES.makerConsole)}
        />
      ) : null}
      {merchant ? (
        <NavRow
          id="me-merchant"
          label={t('me.merchant')}
          hint={t('me.merchantHint', { name: merchant })}
          onClick={() => openPage(ROUTES.merchantConsole)}
        />
      ) : null}
      {office ? (
        <NavRow
          id="me-office"
          label={t('me.office')}
          hint={t('me.officeHint')}
          onClick={() => openPage(ROUTES.office)}
        />
      ) : null}
    </View>
  );
}

function SettingsCard() {
  const { t, language, setLanguage } = useI18n();
  const [largeText, setLargeText] = useLargeText();
  const logout = () => {
    signOut();
    void restartAt(ROUTES.login);
  };

  return (
    <View className="card">
      <Text className="card__label">{t('me.settings')}</Text>
      <View className="row">
        <Text className="row__text">{t('me.language')}</Text>
        <Button
          id="language-toggle"
          className="button button--secondary button--small"
          onClick={() => setLanguage(language === 'zh-CN' ? 'en' : 'zh-CN')}
        >
          {t('me.languageValue')}
        </Button>
      </View>
      <View className="row">
        <View className="row__text">
          <Text>{t('me.largeText')}</Text>
          <Text className="card__hint">{t('me.largeTextHint')}</Text>
        </View>
        <Switch
          {...accessibleName(t('me.largeText'))}
          id="large-text-toggle"
          checked={largeText}
          color="#1f7a4d"
          onChange={(event) => setLargeText(event.detail.value)}
        />
      </View>
      <NavRow
        id="me-my-data"
        label={t('myData.title')}
        hint={t('myData.meLinkHint')}
        onClick={() => openPage(ROUTES.myData)}
      />
      <NavRow
        id="me-privacy"
        label={t('privacy.meLink')}
        hint={t('privacy.meLinkHint')}
        onClick={() => openPage(ROUTES.privacy)}
      />
      <Button id="switch-community" className="button button--secondary" onClick={() => openPage(ROUTES.communities)}>
        {t('me.switchCommunity')}
      </Button>
      <Button id="logout" className="button button--danger" onClick={logout}>
        {t('me.logout')}
      </Button>
    </View>
  );
}
