import { act, fireEvent, render } from '@testing-library/react';
import type { FundDisclosure } from '@linli/shared';
import { currentCommunityId, sessionToken } from '../../../state/session';
import { languagePreference } from '../../../state/preferences';
import { answerNext, sentRequest } from '../../../../test/answers';
import { routerParams } from '../../../../test/doubles/taro';
import { anImage } from '../../../../test/factories';
import FundDisclosurePage, { hasBegun, latestComplete, periodChoices } from '.';

/** An injected clock: 2031-05-20 in Beijing is in 2031-Q2, whatever today is. */
const NOW = new Date('2031-05-20T02:00:00.000Z');

function aDisclosure(overrides: Partial<FundDisclosure> = {}): FundDisclosure {
  return {
    communityId: 'demo',
    period: '2031-Q1',
    from: '2030-12-31T16:00:00.000Z',
    to: '2031-03-31T16:00:00.000Z',
    firstDay: '2031-01-01',
    lastDay: '2031-03-31',
    complete: true,
    generatedAt: NOW.toISOString(),
    openingBalanceFen: 10000,
    incomeFen: 8100,
    expenseFen: 4500,
    closingBalanceFen: 13600,
    incomeBySource: [
      { kind: 'donation', amountFen: 5100, count: 2 },
      { kind: 'sale_share', amountFen: 3000, count: 1 },
    ],
    expensesByPurpose: [
      {
        category: 'elderly_care',
        amountFen: 4000,
        count: 1,
        entries: [
          {
            sequence: 4,
            createdAt: '2031-02-20T17:00:00.000Z',
            description: '为独居老人购买米面油',
            amountFen: 4000,
            approvedBy: 'staff-2',
            receiptImageId: 'img_receipt',
          },
        ],
      },
      { category: 'refund', amountFen: 500, count: 1, entries: [] },
    ],
    chainHead: { sequence: 6, hash: 'a'.repeat(64) },
    entryCount: 5,
    receipts: { img_receipt: anImage({ id: 'img_receipt' }) },
    ...overrides,
  };
}

async function renderPage() {
  const view = render(<FundDisclosurePage />);
  await act(async () => undefined);
  return view.container;
}

describe('信息公开: the fund’s disclosure page', () => {
  beforeEach(() => {
    jest.useFakeTimers({
      now: NOW,
      doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'setInterval', 'queueMicrotask'],
    });
    sessionToken.clear();
    currentCommunityId.clear();
    languagePreference.clear();
    routerParams.cid = 'demo';
  });

  afterEach(() => {
    jest.useRealTimers();
    delete routerParams.cid;
    process.env.TARO_ENV = 'h5';
  });

  it('chooses only periods that have begun, the latest complete quarter first', () => {
    expect(periodChoices(NOW)).toEqual({ years: ['2031', '2030', '2029', '2028', '2027'], current: '2031-Q2' });
    expect(latestComplete('2031-Q2')).toBe('2031-Q1');
    expect(latestComplete('2031-Q1')).toBe('2030-Q4');
    expect(hasBegun('2031', '2031-Q1')).toBe(true);
    expect(hasBegun('2031-Q3', '2031-Q2')).toBe(false);
    expect(hasBegun('2032', '2031-Q4')).toBe(false);
  });

  it('shows a visitor the figures, the tables with the receipt photo and the chain head, without logging in', async () => {
    answerNext(200, aDisclosure());

    const container = await renderPage();

    expect(sentRequest().url).toBe('https://api.linli.test/v1/communities/demo/fund/disclosures/2031-Q1');
    expect((sentRequest().header as Record<string, string>).Authorization).toBeUndefined();
    expect(container.querySelector('#disclosure-sheet')?.textContent).toContain('2031 年第 1 季度');
    expect(container.querySelector('#disclosure-dates')?.textContent).toBe('2031-01-01 至 2031-03-31（北京时间）');
    expect(container.querySelector('#disclosure-opening')?.textContent).toBe('期初余额¥100.00');
    expect(container.querySelector('#disclosure-closing')?.textContent).toBe('期末余额¥136.00');
    expect(container.querySelector('#disclosure-income-donation')?.textContent).toBe('捐赠2 笔¥51.00');
    expect(container.querySelector('#disclosure-purpose-elderly_care')?.textContent).toContain('助老');
    // China time: 2031-02-20T17:00Z is the 21st in Beijing
    expect(container.querySelector('#disclosure-expense-4')?.textContent).toContain('2031-02-21');
    expect(container.querySelector('#disclosure-receipt-4 .image-gallery__thumb')).not.toBeNull();
    expect(container.querySelector('#disclosure-purpose-refund')?.textContent).toContain('退款');
    expect(container.querySelector('#disclosure-chain-hash')?.textContent).toBe('a'.repeat(64));
    // the quarters of 2031 not yet begun are not offered
    expect(container.querySelector('#disclosure-quarter-Q2')).not.toBeNull();
    expect(container.querySelector('#disclosure-quarter-Q3')).toBeNull();
    expect(container.querySelector('#disclosure-back')).not.toBeNull();
  });

  it('loads the year or quarter chosen', async () => {
    answerNext(200, aDisclosure());
    const container = await renderPage();
    answerNext(200, aDisclosure({ period: '2030-Q1' }));
    await act(async () => fireEvent.click(container.querySelector('#disclosure-year-2030')!));
    answerNext(200, aDisclosure({ period: '2030', incomeBySource: [], expensesByPurpose: [] }));
    await act(async () => fireEvent.click(container.querySelector('#disclosure-quarter-year')!));

    expect(sentRequest(1).url).toBe('https://api.linli.test/v1/communities/demo/fund/disclosures/2030-Q1');
    expect(sentRequest(2).url).toBe('https://api.linli.test/v1/communities/demo/fund/disclosures/2030');
    expect(container.querySelector('#disclosure-sheet')?.textContent).toContain('2030 年度');
    expect(container.querySelector('#disclosure-income-table')?.textContent).toContain('本期没有');
  });

  it('speaks English', async () => {
    act(() => languagePreference.set('en'));
    answerNext(200, aDisclosure({ complete: false }));

    const container = await renderPage();

    expect(container.textContent).toContain('Opening balance');
    expect(container.textContent).toContain('the period is not over');
    expect(container.textContent).toContain('Download Excel');
  });

  it('downloads the workbook in the browser, without a login', async () => {
    answerNext(200, aDisclosure());
    const fetchDouble = jest.fn(() =>
      Promise.resolve({
        ok: true,
        status: 200,
        headers: { get: () => null },
        blob: () => Promise.resolve(new Blob(['PK'])),
      }),
    );
    globalThis.fetch = fetchDouble as unknown as typeof fetch;
    URL.createObjectURL = jest.fn(() => 'blob:linli/xlsx');
    URL.revokeObjectURL = jest.fn();
    const clicked: HTMLAnchorElement[] = [];
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    const container = await renderPage();

    await act(async () => fireEvent.click(container.querySelector('#disclosure-download')!));

    const [url] = fetchDouble.mock.calls[0] as unknown as [string];
    expect(url).toBe('https://api.linli.test/v1/communities/demo/fund/disclosures/2031-Q1?format=xlsx');
    expect(clicked[0]?.download).toBe('linli-fund-demo-2031-Q1.xlsx');
    expect(container.querySelector('#disclosure-download-result')?.textContent).toContain('已下载');
  });
});
