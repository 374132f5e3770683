import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { Order } from '@linli/shared';
import { formatYuan } from '../../format/market';
import { formatDateTime } from '../../format/time';
import { useI18n } from '../../i18n';

/** The fund's part of an order: the sum of its lines' shares (integer fen). */
export function fundShareOf(order: Order): number {
  return order.lines.reduce((sum, line) => sum + line.fundFen, 0);
}

/**
 * An order or a donation as the buyer and the office read it: each line, the total, how much of it
 * goes to the community fund, its status, and until when an unpaid order can be paid. Actions below.
 */
export default function OrderSummary({
  order,
  showBuyer,
  children,
}: {
  order: Order;
  showBuyer?: boolean;
  children?: ReactNode;
}) {
  const { t, language } = useI18n();
  const fundFen = fundShareOf(order);
  const donation = order.kind === 'donation';
  return (
    <View className="card order" id={`order-${order.id}`}>
      <View className="row">
        <Text className="card__value row__text">{donation ? t('order.donation') : t('order.title')}</Text>
        <Text className={`tag order__status order-status--${order.status}`}>{t(`order.status.${order.status}`)}</Text>
      </View>
      {showBuyer ? (
        <Text className="card__hint order__buyer">{t('order.buyer', { name: order.buyerName })}</Text>
      ) : null}
      {donation
        ? null
        : order.lines.map((line) => (
            <View className="row order__line" key={line.productId}>
              <Text className="row__text">
                {line.title} × {line.quantity}
              </Text>
              <Text>{formatYuan(line.grossFen)}</Text>
            </View>
          ))}
      <View className="row">
        <Text className="row__text card__label">{t('order.total')}</Text>
        <Text className="points order__total">{formatYuan(order.totalFen)}</Text>
      </View>
      <Text className="notice order__fund" id={`order-${order.id}-fund`}>
        {donation
          ? t('order.fundAll', { amount: formatYuan(fundFen) })
          : t('order.fundShare', { amount: formatYuan(fundFen) })}
      </Text>
      {order.fundHolder ? (
        <Text className="card__hint order__holder" id={`order-${order.id}-holder`}>
          {t('order.fundHolder', { name: order.fundHolder.name, code: order.fundHolder.creditCode })}
        </Text>
      ) : null}
      <Text className="card__hint">{formatDateTime(order.createdAt, language)}</Text>
      {order.status === 'pending_payment' ? (
        <Text className="card__hint order__expires">
          {t('order.expiresAt', { time: formatDateTime(order.expiresAt, language) })}
        </Text>
      ) : null}
      {order.refundReason ? (
        <Text className="card__hint">{t('order.refundReason', { reason: order.refundReason })}</Text>
      ) : null}
      {children}
    </View>
  );
}
