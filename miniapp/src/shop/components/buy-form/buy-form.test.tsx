import { act, fireEvent, render } from '@testing-library/react';
import { cartStore } from '../../../hooks/cart';
import { sessionToken } from '../../../state/session';
import { languagePreference } from '../../../state/preferences';
import { answerNext, sentRequest } from '../../../../test/answers';
import { anOrder, aProduct } from '../../../../test/factories';
import BuyForm from '.';

const click = (container: HTMLElement, selector: string) => fireEvent.click(container.querySelector(selector)!);

describe('BuyForm', () => {
  beforeEach(() => {
    sessionToken.set('token-1');
    languagePreference.clear();
  });

  it('orders the chosen quantity, shows the fund share, then pays with the dev confirmation', async () => {
    const order = anOrder();
    answerNext(201, { ...order, payment: { mode: 'dev' } });
    answerNext(200, { status: 'paid', order: { ...order, status: 'paid' } });
    const onBought = jest.fn();
    const { container } = render(<BuyForm communityId="demo" product={aProduct()} onBought={onBought} />);

    click(container, '#buy-product-1-more');
    expect(container.querySelector('#buy-product-1-total')?.textContent).toBe('合计 ¥300.00，其中 ¥60.00 捐入社区基金');
    click(container, '#buy-product-1-less');
    await act(async () => click(container, '#buy-product-1-submit'));

    expect(sentRequest(0)).toMatchObject({
      url: 'https://api.linli.test/v1/communities/demo/orders',
      method: 'POST',
      data: { items: [{ productId: 'product-1', quantity: 1 }] },
    });
    expect(container.querySelector('#order-order-1-fund')?.textContent).toBe('其中 ¥30.00 捐入社区基金');
    await act(async () => click(container, '#pay-order-1'));

    expect(sentRequest(1)).toMatchObject({
      url: 'https://api.linli.test/v1/communities/demo/orders/order-1/dev-pay',
      method: 'POST',
    });
    expect(container.querySelector('#pay-order-1-result')?.textContent).toBe('付款成功，谢谢支持社区！');
    expect(container.querySelector('.order__status')?.textContent).toBe('已付款');
    expect(onBought).toHaveBeenCalledTimes(1);
  });

  it('explains a sold-out product in plain Chinese', async () => {
    answerNext(409, { error: { code: 'shop.sold_out', message: 'sold out' } });
    const { container } = render(<BuyForm communityId="demo" product={aProduct()} />);

    await act(async () => click(container, '#buy-product-1-submit'));

    expect(container.querySelector('#buy-product-1-error')?.textContent).toBe('库存不足，这件商品已经卖完了');
  });

  it('adds the chosen quantity to the cart without ordering', async () => {
    cartStore('demo').clear();
    const { container } = render(<BuyForm communityId="demo" product={aProduct()} />);

    click(container, '#buy-product-1-more');
    await act(async () => click(container, '#buy-product-1-cart'));

    expect(cartStore('demo').get()).toEqual([expect.objectContaining({ productId: 'product-1', quantity: 2 })]);
    expect(container.querySelector('#buy-product-1-quantity')?.textContent).toBe('1');
    expect(container.querySelector('#buy-product-1-result')?.textContent).toBe('「手工草帽」已加入购物车');
  });
});
