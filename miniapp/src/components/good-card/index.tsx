import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { Good } from '@linli/shared';
import { formatYuan } from '../../format/market';
import { useI18n } from '../../i18n';

/** A supermarket good: name, price in the community's own currency, stock left; actions below. */
export default function GoodCard({
  good,
  currencyName,
  showValue,
  onOpen,
  children,
}: {
  good: Good;
  currencyName: string;
  /** The office sees what the good is worth in yuan (for the statistics). */
  showValue?: boolean;
  onOpen?: () => void;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <View className="card good-card" id={`good-${good.id}`}>
      <View className="good-card__main" onClick={onOpen}>
        <View className="row">
          <Text className="card__value good-card__name">{good.name}</Text>
          {onOpen ? <Text className="nav-row__arrow">›</Text> : null}
        </View>
        <Text className="points good-card__price">
          {t('good.price', { points: good.pricePoints, currency: currencyName })}
        </Text>
        <View className="tags">
          <Text className={good.stock > 0 ? 'tag' : 'tag tag--danger'}>
            {good.stock > 0 ? t('good.stock', { stock: good.stock }) : t('good.soldOut')}
          </Text>
          {good.donorName ? <Text className="tag tag--plain">{t('good.donor', { name: good.donorName })}</Text> : null}
          {showValue ? (
            <Text className="tag tag--plain">{t('good.value', { value: formatYuan(good.valueFen) })}</Text>
          ) : null}
        </View>
        {good.description ? <Text className="card__hint">{good.description}</Text> : null}
      </View>
      {children}
    </View>
  );
}
