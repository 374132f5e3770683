/** sessionStorage: when this tab last reloaded for a missing script, so it does it once, not in a loop. */
const RELOADED_AT_KEY = 'linli.page.reloadedForChunk';
/** A second missing script within this time is a real failure (shown as such), not a new release. */
const RELOAD_GUARD_MS = 60_000;

/**
 * The H5 app's page kept by this browser (issue 21; the mini-program has none of this):
 * - registers `/service-worker.js` once the page has loaded (it then serves the page from its copy on
 *   the next visits and refreshes the copy in the background — see src/service-worker.js);
 * - a page kept from an older release asks for scripts of that release: when one is gone (webpack's
 *   `ChunkLoadError`, thrown out of Taro's router), the tab reloads once — the worker has fetched the
 *   new page meanwhile — instead of leaving a blank page. A second failure within
 *   {@link RELOAD_GUARD_MS} is left to show (the network is down, not the release changed).
 * Browsers without service workers (or without `sessionStorage`) simply load the page each time.
 */
export function keepAppPage({
  now = Date.now,
  reload = () => window.location.reload(),
}: { now?: () => number; reload?: () => void } = {}): void {
  if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined') return;
  if ('serviceWorker' in navigator) {
    const register = () => void navigator.serviceWorker.register('/service-worker.js').catch(() => undefined);
    if (document.readyState === 'complete') register();
    else window.addEventListener('load', register, { once: true });
  }
  window.addEventListener('unhandledrejection', (event) => {
    const reason = event.reason as { name?: unknown } | undefined;
    if (reason?.name !== 'ChunkLoadError') return;
    try {
      const last = Number(sessionStorage.getItem(RELOADED_AT_KEY) ?? 0);
      if (now() - last < RELOAD_GUARD_MS) return;
      sessionStorage.setItem(RELOADED_AT_KEY, String(now()));
    } catch {
      return;
    }
    reload();
  });
}
