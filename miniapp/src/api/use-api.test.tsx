import { act, render } from '@testing-library/react';
import { dataChanged } from './changes';
import { useApi } from './use-api';

function Shows({ load }: { load: () => Promise<string> }) {
  const state = useApi('key', load);
  return <span id="shown">{state.data ?? (state.loading ? 'loading' : 'error')}</span>;
}

const flush = () => act(async () => new Promise((resolve) => setTimeout(resolve, 5)));

describe('useApi after a write (issue 21: stale screens)', () => {
  it('loads again when the app changed something, keeping what it shows until the new answer', async () => {
    const load = jest.fn().mockResolvedValueOnce('已签到 3 人').mockResolvedValueOnce('已签到 4 人');
    const { container } = render(<Shows load={load} />);
    await flush();
    expect(container.querySelector('#shown')?.textContent).toBe('已签到 3 人');

    act(() => dataChanged());
    expect(container.querySelector('#shown')?.textContent).toBe('已签到 3 人');
    await flush();

    expect(load).toHaveBeenCalledTimes(2);
    expect(container.querySelector('#shown')?.textContent).toBe('已签到 4 人');
  });

  it('keeps the screen when the refresh fails', async () => {
    const load = jest.fn().mockResolvedValueOnce('库存 2').mockRejectedValueOnce(new Error('offline'));
    const { container } = render(<Shows load={load} />);
    await flush();

    act(() => dataChanged());
    await flush();

    expect(load).toHaveBeenCalledTimes(2);
    expect(container.querySelector('#shown')?.textContent).toBe('库存 2');
  });
});
