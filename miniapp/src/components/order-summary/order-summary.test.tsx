import { render } from '@testing-library/react';
import { languagePreference } from '../../state/preferences';
import { anOrder } from '../../../test/factories';
import OrderSummary, { fundShareOf } from '.';

describe('OrderSummary', () => {
  beforeEach(() => languagePreference.clear());

  it('tells the buyer how much of the order goes to the community fund', () => {
    const { container } = render(<OrderSummary order={anOrder()} />);

    expect(container.querySelector('.order__total')?.textContent).toBe('¥150.00');
    expect(container.querySelector('#order-order-1-fund')?.textContent).toBe('其中 ¥30.00 捐入社区基金');
    expect(container.querySelector('.order__status')?.textContent).toBe('待付款');
    expect(container.querySelector('.order__expires')).not.toBeNull();
  });

  it('adds up the fund share of every line in integer fen', () => {
    const [line] = anOrder().lines;
    const order = anOrder({
      lines: [line!, { ...line!, productId: 'product-2', quantity: 3, grossFen: 2997, fundFen: 599, makerFen: 2398 }],
      totalFen: 17997,
      status: 'paid',
    });
    const { container } = render(<OrderSummary order={order} />);

    expect(fundShareOf(order)).toBe(3599);
    expect(container.querySelector('#order-order-1-fund')?.textContent).toBe('其中 ¥35.99 捐入社区基金');
    expect(container.querySelector('.order__expires')).toBeNull();
  });

  it('says a donation goes to the fund in full, in English too', () => {
    languagePreference.set('en');
    const order = anOrder({
      kind: 'donation',
      lines: [{ ...anOrder().lines[0]!, title: '捐款', grossFen: 5000, fundFen: 5000, makerFen: 0 }],
      totalFen: 5000,
    });
    const { container } = render(<OrderSummary order={order} />);

    expect(container.querySelector('#order-order-1-fund')?.textContent).toBe('All ¥50.00 goes to the community fund');
  });
});
