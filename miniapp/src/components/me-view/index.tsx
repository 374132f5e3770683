import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { Progress } from '@nutui/nutui-react-taro';
import type { MeResponse } from '@linli/shared';
import { useI18n, type Translate } from '../../i18n';
import '@nutui/nutui-react-taro/dist/es/packages/progress/style/css';
import { currencyOf } from '../../format/points';

/**
 * Who I am in this community: name and member number (编号, large: read out at the office), roles,
 * balance in the community's own currency, certificate.
 */
export default function MeView({ me, t }: { me: MeResponse; t: Translate }) {
  const { language } = useI18n();
  const currency = currencyOf(me.community, language);
  return (
    <>
      <View className="card">
        <View className="row">
          <Text className="card__value row__text" id="me-display-name">
            {me.member.displayName}
          </Text>
          {me.member.memberNo === undefined ? null : (
            <View className="member-no" id="me-member-no">
              <Text className="member-no__label">{t('me.memberNoLabel')}</Text>
              <Text className="member-no__digits">{me.member.memberNo}</Text>
            </View>
          )}
        </View>
        {me.member.memberNo === undefined ? null : <Text className="card__hint">{t('me.memberNoHint')}</Text>}
        <Text className="card__hint" id="me-community">
          {me.community.name}
        </Text>
        <View className="row">
          <Text className="card__hint row__text" id="me-member-id">
            {t('me.memberId', { id: me.member.id })}
          </Text>
          <Button
            id="me-copy-member-id"
            className="button button--secondary button--small"
            onClick={() => void Taro.setClipboardData({ data: me.member.id }).catch(() => undefined)}
          >
            {t('me.copyMemberId')}
          </Button>
        </View>
        <View className="tags" id="me-roles">
          {me.member.roles.map((role) => (
            <Text className="tag" key={role}>
              {t(`role.${role}`)}
            </Text>
          ))}
        </View>
      </View>
      <View className="card">
        <Text className="card__label">{t('me.balanceLabel')}</Text>
        <Text className="points" id="me-balance">
          {t('me.balance', { currency, balance: me.balancePoints })}
        </Text>
      </View>
      <View className="card" id="me-certificate">
        <Text className="card__label">{t('me.certificate')}</Text>
        <CertificateState me={me} t={t} />
      </View>
    </>
  );
}

function CertificateState({ me, t }: { me: MeResponse; t: Translate }) {
  const { language } = useI18n();
  if (me.certificate?.status === 'active') return <Text className="status-good">{t('me.certificateActive')}</Text>;
  if (me.certificate?.status === 'revoked') return <Text className="status-bad">{t('me.certificateRevoked')}</Text>;
  if (me.certificate?.status === 'review') return <Text className="status-bad">{t('me.certificateReview')}</Text>;

  const currency = currencyOf(me.community, language);
  const threshold = me.community.rules.certificateThresholdPoints;
  const balance = me.balancePoints;
  const remaining = Math.max(0, threshold - balance);
  return (
    <>
      <Text className="card__value">{t('me.certificateNone')}</Text>
      <Progress percent={certificatePercent(balance, threshold)} color="#1f7a4d" strokeWidth="12" />
      <Text className="card__hint" id="me-certificate-progress">
        {remaining > 0
          ? t('me.certificateProgress', { remaining, currency, balance, threshold })
          : t('me.certificateReached', { threshold, currency })}
      </Text>
    </>
  );
}

/** Whole percent towards the certificate, 0-100 (integers only). */
export function certificatePercent(balancePoints: number, thresholdPoints: number): number {
  if (thresholdPoints <= 0) return 100;
  return Math.min(100, Math.floor((Math.max(0, balancePoints) * 100) / thresholdPoints));
}
