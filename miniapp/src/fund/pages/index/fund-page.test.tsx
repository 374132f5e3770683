import Taro from '@tarojs/taro';
import { act, render } from '@testing-library/react';
import { currentCommunityId, sessionToken } from '../../../state/session';
import { languagePreference } from '../../../state/preferences';
import { answerNext, sentRequest } from '../../../../test/answers';
import { routerParams } from '../../../../test/doubles/taro';
import { aFundEntry, anImage } from '../../../../test/factories';
import FundPublicPage from '.';

describe('the public fund page', () => {
  beforeEach(() => {
    sessionToken.clear();
    currentCommunityId.clear();
    languagePreference.clear();
    routerParams.cid = 'demo';
  });

  afterEach(() => {
    delete routerParams.cid;
  });

  it('shows the ledger to a visitor who is not logged in, with the latest hash to keep', async () => {
    const latest = aFundEntry({
      id: 'entry-2',
      sequence: 2,
      hash: 'f'.repeat(64),
      balanceAfterFen: 8000,
      kind: 'donation',
    });
    answerNext(200, {
      communityId: 'demo',
      balanceFen: 8000,
      incomeFen: 8000,
      expenseFen: 0,
      entryCount: 2,
      latestHash: latest.hash,
      months: [{ month: '2025-11', incomeFen: 8000, expenseFen: 0 }],
      entries: [
        aFundEntry({ sequence: 3, kind: 'expense', amountFen: -500, receiptImageId: 'img_receipt' }),
        latest,
        aFundEntry(),
      ],
      receipts: { img_receipt: anImage({ id: 'img_receipt' }) },
      messages: { 'entry-2': '愿老人们冬天暖和' },
      donors: { 'entry-2': '王阿姨' },
      nextCursor: null,
    });

    const { container } = render(<FundPublicPage />);
    await act(async () => undefined);

    expect(Taro.reLaunch).not.toHaveBeenCalled();
    expect(sentRequest().url).toBe('https://api.linli.test/v1/communities/demo/fund');
    expect((sentRequest().header as Record<string, string>).Authorization).toBeUndefined();
    expect(container.querySelector('#fund-balance')?.textContent).toBe('¥80.00');
    expect(container.querySelector('#fund-latest-hash')?.textContent).toBe('f'.repeat(64));
    expect(container.textContent).toContain('保存此哈希，日后可核对账目未被改写');
    expect(container.querySelector('#fund-entry-2-amount')?.textContent).toBe('+¥30.00');
    // The expense's receipt photo, from the page's `receipts` by the entry's (hashed) receiptImageId.
    expect(container.querySelector('#fund-entry-3-receipt .image-gallery__thumb')).not.toBeNull();
    expect(container.querySelector('#fund-entry-2-receipt')).toBeNull();
    // A donor's message the office released, beside its entry (from the page's `messages`, outside the hash).
    expect(container.querySelector('#fund-entry-2-message')?.textContent).toBe('留言：愿老人们冬天暖和');
    expect(container.querySelector('#fund-entry-3-message')).toBeNull();
    // The donor who chose to be named, from the page's `donors`; another gift shows as 匿名.
    expect(container.querySelector('#fund-entry-2-donor')?.textContent).toBe('捐赠人：王阿姨');
    expect(container.querySelector('#fund-csv-url')?.textContent).toBe(
      'https://api.linli.test/v1/communities/demo/fund/entries.csv',
    );
  });
});
