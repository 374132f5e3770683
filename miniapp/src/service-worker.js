/**
 * Linli's service worker (the H5 app only; the mini-program has none). It keeps one thing: the app's
 * page, whose scripts are inlined in it (issue 21). A resident coming back gets the page from this
 * browser's copy at once — no 0.56 s round trip on a slow mobile network before the app starts — and
 * the copy is brought up to date in the background on every visit (stale-while-revalidate: a new
 * release shows from the visit after it reaches the browser). Only the page's navigations come here:
 * scripts, styles, images and every `/v1` call go to the network as if there were no worker (static
 * routing where the browser has it, else the fetch handler lets them pass untouched).
 *
 * Plain JavaScript, copied as it is to `dist/h5/service-worker.js` (config/index.ts): a worker is not
 * part of the app's bundle.
 */

/** The page's copy; a new name drops the old copies on activation. */
const CACHE = 'linli-page-v1';
/** The app's one page (the router works in the `#` part of the address). */
const PAGE = '/';
const PAGE_PATHS = new Set(['/', '/index.html']);

self.addEventListener('install', (event) => {
  // Chromium 123+: what is not a navigation never starts this worker (API calls keep their speed).
  if (typeof event.addRoutes === 'function') {
    event.addRoutes({ condition: { not: { requestMode: 'navigate' } }, source: 'network' }).catch(() => undefined);
  }
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.add(new Request(PAGE, { cache: 'no-cache' })))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

/** The page from the network (revalidated against the browser's HTTP cache), kept when it is a 200. */
async function freshPage(cache) {
  const response = await fetch(PAGE, { cache: 'no-cache' });
  if (response.ok) await cache.put(PAGE, response.clone());
  return response;
}

/**
 * `{ type: 'linli:refresh-page' }` from a page: fetch the page now and keep it, then answer on the message's
 * port (`'kept'` or `'failed'`). A tab whose kept page belongs to a release since replaced asks this
 * before it reloads (state/app-page.ts), so the reload gets the new release, not the same copy again.
 */
self.addEventListener('message', (event) => {
  if (event.data?.type !== 'linli:refresh-page') return;
  const [reply] = event.ports;
  event.waitUntil(
    caches
      .open(CACHE)
      .then(freshPage)
      .then(
        (response) => reply?.postMessage(response.ok ? 'kept' : 'failed'),
        () => reply?.postMessage('failed'),
      ),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.mode !== 'navigate' || request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !PAGE_PATHS.has(url.pathname)) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      const kept = await cache.match(PAGE);
      if (!kept) return freshPage(cache);
      event.waitUntil(freshPage(cache).catch(() => undefined));
      return kept;
    })(),
  );
});
