import { act, fireEvent, render } from '@testing-library/react';
import { languagePreference } from '../../../state/preferences';
import { ShipForm } from '.';

const click = (container: HTMLElement, selector: string) =>
  act(async () => fireEvent.click(container.querySelector(selector)!));

describe('ShipForm (已发货: by courier with a tracking number, or delivered in the neighbourhood)', () => {
  beforeEach(() => languagePreference.clear());

  it('sends the courier code and the tracking number, and refuses a malformed number', async () => {
    const onShip = jest.fn();
    const { container } = render(<ShipForm orderId="o1" busy={false} onShip={onShip} />);
    await click(container, '#order-shipped-o1');
    await click(container, '#order-shipped-o1-courier-ZTO');
    await act(async () =>
      fireEvent.change(container.querySelector('#order-shipped-o1-tracking')!, { target: { value: '7!' } }),
    );
    await click(container, '#order-shipped-o1-courier-submit');
    expect(onShip).not.toHaveBeenCalled();
    expect(container.textContent).toContain('快递单号为 4 到 64 位');
    await act(async () =>
      fireEvent.change(container.querySelector('#order-shipped-o1-tracking')!, { target: { value: '75300012345' } }),
    );
    await click(container, '#order-shipped-o1-courier-submit');
    expect(onShip).toHaveBeenCalledWith({ expressCompany: 'ZTO', trackingNo: '75300012345' });
  });

  it('ships without a tracking number when handed over in the neighbourhood', async () => {
    const onShip = jest.fn();
    const { container } = render(<ShipForm orderId="o2" busy={false} onShip={onShip} />);
    await click(container, '#order-shipped-o2');
    await click(container, '#order-shipped-o2-local');
    expect(onShip).toHaveBeenCalledWith({});
  });
});
