import { fireEvent, render } from '@testing-library/react';
import { languagePreference } from '../../state/preferences';
import { aFundEntry, anImage } from '../../../test/factories';
import FundEntryRow from '.';

const text = (container: HTMLElement, selector: string) => container.querySelector(selector)?.textContent;

describe('FundEntryRow', () => {
  beforeEach(() => languagePreference.clear());

  it('shows an income with a plus sign, its kind, the running balance and the short hash', () => {
    const { container } = render(<FundEntryRow entry={aFundEntry({ sequence: 7, balanceAfterFen: 53005 })} />);

    expect(text(container, '#fund-entry-7-amount')).toBe('+¥30.00');
    expect(text(container, '#fund-entry-7 .fund-entry__kind')).toBe('#7 销售分成');
    expect(text(container, '#fund-entry-7-balance')).toBe('余额 ¥530.05');
    expect(text(container, '#fund-entry-7-hash')).toBe('哈希 a1b2c3d4e5f6…');
  });

  it('shows an expense with a minus sign, in red, with its category', () => {
    const { container } = render(
      <FundEntryRow
        entry={aFundEntry({ kind: 'expense', amountFen: -1205, balanceAfterFen: 1795, category: 'elderly_care' })}
      />,
    );

    expect(text(container, '#fund-entry-1-amount')).toBe('-¥12.05');
    expect(container.querySelector('#fund-entry-1-amount')?.className).toContain('ledger-row__amount--out');
    expect(text(container, '#fund-entry-1 .fund-entry__kind')).toBe('#1 支出');
    expect(container.textContent).toContain('助老');
    expect(text(container, '#fund-entry-1-balance')).toBe('余额 ¥17.95');
  });

  it.each([
    ['donation', '捐赠'],
    ['pledge', '月捐'],
    ['stall', '义卖'],
  ] as const)('names a %s entry %s, and the donor who chose to be named', (kind, label) => {
    const { container } = render(<FundEntryRow entry={{ ...aFundEntry({ kind }), donor: '张先生' }} />);

    expect(text(container, '.fund-entry__kind')).toBe(`#1 ${label}`);
    expect(text(container, '#fund-entry-1-donor')).toBe('捐赠人：张先生');
  });

  it('shows a gift whose donor did not choose to be named as 匿名, and no donor for a sale share', () => {
    const gift = render(<FundEntryRow entry={aFundEntry({ kind: 'donation' })} />);
    expect(text(gift.container, '#fund-entry-1-donor')).toBe('捐赠人：匿名');
    const share = render(<FundEntryRow entry={aFundEntry({ kind: 'sale_share', sequence: 2 })} />);
    expect(share.container.querySelector('#fund-entry-2-donor')).toBeNull();
  });

  it('shows the whole hash and the previous one when tapped', () => {
    const entry = aFundEntry();
    const { container } = render(<FundEntryRow entry={entry} />);

    fireEvent.click(container.querySelector('#fund-entry-1')!);

    expect(text(container, '#fund-entry-1-hash')).toBe(entry.hash);
    expect(text(container, '#fund-entry-1-previous')).toBe(`上一笔哈希：${'0'.repeat(64)}`);
  });

  it('shows an expense’s receipt photo as a lazy thumbnail that enlarges without expanding the row', () => {
    const receipt = anImage({ id: 'img_receipt' });
    const { container } = render(
      <FundEntryRow
        entry={{
          ...aFundEntry({ kind: 'expense', amountFen: -1205, category: 'elderly_care', receiptImageId: receipt.id }),
          receipt,
        }}
      />,
    );

    const thumb = container.querySelector<HTMLImageElement>('#fund-entry-1-receipt .image-gallery__thumb');
    expect(thumb?.src).toBe('https://photos.linli.test/img_receipt-thumb.jpg');
    expect(thumb?.getAttribute('loading')).toBe('lazy');
    expect(thumb?.alt).toBe('票据照片，第 1 张，共 1 张');

    fireEvent.click(container.querySelector('#fund-entry-1-receipt .image-gallery__item')!);

    expect(container.querySelector<HTMLImageElement>('.image-gallery__full')?.src).toBe(
      'https://photos.linli.test/img_receipt.jpg',
    );
    expect(container.querySelector('#fund-entry-1-previous')).toBeNull();
  });

  it('shows no photo for an entry without a receipt', () => {
    const { container } = render(<FundEntryRow entry={aFundEntry()} />);

    expect(container.querySelector('.image-gallery__thumb')).toBeNull();
  });
});
