/** sessionStorage: when this tab last reloaded for a missing script, so it does it once, not in a loop. */
const RELOADED_AT_KEY = 'linli.page.reloadedForChunk';
/** A second missing script within this time is a real failure (shown as such), not a new release. */
const RELOAD_GUARD_MS = 60_000;
/** How long the reload waits for the service worker to fetch the page anew. */
const REFRESH_WAIT_MS = 5_000;

/**
 * Has the service worker that controls this tab fetch the page anew and keep it (src/service-worker.js,
 * `linli:refresh-page`); resolves when it answers, or after {@link REFRESH_WAIT_MS}, or at once without one.
 */
function refreshKeptPage(): Promise<void> {
  const worker = typeof navigator !== 'undefined' ? navigator.serviceWorker?.controller : null;
  if (!worker) return Promise.resolve();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(resolve, REFRESH_WAIT_MS);
    channel.port1.onmessage = () => {
      clearTimeout(timer);
      resolve();
    };
    worker.postMessage({ type: 'linli:refresh-page' }, [channel.port2]);
  });
}

/**
 * The H5 app's page kept by this browser (issue 21; the mini-program has none of this):
 * - registers `/service-worker.js` once the page has loaded (it then serves the page from its copy on
 *   the next visits and refreshes the copy in the background — see src/service-worker.js);
 * - a page kept from an older release asks for scripts of that release: when one is gone (webpack's
 *   `ChunkLoadError`, thrown out of Taro's router), the worker fetches the page anew and the tab reloads
 *   once — into the new release — instead of leaving a blank page. A second failure within
 *   {@link RELOAD_GUARD_MS} is left to show (the network is down, not the release changed).
 * Browsers without service workers (or without `sessionStorage`) simply load the page each time.
 */
export function keepAppPage({
  now = Date.now,
  reload = () => window.location.reload(),
  refresh = refreshKeptPage,
}: { now?: () => number; reload?: () => void; refresh?: () => Promise<void> } = {}): void {
  if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined') return;
  if ('serviceWorker' in navigator) {
    const register = () => void navigator.serviceWorker.register('/service-worker.js').catch(() => undefined);
    if (document.readyState === 'complete') register();
    else window.addEventListener('load', register, { once: true });
  }
  chunkFailed = (reason) => {
    if ((reason as { name?: unknown } | undefined)?.name !== 'ChunkLoadError') return;
    try {
      const last = Number(sessionStorage.getItem(RELOADED_AT_KEY) ?? 0);
      if (now() - last < RELOAD_GUARD_MS) return;
      sessionStorage.setItem(RELOADED_AT_KEY, String(now()));
    } catch {
      return;
    }
    void refresh().then(reload);
  };
  window.addEventListener('unhandledrejection', (event) => chunkFailed(event.reason));
}

/** What {@link keepAppPage} does with a failed chunk; nothing until it has started (the mini-program, tests). */
let chunkFailed: (reason: unknown) => void = () => undefined;

/**
 * A chunk the app loads on its own and handles the failure of (the rest of the Chinese, i18n/index.ts): a
 * `ChunkLoadError` gets the same answer as one thrown out of the router — the page anew, one reload.
 */
export function reportChunkFailure(reason: unknown): void {
  chunkFailed(reason);
}
