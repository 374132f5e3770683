import { Button, Text, View } from '@tarojs/components';
import { formatFen, type Order } from '@linli/shared';
import { MAX_LINE_QUANTITY, useCart, type CartLine } from '../../../hooks/cart';
import { useI18n } from '../../../i18n';
import ActionOutcome from '../../../components/action-outcome';
import EmptyState from '../../../components/empty-state';
import OrderPayment from '../../../components/order-payment';
import OrderSummary from '../../../components/order-summary';
import QuantityStepper from '../../../components/quantity-stepper';
import SubmitButton from '../../../components/submit-button';
import { useOrderPlacement } from '../../hooks/order-placement';

/**
 * 购物车: each product with a quantity stepper and 删除, the total in integer fen, and 结算 — one order
 * with every line, then paid like any order. The cart is emptied once the order exists. `#cart-…` ids.
 */
export default function CartCheckout({
  communityId,
  onPaid,
}: {
  communityId: string;
  onPaid?: (order: Order) => void;
}) {
  const { t } = useI18n();
  const cart = useCart(communityId);
  const { action, order, payment, place, changed } = useOrderPlacement(communityId, onPaid);

  const checkout = () =>
    place(
      cart.lines.map((line) => ({ productId: line.productId, quantity: line.quantity })),
      cart.clear,
    );

  if (order) {
    return (
      <View className="cart" id="cart-order">
        <OrderSummary order={order}>
          <OrderPayment communityId={communityId} order={order} payment={payment} onChanged={changed} />
        </OrderSummary>
        <ActionOutcome id="cart" outcome={action.outcome} />
      </View>
    );
  }
  if (cart.lines.length === 0) {
    return <EmptyState id="cart-empty" title={t('cart.empty')} hint={t('cart.emptyHint')} />;
  }
  return (
    <View className="cart" id="cart">
      <View className="list" id="cart-lines">
        {cart.lines.map((line) => (
          <CartLineRow
            key={line.productId}
            line={line}
            onChange={(quantity) => cart.setQuantity(line.productId, quantity)}
            onRemove={() => cart.remove(line.productId)}
          />
        ))}
      </View>
      <View className="card">
        <View className="row">
          <Text className="row__text card__label">{t('order.total')}</Text>
          <Text className="card__value" id="cart-total">
            ¥{formatFen(cart.totalFen)}
          </Text>
        </View>
        <SubmitButton id="cart-checkout" busy={action.busy} onClick={checkout}>
          {t('cart.checkout', { count: cart.count })}
        </SubmitButton>
        <ActionOutcome id="cart" outcome={action.outcome} />
      </View>
    </View>
  );
}

function CartLineRow({
  line,
  onChange,
  onRemove,
}: {
  line: CartLine;
  onChange: (quantity: number) => void;
  onRemove: () => void;
}) {
  const { t } = useI18n();
  const prefix = `cart-${line.productId}`;
  return (
    <View className="card" id={prefix}>
      <View className="row">
        <Text className="row__text card__label">{line.title}</Text>
        <Text className="card__value" id={`${prefix}-subtotal`}>
          ¥{formatFen(line.priceFen * line.quantity)}
        </Text>
      </View>
      <Text className="card__hint">{t('cart.unitPrice', { price: `¥${formatFen(line.priceFen)}` })}</Text>
      <View className="row">
        <QuantityStepper
          id={prefix}
          value={line.quantity}
          most={Math.min(line.stock, MAX_LINE_QUANTITY)}
          onChange={onChange}
        />
        <Button id={`${prefix}-remove`} className="button button--small button--secondary" onClick={onRemove}>
          {t('cart.remove')}
        </Button>
      </View>
    </View>
  );
}
