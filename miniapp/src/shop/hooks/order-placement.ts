import { useState } from 'react';
import { contracts, type Order, type OrderRequest, type PaymentInstruction } from '@linli/shared';
import { request } from '../../api';
import { useAction, type Action } from '../../hooks/action';
import { useSubscribeMessages } from '../../hooks/subscribe-messages';
import { useI18n } from '../../i18n';

export interface OrderPlacement {
  /** The form's action: busy flag, outcome, idempotency key. */
  action: Action;
  /** The order once placed, as it changes (paid, cancelled). */
  order: Order | undefined;
  /** How to pay it, as it came with the order. */
  payment: PaymentInstruction | undefined;
  /**
   * Places one order with these lines, asking first whether WeChat may tell of its status;
   * `placed` runs once the order exists (before it is shown).
   */
  place: (items: OrderRequest['items'], placed?: () => void) => Promise<boolean>;
  /** The order as it changed; `onPaid` hears when it is paid. */
  changed: (order: Order) => void;
}

/** Placing a 微益坊 order and following it to its payment: the same for 购买 and for 结算 of the cart. */
export function useOrderPlacement(communityId: string, onPaid?: (order: Order) => void): OrderPlacement {
  const { t } = useI18n();
  const [order, setOrder] = useState<Order>();
  const [payment, setPayment] = useState<PaymentInstruction>();
  const action = useAction();
  const askToNotify = useSubscribeMessages();

  const place = (items: OrderRequest['items'], placed?: () => void) => {
    askToNotify(['order_status']);
    return action.run(async (idempotencyKey) => {
      const { payment: instruction, ...created } = await request(contracts.createOrder, {
        params: { cid: communityId },
        body: { items },
        idempotencyKey,
      });
      placed?.();
      setPayment(instruction);
      setOrder(created);
      return t('buy.ordered');
    });
  };
  const changed = (next: Order) => {
    setOrder(next);
    if (next.status === 'paid') onPaid?.(next);
  };
  return { action, order, payment, place, changed };
}
