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

  beforeAll(() => {
    keepAppPage({ now: () => clock, reload });
  });

  beforeEach(() => {
    sessionStorage.clear();
    reload.mockClear();
  });

  it('reloads once when a script of an older release is gone, not again within a minute', () => {
    unhandled(chunkLoadError());
    clock += 5_000;
    unhandled(chunkLoadError());

    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('reloads again for a release a minute or more later', () => {
    unhandled(chunkLoadError());
    clock += 60_000;
    unhandled(chunkLoadError());

    expect(reload).toHaveBeenCalledTimes(2);
  });

  it('leaves other failures alone', () => {
    unhandled(new Error('boom'));
    unhandled(undefined);

    expect(reload).not.toHaveBeenCalled();
  });
});
