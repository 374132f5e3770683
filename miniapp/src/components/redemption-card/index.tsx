import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { Redemption } from '@linli/shared';
import { formatDateTime } from '../../format/time';
import { useI18n } from '../../i18n';

const STATUS_CLASS: Record<Redemption['status'], string> = {
  reserved: 'tag tag--amber',
  picked_up: 'tag',
  cancelled: 'tag tag--plain',
};

/** One redemption: the good, how many, the points paid, its state; the pickup code big while reserved. */
export default function RedemptionCard({
  redemption,
  currencyName,
  showCode,
  showMember,
  children,
}: {
  redemption: Redemption;
  currencyName: string;
  /** The resident shows this code at the counter; staff never see it in their list. */
  showCode?: boolean;
  showMember?: boolean;
  children?: ReactNode;
}) {
  const { t, language } = useI18n();
  return (
    <View className="card redemption" id={`redemption-${redemption.id}`}>
      <View className="row">
        <Text className="card__value">
          {t('redemption.line', { name: redemption.goodName, quantity: redemption.quantity })}
        </Text>
        <Text className={`${STATUS_CLASS[redemption.status]} redemption__status`}>
          {t(`redemptionStatus.${redemption.status}`)}
        </Text>
      </View>
      {showMember ? <Text className="card__value redemption__member">{redemption.memberName}</Text> : null}
      <Text className="card__hint">
        {t('redemption.total', { total: redemption.totalPoints, currency: currencyName })} ·{' '}
        {formatDateTime(redemption.createdAt, language)}
      </Text>
      {showCode && redemption.status === 'reserved' ? (
        <View className="redeem__done">
          <Text className="card__label">{t('redeem.pickupCode')}</Text>
          <Text className="pickup-code">{redemption.pickupCode}</Text>
          <Text className="card__hint">{t('redeem.pickupHint')}</Text>
        </View>
      ) : null}
      {redemption.status === 'picked_up' && redemption.handedOverAt ? (
        <Text className="card__hint">
          {t('redemption.handedOverAt', { date: formatDateTime(redemption.handedOverAt, language) })}
        </Text>
      ) : null}
      {children}
    </View>
  );
}
