import { render, screen } from '@testing-library/react';
import { translate } from '../../i18n';
import { aMeResponse } from '../../../test/factories';
import MeView, { certificatePercent } from '.';

const chinese = translate.bind(null, 'zh-CN');

describe('MeView', () => {
  it('shows the name, translated roles and the balance in the community currency', () => {
    const me = aMeResponse({
      member: { id: 'm1', roles: ['resident', 'staff'], displayName: '李师傅', joinedAt: '2025-01-01T00:00:00.000Z' },
      balancePoints: 2,
    });

    const { container } = render(<MeView me={me} t={chinese} />);

    expect(container.querySelector('#me-display-name')?.textContent).toBe('李师傅');
    expect(screen.getByText('居民')).toBeTruthy();
    expect(screen.getByText('社工')).toBeTruthy();
    expect(container.querySelector('#me-balance')?.textContent).toBe('志愿积分 2');
  });

  it('shows the way to a certificate when there is none yet', () => {
    const { container } = render(<MeView me={aMeResponse({ balancePoints: 2 })} t={chinese} />);

    expect(container.querySelector('#me-certificate')?.textContent).toContain('未获得志愿者证书');
    expect(container.querySelector('#me-certificate-progress')?.textContent).toBe(
      '再获得 1 志愿积分 即可领取证书（2 / 3）',
    );
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('66');
  });

  it.each([
    ['active', '志愿者证书有效'],
    ['revoked', '证书已撤销'],
  ] as const)('shows a %s certificate', (status, text) => {
    const me = aMeResponse({ certificate: { status, issuedAt: '2025-02-01T00:00:00.000Z' } });

    const { container } = render(<MeView me={me} t={chinese} />);

    expect(container.querySelector('#me-certificate')?.textContent).toContain(text);
  });

  it('computes whole-percent progress, capped at 100', () => {
    expect(certificatePercent(0, 3)).toBe(0);
    expect(certificatePercent(1, 3)).toBe(33);
    expect(certificatePercent(7, 3)).toBe(100);
    expect(certificatePercent(0, 0)).toBe(100);
  });
});
