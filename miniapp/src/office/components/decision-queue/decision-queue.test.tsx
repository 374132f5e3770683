import { Button, Text } from '@tarojs/components';
import { act, fireEvent, render } from '@testing-library/react';
import { ApiError } from '../../../api';
import ActionOutcome from '../../../components/action-outcome';
import { languagePreference } from '../../../state/preferences';
import DecisionQueue, { ApproveOrReject, type Decision } from '.';

interface Request {
  id: string;
  title: string;
}

const waiting: Request[] = [
  { id: 'r1', title: '张记包子铺' },
  { id: 'r2', title: '李家修鞋' },
];

const click = (container: HTMLElement, selector: string) =>
  act(async () => fireEvent.click(container.querySelector(selector)!));

function RequestCard({ item, decision, send }: { item: Request; decision: Decision; send: () => Promise<unknown> }) {
  return (
    <div id={`request-${item.id}`}>
      <Text>{item.title}</Text>
      <Button id={`request-approve-${item.id}`} onClick={() => decision.decide(send, `已通过 ${item.title}`)}>
        通过
      </Button>
      <ActionOutcome id={`request-${item.id}`} outcome={decision.outcome} />
    </div>
  );
}

async function renderQueue({
  send = () => Promise.resolve(),
  leaveAfterMilliseconds,
}: { send?: () => Promise<unknown>; leaveAfterMilliseconds?: number } = {}) {
  const loadPage = jest.fn().mockResolvedValue({ items: waiting, nextCursor: null });
  const view = render(
    <DecisionQueue<Request>
      communityId="demo"
      listId="requests"
      listKey="requests:demo"
      loadPage={loadPage}
      empty="applications.empty"
      leaveAfterMilliseconds={leaveAfterMilliseconds}
      header={({ reload }) => (
        <Button id="requests-reload" onClick={reload}>
          刷新
        </Button>
      )}
      renderItem={(item, decision) => <RequestCard item={item} decision={decision} send={send} />}
    />,
  );
  await act(async () => undefined);
  return { ...view, loadPage };
}

describe('DecisionQueue', () => {
  beforeEach(() => languagePreference.clear());
  afterEach(() => jest.useRealTimers());

  it('lists the waiting items and takes a decided one off the queue at once', async () => {
    const send = jest.fn().mockResolvedValue({});
    const { container } = await renderQueue({ send });
    expect(container.querySelector('#requests #request-r1')!.textContent).toContain('张记包子铺');

    await click(container, '#request-approve-r1');

    expect(send).toHaveBeenCalledTimes(1);
    expect(container.querySelector('#request-r1')).toBeNull();
    expect(container.querySelector('#request-r2')).not.toBeNull();
  });

  it('keeps an item whose decision failed, with the reason in plain words', async () => {
    const { container } = await renderQueue({
      send: () => Promise.reject(new ApiError(409, 'merchant.already_decided', 'decided')),
    });

    await click(container, '#request-approve-r2');

    expect(container.querySelector('#request-r2-error')!.textContent).toBe('这份申请已经审核过了');
  });

  it('leaves a decided item on screen with its outcome for the time asked, then drops it', async () => {
    jest.useFakeTimers();
    const { container } = await renderQueue({ leaveAfterMilliseconds: 800 });

    await click(container, '#request-approve-r1');
    expect(container.querySelector('#request-r1-result')!.textContent).toBe('已通过 张记包子铺');

    act(() => jest.advanceTimersByTime(800));

    expect(container.querySelector('#request-r1')).toBeNull();
  });

  it('says so when nothing waits, and loads the queue again when the header asks', async () => {
    const { container, loadPage } = await renderQueue();
    loadPage.mockResolvedValue({ items: [], nextCursor: null });

    await click(container, '#requests-reload');

    expect(loadPage).toHaveBeenCalledTimes(2);
    expect(container.querySelector('#requests-empty')!.textContent).toContain('没有待审核的入盟申请');
  });
});

describe('ApproveOrReject', () => {
  const labels = { approve: '通过', reject: '拒绝', rejectPlaceholder: '拒绝原因' };

  it('approves with one tap and rejects only with a reason', async () => {
    const onApprove = jest.fn();
    const onReject = jest.fn();
    const { container } = render(
      <ApproveOrReject
        name="product"
        itemId="p1"
        labels={labels}
        busy={false}
        onApprove={onApprove}
        onReject={onReject}
      />,
    );

    await click(container, '#product-approve-p1');
    await click(container, '#product-reject-p1');
    await click(container, '#product-reject-p1-confirm');
    expect(onReject).not.toHaveBeenCalled();
    fireEvent.change(container.querySelector('#product-reject-p1-reason')!, { target: { value: ' 图片不清楚 ' } });
    await click(container, '#product-reject-p1-confirm');

    expect(onApprove).toHaveBeenCalledTimes(1);
    expect(onReject).toHaveBeenCalledWith('图片不清楚');
  });
});
