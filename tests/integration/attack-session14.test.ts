import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type Server } from 'node:http';
import path from 'node:path';
import { freePort } from '../../scripts/local/ports';
import { serveH5 } from '../../scripts/local/serve-h5';
import { ROOT } from '../support/routes';

/**
 * Attack session 14 on issue 21: the H5 server's ETags and conditional requests. Whatever a browser, a
 * proxy or a hostile client sends as If-None-Match, the answer is the right status (304 only for a tag the
 * current file has, or `*` for a file that exists; never a 500).
 */

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

let root: string;
let server: Server;
let port: number;

function get(target: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({ hostname: '127.0.0.1', port, path: target, method, headers }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () =>
        resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body: Buffer.concat(chunks) }),
      );
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

const PAGE = '<!doctype html><html><head><script>var a=1;</script></head><body><div id="app"></div></body></html>';

beforeAll(async () => {
  root = path.join(ROOT, 'tests', '.artifacts', 'attack14', `serve-${randomUUID().slice(0, 8)}`);
  mkdirSync(path.join(root, 'js'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), PAGE);
  writeFileSync(path.join(root, 'service-worker.js'), 'self.addEventListener("fetch", () => undefined);');
  writeFileSync(path.join(root, 'js', 'app.0123abcd.js'), 'console.log("release one");'.repeat(20));
  port = await freePort();
  server = await serveH5({ port, root, apiUrl: 'http://127.0.0.1:9' });
});

afterAll(() => {
  server?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('conditional requests to the H5 server (issue 21)', () => {
  it('a repeat with the tag it was given is a 304 without a body, with the same tag and the security headers', async () => {
    const first = await get('/js/app.0123abcd.js');
    const tag = first.headers.etag as string;
    expect(first.status).toBe(200);
    expect(tag).toMatch(/^"[^"]+"$/);
    const again = await get('/js/app.0123abcd.js', { 'if-none-match': tag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(tag);
    expect(again.headers['content-security-policy']).toBeTruthy();
    expect(again.headers['cache-control']).toBe('public, max-age=3600');
  });

  it.each([
    ['*', 304],
    ['W/"{tag}"', 304],
    ['"nope", "{tag}"', 304],
    ['"nope","{tag}"', 304],
    ['  "{tag}"  ', 304],
    ['"nope"', 200],
    ['garbage', 200],
    ['""', 200],
    [',', 200],
    [', , ,', 200],
    ['W/', 200],
    ['{tag}', 200], // unquoted: not the tag
    ['"{tag}', 200],
    ['w/"{tag}"', 200], // W/ is case-sensitive (RFC 9110 §8.8.3)
    ['x'.repeat(6000), 200],
  ])('If-None-Match %# → %i', async (value, status) => {
    const tag = (await get('/js/app.0123abcd.js')).headers.etag as string;
    const reply = await get('/js/app.0123abcd.js', { 'if-none-match': value.replace('{tag}', tag.slice(1, -1)) });
    expect(reply.status).toBe(status);
    if (status === 200) expect(reply.body.toString()).toContain('release one');
  });

  it('If-None-Match: * for a file that is not there is a 404, not a 304', async () => {
    const reply = await get('/js/gone.deadbeef.js', { 'if-none-match': '*' });
    expect(reply.status).toBe(404);
  });

  it('HEAD with the tag is a 304; a POST with it is still a 405', async () => {
    const tag = (await get('/')).headers.etag as string;
    expect((await get('/', { 'if-none-match': tag }, 'HEAD')).status).toBe(304);
    expect((await get('/', { 'if-none-match': tag }, 'POST')).status).toBe(405);
  });

  it('the page and the worker are no-cache, with a tag; a 304 of the page keeps no-cache', async () => {
    const page = await get('/');
    expect(page.headers['cache-control']).toBe('no-cache');
    const worker = await get('/service-worker.js');
    expect(worker.headers['cache-control']).toBe('no-cache');
    expect(worker.headers.etag).toBeTruthy();
    const again = await get('/', { 'if-none-match': page.headers.etag as string });
    expect(again.status).toBe(304);
    expect(again.headers['cache-control']).toBe('no-cache');
  });

  it('a brotli body, a gzip body and a plain body have different tags, and a tag of one does not revalidate another', async () => {
    const br = await get('/', { 'accept-encoding': 'br' });
    const gzip = await get('/', { 'accept-encoding': 'gzip' });
    const plain = await get('/', { 'accept-encoding': 'identity' });
    const tags = new Set([br.headers.etag, gzip.headers.etag, plain.headers.etag]);
    expect(tags.size).toBe(3);
    const cross = await get('/', { 'accept-encoding': 'gzip', 'if-none-match': br.headers.etag as string });
    expect(cross.status).toBe(200);
    expect(cross.headers['content-encoding']).toBe('gzip');
  });

  it('a new release of the page (different bytes) is never answered 304 to the old tag', async () => {
    const file = path.join(root, 'index.html');
    const builtAt = new Date('2026-12-01T08:00:00.000Z');
    utimesSync(file, builtAt, builtAt);
    const before = await get('/', { 'accept-encoding': 'gzip' });
    const oldTag = before.headers.etag as string;
    // Same length, other content (one release's script hash for another), the same modification time —
    // as a deploy that copies with the build's times (rsync -a, cp -p, tar) can leave it.
    writeFileSync(file, PAGE.replace('var a=1;', 'var a=2;'));
    utimesSync(file, builtAt, builtAt);
    expect(statSync(file).size).toBe(PAGE.length);
    try {
      const after = await get('/', { 'accept-encoding': 'gzip', 'if-none-match': oldTag });
      expect(after.status).toBe(200);
    } finally {
      writeFileSync(file, PAGE);
    }
  });

  it('a page written anew (new time) gets a new tag and its new bytes', async () => {
    const file = path.join(root, 'index.html');
    const oldTag = (await get('/')).headers.etag as string;
    await new Promise((resolve) => setTimeout(resolve, 20));
    writeFileSync(file, PAGE.replace('id="app"', 'id="app2"'));
    const after = await get('/', { 'if-none-match': oldTag, 'accept-encoding': 'identity' });
    expect(after.status).toBe(200);
    expect(after.body.toString()).toContain('app2');
    expect(after.headers.etag).not.toBe(oldTag);
    writeFileSync(file, PAGE);
  });
});
