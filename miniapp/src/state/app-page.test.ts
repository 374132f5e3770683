import { keepAppPage } from './app-page';

/** A rejection nobody handled, as the browser reports one thrown out of Taro's router. */
function unhandled(reason: unknown): void {
  const event = new Event('unhandledrejection') as Event & { reason: unknown };
  event.reason = reason;
  window.dispatchEvent(event);
}

const chunkLoadError = () => Object.assign(new Error('Loading chunk 1694 failed.'), { name: 'ChunkLoadError' });

describe('the page kept across releases (issue 21)', () => {
  let clock = 1_000_000;
  const reload = jest.fn();
  const order: string[] = [];
  // The service worker's fresh copy of the page: asked for first, the reload waits for it.
  const refresh = jest.fn(() => {
    order.push('refresh');
    return Promise.resolve();
  });
  const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

  beforeAll(() => {
    keepAppPage({ now: () => clock, reload: () => (order.push('reload'), reload()), refresh });
  });

  beforeEach(() => {
    sessionStorage.clear();
    reload.mockClear();
    refresh.mockClear();
    order.length = 0;
  });

  it('has the page fetched anew, then reloads once, when a script of an older release is gone — not again within a minute', async () => {
    unhandled(chunkLoadError());
    clock += 5_000;
    unhandled(chunkLoadError());
    await settled();

    expect(order).toEqual(['refresh', 'reload']);
  });

  it('reloads again for a release a minute or more later', async () => {
    unhandled(chunkLoadError());
    clock += 60_000;
    unhandled(chunkLoadError());
    await settled();

    expect(reload).toHaveBeenCalledTimes(2);
  });

  it('leaves other failures alone', async () => {
    unhandled(new Error('boom'));
    unhandled(undefined);
    await settled();

    expect(refresh).not.toHaveBeenCalled();
    expect(reload).not.toHaveBeenCalled();
  });
});
