import { act, fireEvent, render } from '@testing-library/react';
import { sessionToken } from '../../state/session';
import { languagePreference } from '../../state/preferences';
import { answerNext, sentRequest } from '../../../test/answers';
import { anOrder } from '../../../test/factories';
import OrderPayment from '.';

describe('OrderPayment', () => {
  beforeEach(() => {
    sessionToken.set('token-1');
    languagePreference.clear();
  });

  it('pays an unpaid order later: asks the API how to pay it again, then pays that way', async () => {
    const order = anOrder();
    answerNext(200, { payment: { mode: 'dev' } });
    answerNext(200, { status: 'paid', order: { ...order, status: 'paid' } });
    const onChanged = jest.fn();
    const { container } = render(<OrderPayment communityId="demo" order={order} onChanged={onChanged} />);

    await act(async () => fireEvent.click(container.querySelector('#pay-order-1')!));

    expect(sentRequest(0)).toMatchObject({
      url: 'https://api.linli.test/v1/communities/demo/orders/order-1/pay',
      method: 'POST',
    });
    expect(sentRequest(1)).toMatchObject({
      url: 'https://api.linli.test/v1/communities/demo/orders/order-1/dev-pay',
      method: 'POST',
    });
    expect(onChanged).toHaveBeenCalledWith(expect.objectContaining({ status: 'paid' }));
    expect(container.querySelector('#pay-order-1-result')?.textContent).toBe('付款成功，谢谢支持社区！');
  });

  it('explains an order that can no longer be paid', async () => {
    answerNext(409, { error: { code: 'shop.order_not_payable', message: 'expired' } });
    const { container } = render(<OrderPayment communityId="demo" order={anOrder()} onChanged={jest.fn()} />);

    await act(async () => fireEvent.click(container.querySelector('#pay-order-1')!));

    expect(container.querySelector('#pay-order-1-error')?.textContent).toBe(
      '这笔订单已付款、已取消或已过期，不能再付款',
    );
  });
});
