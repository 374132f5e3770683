import { render } from '@testing-library/react';
import { languagePreference } from '../../../state/preferences';
import VerifyPassResult from '.';

describe('VerifyPassResult', () => {
  beforeEach(() => languagePreference.clear());

  it('shows a valid pass with the holder’s name large and the discount to give', () => {
    const { container } = render(
      <VerifyPassResult
        result={{
          valid: true,
          holder: { displayName: '李阿姨' },
          offer: { description: '全场菜品', pricePercent: 80 },
          use: { id: 'use-1', at: '2025-11-22T06:00:00.000Z', flagged: false },
        }}
      />,
    );

    expect(container.querySelector('#verify-verdict')?.textContent).toContain('证书有效');
    const name = container.querySelector('#verify-holder');
    expect(name?.textContent).toBe('李阿姨');
    expect(name?.className).toBe('verify-result__name');
    expect(container.querySelector('#verify-offer')?.textContent).toBe('凭志愿者证 8折');
    expect(container.querySelector('#verify-flagged')).toBeNull();
    expect(container.querySelector('#verify-reason')).toBeNull();
  });

  it('shows the bill after the discount when the merchant typed one (issue 21)', () => {
    const { container } = render(
      <VerifyPassResult
        billFen={12350}
        result={{
          valid: true,
          holder: { displayName: '李阿姨' },
          offer: { description: '理发', pricePercent: 86 },
          use: { id: 'use-1', at: '2025-11-22T06:00:00.000Z', flagged: false },
        }}
      />,
    );

    // 123.50 × 0.86 = 106.21 to charge; 17.29 off.
    expect(container.querySelector('#verify-bill-due')?.textContent).toBe('优惠后应收 ¥106.21');
    expect(container.querySelector('#verify-bill-result')?.textContent).toContain('¥17.29');
  });

  it('writes a tenth of a discount as 8.6折 and warns about a flagged use', () => {
    const { container } = render(
      <VerifyPassResult
        result={{
          valid: true,
          holder: { displayName: '李阿姨' },
          offer: { description: '理发', pricePercent: 86 },
          use: { id: 'use-1', at: '2025-11-22T06:00:00.000Z', flagged: true },
        }}
      />,
    );

    expect(container.querySelector('#verify-offer')?.textContent).toBe('凭志愿者证 8.6折');
    expect(container.querySelector('#verify-flagged')).not.toBeNull();
  });

  it.each([
    ['expired', '已过期'],
    ['forged', '无效的证书码'],
    ['revoked', '证书已撤销'],
    ['other_community', '不是本社区'],
    ['merchant_inactive', '不在联盟'],
    ['something_new', '证书无效'],
  ])('shows why a %s pass is refused, and no name', (reason, text) => {
    const { container } = render(<VerifyPassResult result={{ valid: false, reason }} />);

    expect(container.querySelector('#verify-verdict')?.textContent).toContain('证书无效');
    expect(container.querySelector('#verify-reason')?.textContent).toContain(text);
    expect(container.querySelector('#verify-holder')).toBeNull();
    expect(container.querySelector('#verify-offer')).toBeNull();
  });
});
