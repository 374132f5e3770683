import { act, fireEvent, render } from '@testing-library/react';
import { languagePreference } from '../../../state/preferences';
import { sessionToken } from '../../../state/session';
import { answerNext, sentRequest } from '../../../../test/answers';
import { aClaim } from '../../../../test/factories';
import ClaimQueue, { chunk } from '.';

const pending = [
  aClaim({ id: 'c1', memberName: '王阿姨', minutes: 180, points: 3 }),
  aClaim({ id: 'c2', memberName: '李师傅', minutes: 60, points: 1, source: 'office' }),
  aClaim({ id: 'c3', memberName: '张大爷', minutes: 30, points: 0 }),
];

async function renderQueue() {
  answerNext(200, { items: pending, nextCursor: null });
  const view = render(<ClaimQueue communityId="demo" />);
  await act(async () => undefined);
  return view;
}

const click = (container: HTMLElement, selector: string) =>
  act(async () => fireEvent.click(container.querySelector(selector)!));

describe('ClaimQueue', () => {
  beforeEach(() => {
    sessionToken.set('token-1');
    languagePreference.clear();
  });

  it('lists pending claims with member, activity, duration and points', async () => {
    const { container } = await renderQueue();

    expect(sentRequest().url).toBe('https://api.linli.test/v1/communities/demo/claims?status=pending');
    const first = container.querySelector('#claim-c1')!.textContent;
    expect(first).toContain('王阿姨');
    expect(first).toContain('楼道清洁');
    expect(first).toContain('3 小时 0 分');
    expect(first).toContain('3 积分');
    expect(container.querySelector('#claim-c2')!.textContent).toContain('办公室补录');
  });

  it('approves the selected claims in one call and keeps a refused one with its reason', async () => {
    const { container } = await renderQueue();
    await click(container, '#claim-select-c1');
    await click(container, '#claim-select-c2');
    expect(container.querySelector('#claims-selected-count')!.textContent).toBe('已选 2 条');

    answerNext(200, {
      results: [
        { claimId: 'c1', status: 'approved' },
        { claimId: 'c2', status: 'failed', error: { code: 'claim.same_staff', message: 'same staff' } },
      ],
    });
    await click(container, '#claims-approve-selected');

    expect(sentRequest(1)).toMatchObject({
      url: 'https://api.linli.test/v1/communities/demo/claims/approve',
      method: 'POST',
      data: { claimIds: ['c1', 'c2'] },
    });
    expect(container.querySelector('#claim-c1')).toBeNull();
    expect(container.querySelector('#claim-error-c2')!.textContent).toBe('不能审核自己录入的时长，请由另一位社工审核');
    expect(container.querySelector('#claim-c3')).not.toBeNull();
    expect(container.querySelector('#claims-summary')!.textContent).toBe('已通过 1 条，1 条未能通过');
    expect(container.querySelector('#claims-selected-count')!.textContent).toBe('已选 1 条');
  });

  it('selects all and none', async () => {
    const { container } = await renderQueue();

    await click(container, '#claims-select-all');
    expect(container.querySelector('#claims-selected-count')!.textContent).toBe('已选 3 条');
    expect(container.querySelectorAll('.claim--selected')).toHaveLength(3);

    await click(container, '#claims-select-all');
    expect(container.querySelector('#claims-selected-count')!.textContent).toBe('已选 0 条');
  });

  it('sends nothing when nothing is selected', async () => {
    const { container } = await renderQueue();

    await click(container, '#claims-approve-selected');

    expect(sentRequest(1)).toBeUndefined();
  });

  it('rejects one claim with the reason typed', async () => {
    const { container } = await renderQueue();
    await click(container, '#claim-reject-c3');
    fireEvent.change(container.querySelector('#claim-reason-c3')!, { target: { value: '未到场' } });

    answerNext(200, { claim: aClaim({ id: 'c3', status: 'rejected' }) });
    await click(container, '#claim-reject-confirm-c3');

    expect(sentRequest(1)).toMatchObject({
      url: 'https://api.linli.test/v1/communities/demo/claims/c3/reject',
      data: { reason: '未到场' },
    });
    expect(container.querySelector('#claim-c3')).toBeNull();
  });

  it('splits a large selection into calls of at most 25', () => {
    const ids = Array.from({ length: 60 }, (_, index) => `c${index}`);
    expect(chunk(ids, 25).map((part) => part.length)).toEqual([25, 25, 10]);
  });
});

describe('ClaimQueue at a desk', () => {
  beforeEach(() => {
    sessionToken.set('token-1');
    languagePreference.clear();
  });

  async function renderTable() {
    answerNext(200, { items: pending, nextCursor: 'next-page' });
    const view = render(<ClaimQueue communityId="demo" desk />);
    await act(async () => undefined);
    return view;
  }
  const members = (container: HTMLElement) =>
    [...container.querySelectorAll('#claims-list tbody tr')].map((row) => row.querySelectorAll('td')[1]?.textContent);

  it('is a table, sortable by points, filtered by the box, saying more claims wait on the server', async () => {
    const { container, getByLabelText } = await renderTable();

    expect(container.querySelector('#claims-list table')).not.toBeNull();
    expect(container.querySelector('#claims-list-more-note')!.textContent).toContain('已载入的 3 条');
    await click(container, '#claims-list-sort-points');
    expect(members(container)).toEqual(['张大爷', '李师傅', '王阿姨']);
    await click(container, '#claims-list-sort-points');
    expect(members(container)).toEqual(['王阿姨', '李师傅', '张大爷']);
    expect(container.querySelector('#claims-list-sort-points')!.closest('th')!.getAttribute('aria-sort')).toBe(
      'descending',
    );

    act(() => fireEvent.change(getByLabelText('筛选'), { target: { value: '办公室' } }));
    expect(members(container)).toEqual(['李师傅']);
  });

  it('selects with labelled checkboxes and approves from the row', async () => {
    const { container, getByLabelText } = await renderTable();

    await act(async () => fireEvent.click(getByLabelText('选择 王阿姨')));
    expect(container.querySelector('#claims-selected-count')!.textContent).toBe('已选 1 条');
    expect(container.querySelectorAll('.claim--selected')).toHaveLength(1);

    answerNext(200, { claim: aClaim({ id: 'c1', status: 'approved' }) });
    await click(container, '#claim-approve-c1');

    expect(sentRequest(1)).toMatchObject({ url: 'https://api.linli.test/v1/communities/demo/claims/c1/approve' });
    expect(members(container)).toEqual(['李师傅', '张大爷']);
    expect(container.querySelector('#claims-selected-count')!.textContent).toBe('已选 0 条');
  });
});
