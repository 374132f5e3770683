import { Text, View } from '@tarojs/components';
import { contracts } from '@linli/shared';
import { request } from '../../../api';
import EmptyState from '../../../components/empty-state';
import LiveQr from '../../../components/live-qr';
import PageLayout from '../../../components/page-layout';
import { formatDateTime } from '../../../format/time';
import { useLiveCode } from '../../../hooks/live-code';
import { useMe } from '../../../hooks/me';
import { describeError, useI18n } from '../../../i18n';
import { currencyOf } from '../../../format/points';

/**
 * On H5 (a browser, the office PC) the pass token is also in the page, small and pale, so it can be
 * copied into a merchant's verify box where no camera scans; on WeChat the QR is the only way.
 */
const SHOW_TOKEN = process.env.TARO_ENV === 'h5';

/** My volunteer certificate: a live pass (QR + my name and number) for alliance merchants; it renews itself. */
export default function MyCertificatePage() {
  const { t, language } = useI18n();
  const me = useMe();
  const certificate = me.data?.certificate ?? null;
  const active = certificate?.status === 'active';

  return (
    <PageLayout
      title="certificate.title"
      requires="community"
      loading={me.loading}
      error={me.error}
      onRetry={me.reload}
    >
      {me.data && certificate ? (
        <View className="card" id="certificate-status">
          <Text className={active ? 'status-good' : 'status-bad'}>
            {active
              ? t('me.certificateActive')
              : certificate.status === 'review'
                ? t('me.certificateReview')
                : t('me.certificateRevoked')}
          </Text>
          <Text className="card__hint">
            {t('certificate.issuedAt', { date: formatDateTime(certificate.issuedAt, language) })}
          </Text>
        </View>
      ) : null}
      {me.data && active ? <CertificatePass communityId={me.communityId} /> : null}
      {me.data && !certificate ? (
        <EmptyState
          id="certificate-none"
          title={t('me.certificateNone')}
          hint={t('certificate.howToEarn', {
            threshold: me.data.community.rules.certificateThresholdPoints,
            currency: currencyOf(me.data.community, language),
          })}
        />
      ) : null}
      {me.data && certificate?.status === 'revoked' ? (
        <Text className="notice">{t('certificate.revokedHint')}</Text>
      ) : null}
    </PageLayout>
  );
}

function CertificatePass({ communityId }: { communityId: string }) {
  const { t } = useI18n();
  const pass = useLiveCode(`certificate-pass:${communityId}`, () =>
    request(contracts.getCertificatePass, { params: { cid: communityId } }),
  );
  if (!pass.code || (pass.error && pass.secondsLeft === 0)) {
    return (
      <View className="card" id="certificate-pass-loading">
        <Text className={pass.error ? 'form-error' : ''}>
          {pass.error ? describeError(t, pass.error) : t('common.loading')}
        </Text>
      </View>
    );
  }
  return (
    <LiveQr id="certificate-qr" value={pass.code.token} secondsLeft={pass.secondsLeft}>
      <Text className="live-qr__holder" id="certificate-holder">
        {pass.code.holder.displayName}
      </Text>
      {pass.code.holder.memberNo === undefined ? null : (
        <Text className="card__value" id="certificate-member-no">
          {t('member.no', { no: pass.code.holder.memberNo })}
        </Text>
      )}
      <Text className="card__hint">{t('certificate.showMerchant')}</Text>
      {SHOW_TOKEN ? (
        <Text className="certificate-pass-token" id="certificate-pass-token">
          {pass.code.token}
        </Text>
      ) : null}
      {pass.error ? <Text className="form-error">{describeError(t, pass.error)}</Text> : null}
    </LiveQr>
  );
}
