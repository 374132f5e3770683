import { Button, View } from '@tarojs/components';
import { contracts, type Order, type PaymentInstruction } from '@linli/shared';
import { request } from '../../api';
import { useAction } from '../../hooks/action';
import { STAGE_PAYMENT_MODE, payOrder, reissuePayment } from '../../hooks/payment';
import { useI18n } from '../../i18n';
import ActionOutcome from '../action-outcome';
import SubmitButton from '../submit-button';

/**
 * 支付 and 取消订单 for an unpaid order of mine: `#pay-<id>`, `#cancel-<id>`; the outcome as `#pay-<id>-result`.
 * `payment` is the instruction that came with a just-created order; without it (pay later, from 我的订单)
 * the API is asked for a fresh one first.
 */
export default function OrderPayment({
  communityId,
  order,
  payment,
  onChanged,
}: {
  communityId: string;
  order: Order;
  payment?: PaymentInstruction;
  onChanged: (order: Order) => void;
}) {
  const { t } = useI18n();
  const action = useAction();
  const prefix = `pay-${order.id}`;
  const mode = payment?.mode ?? STAGE_PAYMENT_MODE;

  const pay = () =>
    action.run(async () => {
      const instruction = payment ?? (await reissuePayment(communityId, order.id));
      const paid = await payOrder(communityId, order.id, instruction);
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
          <SubmitButton id={prefix} busy={action.busy} className="button order-payment__pay" onClick={pay}>
            {mode === 'dev' ? t('order.payDev') : t('order.pay')}
          </SubmitButton>
        </View>
      ) : null}
      <ActionOutcome id={prefix} outcome={action.outcome} />
    </View>
  );
}
