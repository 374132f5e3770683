import { Button, View } from '@tarojs/components';
import { contracts, type Order } from '@linli/shared';
import { request } from '../../api';
import { useAction } from '../../hooks/action';
import { payOrder, paymentFor } from '../../hooks/payment';
import { useI18n } from '../../i18n';
import ActionOutcome from '../action-outcome';

/** 支付 and 取消订单 for an unpaid order of mine: `#pay-<id>`, `#cancel-<id>`; the outcome as `#pay-<id>-result`. */
export default function OrderPayment({
  communityId,
  order,
  onChanged,
}: {
  communityId: string;
  order: Order;
  onChanged: (order: Order) => void;
}) {
  const { t } = useI18n();
  const action = useAction();
  const prefix = `pay-${order.id}`;
  const payment = paymentFor(order.id);

  const pay = () =>
    payment &&
    action.run(async () => {
      const paid = await payOrder(communityId, order.id, payment);
      onChanged(paid);
      return paid.status === 'pending_payment' ? t('order.paymentWaiting') : t('order.paid');
    });
  const cancel = () =>
    action.run(async () => {
      const cancelled = await request(contracts.cancelOrder, { params: { cid: communityId, oid: order.id } });
      onChanged(cancelled);
      return t('order.cancelled');
    });

  return (
    <View className="order-payment">
      {order.status === 'pending_payment' ? (
        <View className="row">
          {order.kind !== 'donation' ? (
            <Button id={`cancel-${order.id}`} className="button button--secondary" onClick={cancel}>
              {t('order.cancel')}
            </Button>
          ) : null}
          {payment ? (
            <Button
              id={prefix}
              className={action.busy ? 'button button--busy order-payment__pay' : 'button order-payment__pay'}
              onClick={pay}
            >
              {payment.mode === 'dev' ? t('order.payDev') : t('order.pay')}
            </Button>
          ) : null}
        </View>
      ) : null}
      <ActionOutcome id={prefix} outcome={action.outcome} />
    </View>
  );
}
