import { Text, View } from '@tarojs/components';
import MerchantCard from '../../../components/merchant-card';
import MerchantLayout from '../../components/merchant-layout';
import StorefrontForm from '../../components/storefront-form';
import NavRow from '../../../components/nav-row';
import { useI18n } from '../../../i18n';
import { ROUTES, openPage } from '../../../routes';

/** The merchant console: verify a volunteer's pass first (the everyday task), then the rest (storefront photo…). */
export default function MerchantConsolePage() {
  const { t } = useI18n();
  return (
    <MerchantLayout title="merchantConsole.title">
      {({ communityId, merchant, reload }) => (
        <>
          <MerchantCard merchant={merchant} />
          <View className="card">
            <Text className="card__label">{t('merchantConsole.record')}</Text>
            <Text className="card__hint" id="merchant-record">
              {t('merchantConsole.recordText', {
                uses: merchant.usesCount,
                complaints: merchant.complaintsCount,
                upheld: merchant.upheldComplaintsCount,
              })}
            </Text>
          </View>
          <NavRow
            id="merchant-verify"
            label={t('merchantConsole.verify')}
            hint={t('merchantConsole.verifyHint')}
            onClick={() => openPage(ROUTES.merchantVerify)}
          />
          <StorefrontForm key={merchant.id} communityId={communityId} merchant={merchant} onSaved={reload} />
          <View className="card card--links">
            <NavRow
              id="merchant-uses"
              label={t('merchantConsole.uses')}
              onClick={() => openPage(ROUTES.merchantUses)}
            />
            <NavRow
              id="merchant-offer"
              label={t('merchantConsole.offer')}
              onClick={() => openPage(ROUTES.merchantOffer)}
            />
            <NavRow
              id="merchant-new-post"
              label={t('merchantConsole.newPost')}
              hint={t('merchantConsole.newPostHint')}
              onClick={() => openPage(ROUTES.merchantNewPost)}
            />
            <NavRow
              id="merchant-staff"
              label={t('merchantConsole.staff')}
              onClick={() => openPage(ROUTES.merchantStaff)}
            />
          </View>
        </>
      )}
    </MerchantLayout>
  );
}
