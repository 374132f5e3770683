import { act, fireEvent, render } from '@testing-library/react';
import { languagePreference } from '../../state/preferences';
import { sessionToken } from '../../state/session';
import { answerNext, sentRequest } from '../../../test/answers';
import { anOrder } from '../../../test/factories';
import DonationReceipt from '.';

const donation = (overrides = {}) => anOrder({ kind: 'donation', status: 'paid', totalFen: 5000, ...overrides });

describe('申请捐赠票据 under a donation', () => {
  beforeEach(() => {
    languagePreference.clear();
    sessionToken.set('token-1');
  });
  afterEach(() => sessionToken.clear());

  it('asks for a paid donation’s receipt, checking a unit’s credit code first', async () => {
    const onChanged = jest.fn();
    const { container } = render(<DonationReceipt communityId="demo" order={donation()} onChanged={onChanged} />);

    fireEvent.click(container.querySelector('#order-order-1-ask-receipt')!);
    fireEvent.change(container.querySelector('#receipt-payer-order-1')!, { target: { value: '某某科技有限公司' } });
    fireEvent.change(container.querySelector('#receipt-tax-id-order-1')!, { target: { value: '91350100M000100Y44' } });
    fireEvent.click(container.querySelector('#receipt-submit-order-1')!);
    await act(async () => undefined);
    expect(container.textContent).toContain('统一社会信用代码不正确');

    fireEvent.change(container.querySelector('#receipt-tax-id-order-1')!, { target: { value: '91350100m000100y43' } });
    answerNext(201, { id: 'request-1', status: 'requested' });
    fireEvent.click(container.querySelector('#receipt-submit-order-1')!);
    await act(async () => undefined);

    expect(sentRequest(0).data).toEqual({
      orderId: 'order-1',
      payerName: '某某科技有限公司',
      taxId: '91350100M000100Y43',
    });
    expect(onChanged).toHaveBeenCalled();
  });

  it('shows the request’s status and number; nothing for an unpaid donation or a shop order', () => {
    const issued = donation({ receiptRequest: { id: 'r1', status: 'issued', receiptNo: 'ZJ-001' } });
    const shown = render(<DonationReceipt communityId="demo" order={issued} onChanged={() => undefined} />);
    expect(shown.container.textContent).toBe('捐赠票据：已开具 · 票据号码 ZJ-001');
    shown.unmount();

    const unpaid = render(
      <DonationReceipt
        communityId="demo"
        order={donation({ status: 'pending_payment' })}
        onChanged={() => undefined}
      />,
    );
    expect(unpaid.container.textContent).toBe('');
    unpaid.unmount();
    const shop = render(
      <DonationReceipt communityId="demo" order={anOrder({ status: 'paid' })} onChanged={() => undefined} />,
    );
    expect(shop.container.textContent).toBe('');
  });
});
