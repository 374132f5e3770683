import { act, fireEvent, render } from '@testing-library/react';
import { currentCommunityId, sessionToken } from '../../../state/session';
import { languagePreference } from '../../../state/preferences';
import { answerNext, sentRequest } from '../../../../test/answers';
import { anOrder } from '../../../../test/factories';
import DonatePage from '.';

const payment = { mode: 'dev' };

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
    answerNext(200, { items: [] }); // my pledges
    const { container } = render(<DonatePage />);
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

    expect(sentRequest(1).data).toEqual({ amountFen: 2000, publishName: true });
  });

  it('tells the donor at once when their message waits for the office’s review', async () => {
    answerNext(200, { items: [] });
    const { container } = render(<DonatePage />);
    await act(async () => undefined);

    fireEvent.change(container.querySelector('#donate-amount')!, { target: { value: '5' } });
    fireEvent.change(container.querySelector('#donate-message')!, { target: { value: '加油 LINLI-REVIEW' } });
    answerNext(201, { ...anOrder({ kind: 'donation', totalFen: 500, heldMessage: '加油 LINLI-REVIEW' }), payment });
    fireEvent.click(container.querySelector('#donate-submit')!);
    await act(async () => undefined);

    expect(sentRequest(1).data).toEqual({ amountFen: 500, publishName: false, message: '加油 LINLI-REVIEW' });
    expect(container.querySelector('#donate-message-held')?.textContent).toContain('需要社区人工审核');
  });
});
