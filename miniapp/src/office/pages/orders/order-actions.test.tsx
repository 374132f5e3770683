import { render } from '@testing-library/react';
import { languagePreference } from '../../../state/preferences';
import { anOrder } from '../../../../test/factories';
import { OrderActions } from '.';

describe('OrderActions (issue 21: a donation has nothing to hand over)', () => {
  beforeEach(() => languagePreference.clear());

  it('offers 可以自提 / 已发货 / 已完成 for a paid purchase', () => {
    const order = anOrder({ id: 'o1', status: 'paid' });
    const { container } = render(<OrderActions communityId="demo" order={order} onChanged={jest.fn()} />);

    expect(container.querySelector('#order-ready_for_pickup-o1')).not.toBeNull();
    expect(container.querySelector('#order-shipped-o1')).not.toBeNull();
    expect(container.querySelector('#order-completed-o1')).not.toBeNull();
  });

  it('offers none of them for a paid donation, only the refund', () => {
    const order = anOrder({ id: 'd1', status: 'paid', kind: 'donation' });
    const { container } = render(<OrderActions communityId="demo" order={order} onChanged={jest.fn()} />);

    expect(container.querySelector('#order-ready_for_pickup-d1')).toBeNull();
    expect(container.querySelector('#order-shipped-d1')).toBeNull();
    expect(container.querySelector('#order-completed-d1')).toBeNull();
    expect(container.textContent).toContain('退款');
  });
});
