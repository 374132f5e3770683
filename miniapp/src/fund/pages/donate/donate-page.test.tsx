import { act, fireEvent, render } from '@testing-library/react';
import { currentCommunityId, sessionToken } from '../../../state/session';
import { languagePreference } from '../../../state/preferences';
import { answerNext, sentRequest } from '../../../../test/answers';
import { anOrder } from '../../../../test/factories';
import DonatePage from '.';

const payment = { mode: 'dev' };
const HOLDER = {
  name: '测试市慈善总会',
  creditCode: '53100000500021676K',
  qualification: { certificateNo: '慈公募 1 号', validFrom: '2024-01-01', validUntil: '2099-12-31' },
};
const fund = (holder: typeof HOLDER | null, donationsOpen: boolean) => ({
  communityId: 'demo',
  balanceFen: 0,
  incomeFen: 0,
  expenseFen: 0,
  entryCount: 0,
  latestHash: '0'.repeat(64),
  months: [],
  entries: [],
  receipts: {},
  messages: {},
  donors: {},
  holder,
  donationsOpen,
  nextCursor: null,
});

describe('the donate page', () => {
  beforeEach(() => {
    languagePreference.clear();
    sessionToken.set('token-1');
    currentCommunityId.set('demo');
  });

  afterEach(() => {
    sessionToken.clear();
    currentCommunityId.clear();
  });

  it('gives anonymously unless the donor ticks 显示我的名字, whose consent text then shows', async () => {
    answerNext(200, fund(HOLDER, true));
    answerNext(200, { items: [] }); // my pledges
    const { container } = render(<DonatePage />);
    await act(async () => undefined);
    await act(async () => undefined);

    expect(container.querySelector('#donate-publish-name-text')?.textContent).toBe('不勾选时，公示中显示为“匿名”');
    fireEvent.click(container.querySelector('#donate-publish-name')!);
    expect(container.querySelector('#donate-publish-name-text')?.textContent).toContain(
      '我同意在社区公益基金的公示中显示我的名字',
    );

    fireEvent.change(container.querySelector('#donate-amount')!, { target: { value: '20' } });
    answerNext(201, { ...anOrder({ kind: 'donation', totalFen: 2000 }), payment });
    fireEvent.click(container.querySelector('#donate-submit')!);
    await act(async () => undefined);

    expect(sentRequest(2).data).toEqual({ amountFen: 2000, publishName: true });
  });

  it('once paid, no longer says 请付款 (issue 21: a stale screen)', async () => {
    answerNext(200, fund(HOLDER, true));
    answerNext(200, { items: [] });
    const { container } = render(<DonatePage />);
    await act(async () => undefined);
    await act(async () => undefined);
    fireEvent.change(container.querySelector('#donate-amount')!, { target: { value: '5' } });
    const created = anOrder({ kind: 'donation', totalFen: 500 });
    answerNext(201, { ...created, payment });
    fireEvent.click(container.querySelector('#donate-submit')!);
    await act(async () => undefined);
    expect(container.querySelector('#donate-result')?.textContent).toContain('请付款');

    answerNext(200, { order: { ...created, status: 'paid' } });
    fireEvent.click(container.querySelector(`#pay-${created.id}`)!);
    await act(async () => undefined);
    await act(async () => undefined);

    expect(container.querySelector('#donate-result')).toBeNull();
    expect(container.querySelector(`#pay-${created.id}-result`)?.textContent).toContain('付款成功');
    expect(container.textContent).not.toContain('请付款');
  });

  it('tells the donor at once when their message waits for the office’s review', async () => {
    answerNext(200, fund(HOLDER, true));
    answerNext(200, { items: [] });
    const { container } = render(<DonatePage />);
    await act(async () => undefined);
    await act(async () => undefined);

    fireEvent.change(container.querySelector('#donate-amount')!, { target: { value: '5' } });
    fireEvent.change(container.querySelector('#donate-message')!, { target: { value: '加油 LINLI-REVIEW' } });
    answerNext(201, { ...anOrder({ kind: 'donation', totalFen: 500, heldMessage: '加油 LINLI-REVIEW' }), payment });
    fireEvent.click(container.querySelector('#donate-submit')!);
    await act(async () => undefined);

    expect(sentRequest(2).data).toEqual({ amountFen: 500, publishName: false, message: '加油 LINLI-REVIEW' });
    expect(container.querySelector('#donate-message-held')?.textContent).toContain('需要社区人工审核');
  });

  it('names the receiving charity; without a valid holder it says why and shows no form', async () => {
    answerNext(200, fund(HOLDER, true));
    answerNext(200, { items: [] });
    const open = render(<DonatePage />);
    await act(async () => undefined);
    await act(async () => undefined);
    expect(open.container.querySelector('#fund-holder-name')?.textContent).toBe('测试市慈善总会');
    expect(open.container.querySelector('#fund-holder-code')?.textContent).toContain('53100000500021676K');
    expect(open.container.querySelector('#fund-holder-qualification')?.textContent).toContain('2099-12-31');
    open.unmount();

    answerNext(200, fund(null, false));
    answerNext(200, { items: [] });
    const { container } = render(<DonatePage />);
    await act(async () => undefined);
    await act(async () => undefined);

    expect(container.querySelector('#fund-holder-none')?.textContent).toContain('暂不接受线上捐赠');
    expect(container.querySelector('#donate-closed')?.textContent).toContain('慈善法');
    expect(container.querySelector('#donate-form')).toBeNull();
    expect(container.querySelector('#pledge-form')).toBeNull();
  });
});
