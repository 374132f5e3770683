import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { h5FirstLoad, MINIAPP_DIST } from '../../bench/miniapp-size';

/**
 * Issue 21, the first screen on a slow mobile network (measured in `npm run bench`, section 8): the H5
 * entry scripts are inside index.html — the page and its code in one round trip — and carry the pages a
 * person lands on — so showing one takes no further round trip for its chunks — but not the English
 * catalogue, a chunk of its own fetched for a reader who chose English; the browser runs Preact, not
 * react-dom. Read off the build `npm test` makes first.
 */
describe('the H5 entry scripts', () => {
  const h5 = path.join(MINIAPP_DIST, 'h5');
  const entry = () => h5FirstLoad(h5).source;
  const chunks = () => readdirSync(path.join(h5, 'js')).filter((file) => file.endsWith('.js'));

  it('has an H5 build to read', () => {
    expect(existsSync(path.join(h5, 'index.html'))).toBe(true);
  });

  it('are inside the page (no script loaded by src before the first screen)', () => {
    const load = h5FirstLoad(h5);

    expect(load.files).toEqual([]);
    expect({ webpackRuntime: load.source.includes('__webpack_require__') }).toEqual({ webpackRuntime: true });
    expect({ loginPage: load.source.includes('"login-submit"') }).toEqual({ loginPage: true });
  });

  it('evaluate the framework while the app’s code is still arriving: its script comes first, the app’s last', () => {
    const html = readFileSync(path.join(h5, 'index.html'), 'utf8');
    // Each inline chunk opens with the note that names its file (…/framework.<hash>.js.LICENSE.txt).
    const framework = html.search(/see framework\.[0-9a-f]+\.js\.LICENSE/);
    const app = html.search(/see app\.[0-9a-f]+\.js\.LICENSE/);

    expect({ framework: framework > 0, app: app > 0, frameworkFirst: framework < app }).toEqual({
      framework: true,
      app: true,
      frameworkFirst: true,
    });
    // What follows the framework's script is what arrives while it is evaluated: at least a quarter of the page.
    const afterFramework = html.length - html.indexOf('</script>', framework);
    expect({ afterFrameworkShare: afterFramework / html.length >= 0.25 }).toEqual({ afterFrameworkShare: true });
  });

  it('wait for no style sheet: the entry’s styles are inside the page, the pages’ own sheets stay files', () => {
    const html = readFileSync(path.join(h5, 'index.html'), 'utf8');
    const sheets = readdirSync(path.join(h5, 'css'));

    expect([...html.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*>/g)].map((match) => match[0])).toEqual([]);
    expect({ entryStyles: /<style[^>]*>[^<]*\.page\{/.test(html) }).toEqual({ entryStyles: true });
    expect(sheets.filter((file) => file.startsWith('app.'))).toEqual([]);
    expect(sheets.length).toBeGreaterThan(0);
  });

  it('run Preact, not react-dom (a tenth of its size)', () => {
    const scripts = entry();

    // react-dom's production build links its minified errors to this page (React 18 and 19).
    expect({ reactDom: /reactjs\.org\/docs\/error-decoder|react\.dev\/errors/.test(scripts) }).toEqual({
      reactDom: false,
    });
  });

  it('carry no zod and no schema: the API checks params, body and query (config/browser-contracts.js)', () => {
    const scripts = entry();
    const has = (text: string) => scripts.includes(text);

    // zod's own class names, LeaderboardQuery's month (a query), the WeChat login body, personName.
    expect({
      zod: has('$ZodType') || has('ZodError'),
      query: has('must be YYYY-MM'),
      body: has('must be the code from wx.login'),
      personName: has('must not contain invisible'),
    }).toEqual({ zod: false, query: false, body: false, personName: false });
  });

  it('carry the privacy guide’s summary for the agreement prompt, not the whole guide (a page of its own)', () => {
    const scripts = entry();

    // The summary's first words, and the guide's line on openid.
    expect({
      summary: scripts.includes('使用邻里前，请阅读'),
      guide: scripts.includes('我们不获取你的微信号'),
    }).toEqual({
      summary: true,
      guide: false,
    });
  });

  it('carry 首页, 登录 and 我的 (the ids their screens are found by)', () => {
    const scripts = entry();

    for (const id of ['login-submit', 'me-display-name', 'home-welcome'])
      expect({ id, inEntry: scripts.includes(`"${id}"`) }).toEqual({ id, inEntry: true });
  });

  it('hold the Chinese texts and leave the English to a chunk of its own', () => {
    const scripts = entry();
    const english = chunks().filter((file) => file.startsWith('english.'));

    expect(scripts).toContain('志愿服务记录证明');
    expect(scripts).not.toContain('Community office');
    expect(english).toHaveLength(1);
    expect(readFileSync(path.join(h5, 'js', english[0]!), 'utf8')).toContain('Community office');
  });

  it('leave out the fetch and AbortController polyfills (every target browser has both)', () => {
    const scripts = entry();

    // A string of each polyfill's own code (whatwg-fetch, abortcontroller-polyfill-only).
    expect(scripts).not.toContain('Network request failed');
    expect(scripts).not.toContain('__FORCE_INSTALL_ABORTCONTROLLER_POLYFILL');
  });
});
