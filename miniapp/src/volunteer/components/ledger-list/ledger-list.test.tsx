import { render } from '@testing-library/react';
import { languagePreference } from '../../../state/preferences';
import { formatSignedPoints } from '../../../format/points';
import { aLedgerEntry } from '../../../../test/factories';
import LedgerRow from '.';

describe('ledger amounts', () => {
  it('always show their sign', () => {
    expect(formatSignedPoints(3)).toBe('+3');
    expect(formatSignedPoints(-2)).toBe('\u22122');
    expect(formatSignedPoints(0)).toBe('0');
  });

  it.each([
    [3, '+3', 'ledger-row__amount--in', '志愿服务'],
    [-5, '\u22125', 'ledger-row__amount--out', '兑换'],
  ] as const)('shows %d as %s', (amountPoints, text, className, kindText) => {
    languagePreference.clear();
    const kind = amountPoints > 0 ? 'claim' : 'redemption';
    const entry = aLedgerEntry({ transferId: 't1', amountPoints, kind });

    const { container } = render(<LedgerRow entry={entry} currency="志愿积分" />);

    const amount = container.querySelector('#ledger-t1 .ledger-row__amount');
    expect(amount?.textContent).toBe(text);
    expect(amount?.className).toContain(className);
    expect(container.textContent).toContain(kindText);
    expect(container.textContent).toContain('楼道清洁');
  });
});
