import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { contracts, shareOfFen, type Order, type PaymentInstruction, type PublicProduct } from '@linli/shared';
import { request } from '../../../api';
import { formatYuan } from '../../../format/market';
import { useAction } from '../../../hooks/action';
import { useCart } from '../../../hooks/cart';
import { useSubscribeMessages } from '../../../hooks/subscribe-messages';
import { useI18n } from '../../../i18n';
import ActionOutcome from '../../../components/action-outcome';
import OrderPayment from '../../../components/order-payment';
import OrderSummary from '../../../components/order-summary';
import QuantityStepper from '../../../components/quantity-stepper';
import SubmitButton from '../../../components/submit-button';

/** At most this many of one product in one order (the API's limit). */
const MAX_QUANTITY = 99;

/**
 * 购买 one product: choose how many, read the total and the fund's share, place the order, then pay it
 * (the dev confirmation on H5, WeChat Pay in the mini-program). `#buy-<id>-…` ids.
 */
export default function BuyForm({
  communityId,
  product,
  onBought,
}: {
  communityId: string;
  product: PublicProduct;
  onBought?: (order: Order) => void;
}) {
  const { t } = useI18n();
  const [quantity, setQuantity] = useState(1);
  const [order, setOrder] = useState<Order>();
  const [payment, setPayment] = useState<PaymentInstruction>();
  const action = useAction();
  const askToNotify = useSubscribeMessages();
  const cart = useCart(communityId);
  const prefix = `buy-${product.id}`;
  const totalFen = product.priceFen * quantity;
  const fundFen = shareOfFen(totalFen, product.fundShareBps);

  const buy = () => {
    askToNotify(['order_status']);
    return action.run(async (idempotencyKey) => {
      const { payment, ...created } = await request(contracts.createOrder, {
        params: { cid: communityId },
        body: { items: [{ productId: product.id, quantity }] },
        idempotencyKey,
      });
      setPayment(payment);
      setOrder(created);
      return t('buy.ordered');
    });
  };
  const addToCart = () =>
    action.run(async () => {
      cart.add(product, quantity);
      setQuantity(1);
      return t('cart.added', { title: product.title });
    });
  const changed = (next: Order) => {
    setOrder(next);
    if (next.status === 'paid') onBought?.(next);
  };

  if (order) {
    return (
      <View className="buy" id={prefix}>
        <OrderSummary order={order}>
          <OrderPayment communityId={communityId} order={order} payment={payment} onChanged={changed} />
        </OrderSummary>
      </View>
    );
  }
  if (product.stock === 0) return null;
  return (
    <View className="buy" id={prefix}>
      <View className="row">
        <QuantityStepper
          id={prefix}
          value={quantity}
          most={Math.min(product.stock, MAX_QUANTITY)}
          onChange={setQuantity}
        />
        <SubmitButton id={`${prefix}-submit`} busy={action.busy} className="button button--small" onClick={buy}>
          {t('buy.action')}
        </SubmitButton>
        <Button id={`${prefix}-cart`} className="button button--small button--secondary" onClick={addToCart}>
          {t('cart.add')}
        </Button>
      </View>
      <Text className="confirm__text" id={`${prefix}-total`}>
        {t('buy.total', { total: formatYuan(totalFen), fund: formatYuan(fundFen) })}
      </Text>
      <ActionOutcome id={prefix} outcome={action.outcome} />
    </View>
  );
}
