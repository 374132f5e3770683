import { act, fireEvent, render } from '@testing-library/react';
import { cartStore } from '../../../hooks/cart';
import { sessionToken } from '../../../state/session';
import { languagePreference } from '../../../state/preferences';
import { answerNext, sentRequest } from '../../../../test/answers';
import { anOrder, aProduct } from '../../../../test/factories';
import CartCheckout from '.';

const click = (container: HTMLElement, selector: string) => fireEvent.click(container.querySelector(selector)!);

const hat = aProduct();
const scarf = aProduct({ id: 'product-2', title: '手织围巾', priceFen: 8850, stock: 5 });

describe('CartCheckout', () => {
  beforeEach(() => {
    sessionToken.set('token-1');
    languagePreference.clear();
    cartStore('demo').clear();
  });

  it('orders every line at once, empties the cart, then pays with the dev confirmation', async () => {
    const cart = cartStore('demo');
    const order = anOrder({ totalFen: 15000 + 2 * 8850 });
    answerNext(201, { ...order, payment: { mode: 'dev' } });
    answerNext(200, { status: 'paid', order: { ...order, status: 'paid' } });
    const onPaid = jest.fn();
    const { container } = render(<CartCheckout communityId="demo" onPaid={onPaid} />);
    expect(container.querySelector('#cart-empty')).not.toBeNull();

    act(() => {
      cart.set([
        { productId: hat.id, title: hat.title, priceFen: 15000, fundShareBps: 2000, stock: 3, quantity: 1 },
        { productId: scarf.id, title: scarf.title, priceFen: 8850, fundShareBps: 2000, stock: 5, quantity: 1 },
      ]);
    });
    click(container, '#cart-product-2-more');
    expect(container.querySelector('#cart-product-2-subtotal')?.textContent).toBe('¥177.00');
    expect(container.querySelector('#cart-total')?.textContent).toBe('¥327.00');
    expect(container.querySelector('#cart-checkout')?.textContent).toBe('结算（3 件）');

    await act(async () => click(container, '#cart-checkout'));

    expect(sentRequest(0)).toMatchObject({
      url: 'https://api.linli.test/v1/communities/demo/orders',
      method: 'POST',
      data: {
        items: [
          { productId: 'product-1', quantity: 1 },
          { productId: 'product-2', quantity: 2 },
        ],
      },
    });
    expect(cart.get()).toEqual([]);
    await act(async () => click(container, '#pay-order-1'));

    expect(sentRequest(1)).toMatchObject({
      url: 'https://api.linli.test/v1/communities/demo/orders/order-1/dev-pay',
      method: 'POST',
    });
    expect(container.querySelector('#pay-order-1-result')?.textContent).toBe('付款成功，谢谢支持社区！');
    expect(onPaid).toHaveBeenCalledTimes(1);
  });

  it('removes a line, and keeps the cart when a product is sold out', async () => {
    const cart = cartStore('demo');
    cart.set([
      { productId: hat.id, title: hat.title, priceFen: 15000, fundShareBps: 2000, stock: 3, quantity: 2 },
      { productId: scarf.id, title: scarf.title, priceFen: 8850, fundShareBps: 2000, stock: 5, quantity: 1 },
    ]);
    answerNext(409, { error: { code: 'shop.sold_out', message: 'sold out' } });
    const { container } = render(<CartCheckout communityId="demo" />);

    click(container, '#cart-product-2-remove');
    expect(container.querySelector('#cart-total')?.textContent).toBe('¥300.00');
    await act(async () => click(container, '#cart-checkout'));

    expect(container.querySelector('#cart-error')?.textContent).toBe('库存不足，这件商品已经卖完了');
    expect(cart.get()).toHaveLength(1);
  });
});
