import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { shareOfFen, type Order, type PublicProduct } from '@linli/shared';
import { formatYuan } from '../../../format/market';
import { useCart } from '../../../hooks/cart';
import { useI18n } from '../../../i18n';
import ActionOutcome from '../../../components/action-outcome';
import OrderPayment from '../../../components/order-payment';
import OrderSummary from '../../../components/order-summary';
import QuantityStepper from '../../../components/quantity-stepper';
import SubmitButton from '../../../components/submit-button';
import { useOrderPlacement } from '../../hooks/order-placement';

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
  const { action, order, payment, place, changed } = useOrderPlacement(communityId, onBought);
  const cart = useCart(communityId);
  const prefix = `buy-${product.id}`;
  const totalFen = product.priceFen * quantity;
  const fundFen = shareOfFen(totalFen, product.fundShareBps);

  const buy = () => place([{ productId: product.id, quantity }]);
  const addToCart = () =>
    action.run(async () => {
      cart.add(product, quantity);
      setQuantity(1);
      return t('cart.added', { title: product.title });
    });

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
