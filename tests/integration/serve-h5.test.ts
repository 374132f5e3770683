import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import os from 'node:os';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import path from 'node:path';
import { freePort } from '../../scripts/local/ports';
import { MAX_URL_LENGTH, contentSecurityPolicy } from '../../scripts/local/serve-h5';
import { closingUpstream } from '../support/closing-upstream';
import { ROOT } from '../support/routes';

/**
 * Issue 12, case 11: the H5 server `npm start` runs (and the end-to-end tests use) must survive
 * any request. The server runs in a child process, as under `npm start`; hostile requests are
 * sent as raw bytes (no client library normalises them first), then the server must still serve
 * the app — with the security headers on every answer.
 */

interface RawReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** One request as raw bytes over TCP; the reply as the server wrote it. */
function raw(port: number, request: string, options: { abortAfterMilliseconds?: number } = {}): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', ...rest] = text.split('\r\n\r\n');
      const [statusLine = '', ...headerLines] = head.split('\r\n');
      const headers = Object.fromEntries(
        headerLines.map((line) => [
          line.slice(0, line.indexOf(':')).toLowerCase(),
          line.slice(line.indexOf(':') + 1).trim(),
        ]),
      );
      resolve({ status: Number(statusLine.split(' ')[1] ?? 0), headers, body: rest.join('\r\n\r\n') });
    });
    socket.write(request);
    if (options.abortAfterMilliseconds !== undefined)
      setTimeout(() => socket.destroy(), options.abortAfterMilliseconds);
  });
}

const get = (target: string, method = 'GET') =>
  `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`;

const SECURITY_HEADERS = ['content-security-policy', 'x-content-type-options', 'referrer-policy', 'x-frame-options'];
const INLINE_SCRIPT = '!function(n){n.document.documentElement.style.fontSize="20px"}(window);';

let root: string;
let secret: string;
let api: Server;
let apiRequests: string[];
let child: ChildProcess;
let port: number;
let childOutput = '';

async function startChild(apiUrl: string): Promise<{ process: ChildProcess; port: number }> {
  const childPort = await freePort();
  const started = spawn(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [
    path.join(ROOT, 'tests', 'support', 'serve-h5-process.ts'),
    String(childPort),
    root,
    apiUrl,
  ]);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`H5 server did not start: ${childOutput}`)), 30_000);
    const read = (chunk: Buffer) => {
      childOutput += chunk.toString();
      if (childOutput.includes('listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    started.stdout.on('data', read);
    started.stderr.on('data', read);
    started.on('exit', (code) => reject(new Error(`H5 server exited (${code}): ${childOutput}`)));
  });
  return { process: started, port: childPort };
}

beforeAll(async () => {
  const base = mkdtempSync(path.join(os.tmpdir(), 'linli-h5-'));
  root = path.join(base, 'h5');
  mkdirSync(path.join(root, 'js'), { recursive: true });
  writeFileSync(
    path.join(root, 'index.html'),
    `<!doctype html><html><head><script>${INLINE_SCRIPT}</script><script defer src="/js/app.js"></script></head><body><div id="app"></div></body></html>`,
  );
  writeFileSync(path.join(root, 'js', 'app.js'), 'console.log("app")');
  secret = path.join(base, 'secret.txt');
  writeFileSync(secret, 'TOP SECRET');
  apiRequests = [];
  api = createServer((request, response) => {
    apiRequests.push(`${request.method} ${request.url}`);
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ path: request.url }));
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  const started = await startChild(`http://127.0.0.1:${(api.address() as AddressInfo).port}`);
  child = started.process;
  port = started.port;
}, 60_000);

afterAll(async () => {
  child?.kill();
  await new Promise((resolve) => api?.close(resolve));
  rmSync(path.dirname(root), { recursive: true, force: true });
});

describe('the H5 server under hostile requests', () => {
  it('answers a malformed percent-encoding with 400 and keeps serving (GET /%E0%A4%A)', async () => {
    const malformed = await raw(port, get('/%E0%A4%A'));
    const after = await raw(port, get('/'));

    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.body)).toMatchObject({ error: { code: 'request.invalid_path' } });
    expect(after.status).toBe(200);
    expect(after.body).toContain('<div id="app">');
    expect(child.exitCode).toBeNull();
  });

  it('survives every hostile request, never shows a file outside the app, and still serves the app', async () => {
    const hostile: [string, string][] = [
      ['malformed escape', get('/%E0%A4%A')],
      ['lone percent', get('/%')],
      ['overlong UTF-8', get('/%C0%AF')],
      ['malformed escape under /v1', get('/v1/%E0%A4%A')],
      ['NUL byte', get('/%00')],
      ['dot-dot', get('/../secret.txt')],
      ['encoded dot-dot', get('/%2e%2e/%2e%2e/secret.txt')],
      ['encoded slashes', get('/..%2f..%2fsecret.txt')],
      ['backslashes', get('/..%5c..%5csecret.txt')],
      ['deep dot-dot', get('/js/../../../../../../../../etc/passwd')],
      ['absolute-form', get('http://evil.example/v1/x')],
      ['absolute-form, bad host', get('http://[/')],
      ['scheme-relative', get('//evil.example/secret.txt')],
      ['asterisk', get('*', 'OPTIONS')],
      ['long URL', get(`/${'a'.repeat(MAX_URL_LENGTH + 10)}`)],
      ['huge URL', get(`/${'a'.repeat(70_000)}`)],
      ['unknown method', get('/', 'BREW')],
      ['DELETE a file', get('/index.html', 'DELETE')],
      ['PUT a file', `PUT /js/app.js HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc`],
      ['CONNECT', 'CONNECT evil.example:443 HTTP/1.1\r\nHost: evil.example:443\r\n\r\n'],
      ['not HTTP', 'hello\r\n\r\n'],
      ['bad header', 'GET / HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n'],
      ['missing asset', get('/js/missing.js')],
      ['HEAD', get('/', 'HEAD')],
      ['client gone mid-request', 'POST /v1/slow HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nab'],
    ];
    const outcomes: Record<string, number> = {};
    for (const [name, request] of hostile) {
      const reply = await raw(port, request, name === 'client gone mid-request' ? { abortAfterMilliseconds: 50 } : {});
      outcomes[name] = reply.status;
      expect({ name, leaked: reply.body.includes('TOP SECRET') || reply.body.includes('root:') }).toEqual({
        name,
        leaked: false,
      });
      if (reply.status >= 500) throw new Error(`${name} → ${reply.status}`);
    }
    const after = await raw(port, get('/'));

    expect(outcomes).toMatchObject({
      'malformed escape': 400,
      'lone percent': 400,
      'overlong UTF-8': 400,
      'NUL byte': 400,
      'long URL': 414,
      'huge URL': 431,
      'unknown method': 400,
      'DELETE a file': 405,
      'PUT a file': 405,
      'missing asset': 404,
      HEAD: 200,
    });
    expect(apiRequests).toContain('GET /v1/x');
    expect(apiRequests.some((line) => line.includes('evil'))).toBe(false);
    expect(after.status).toBe(200);
    expect(child.exitCode).toBeNull();
  });

  it('sends the security headers on every answer: app, asset, API reply and errors', async () => {
    const replies = {
      app: await raw(port, get('/')),
      asset: await raw(port, get('/js/app.js')),
      api: await raw(port, get('/v1/communities/demo')),
      badPath: await raw(port, get('/%E0%A4%A')),
      badMethod: await raw(port, get('/', 'DELETE')),
      parserError: await raw(port, get('/', 'BREW')),
    };

    for (const [name, reply] of Object.entries(replies)) {
      expect({ name, present: SECURITY_HEADERS.filter((header) => reply.headers[header]) }).toEqual({
        name,
        present: SECURITY_HEADERS,
      });
    }
    const policy = replies.app.headers['content-security-policy']!;
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    expect(replies.app.headers['x-content-type-options']).toBe('nosniff');
    expect(replies.app.headers['x-frame-options']).toBe('DENY');
    expect(replies.asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('allows the inline script of index.html by its hash, and nothing else inline', () => {
    const html = `<script>${INLINE_SCRIPT}</script><script defer src="/js/app.js"></script>`;
    const policy = contentSecurityPolicy(html, undefined);

    expect(policy).toContain(`'sha256-${createHash('sha256').update(INLINE_SCRIPT).digest('base64')}'`);
    expect(policy.match(/'sha256-/g)).toHaveLength(1);
    expect(contentSecurityPolicy(html, 'https://api.example.org/base')).toContain(
      "connect-src 'self' https://api.example.org",
    );
    // Photos: uploaded (PUT) to and shown from the object storage's origin, and no other.
    const withStorage = contentSecurityPolicy(html, undefined, 'http://127.0.0.1:4569/linli-dev-images');
    expect(withStorage).toContain("connect-src 'self' http://127.0.0.1:4569;");
    expect(withStorage).toContain("img-src 'self' data: blob: https: http://127.0.0.1:4569;");
  });

  it('forwards each API request on a connection of its own: a connection the API closes as it idles never costs a 502', async () => {
    const closing = await closingUpstream();
    const front = await startChild(closing.url);
    try {
      const statuses: number[] = [];
      for (const name of ['first', 'second', 'third']) {
        statuses.push((await fetch(`http://127.0.0.1:${front.port}/v1/${name}`)).status);
      }

      expect(statuses).toEqual([200, 200, 200]);
      expect(closing.connections()).toBe(3);
    } finally {
      front.process.kill();
      closing.close();
    }
  });

  it('answers 502 when the API is down, and stays up', async () => {
    const down = await startChild(`http://127.0.0.1:${await freePort()}`);
    try {
      const reply = await raw(down.port, get('/v1/communities/demo'));
      const after = await raw(down.port, get('/'));

      expect(reply.status).toBe(502);
      expect(JSON.parse(reply.body)).toMatchObject({ error: { code: 'api.unreachable' } });
      expect(reply.headers['x-frame-options']).toBe('DENY');
      expect(after.status).toBe(200);
      expect(down.process.exitCode).toBeNull();
    } finally {
      down.process.kill();
    }
  });
});

describe('the H5 server compresses text as the CDN does (issue 21: the first screen on slow 4G)', () => {
  const withEncoding = (target: string, acceptEncoding: string) =>
    `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding: ${acceptEncoding}\r\nConnection: close\r\n\r\n`;

  /** The reply's body bytes, read raw (the text `raw` gives would mangle compressed bytes). */
  async function bodyBytes(request: string): Promise<{ headers: Record<string, string>; body: Buffer }> {
    const reply = await new Promise<Buffer>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      const chunks: Buffer[] = [];
      socket.on('data', (chunk) => chunks.push(chunk));
      socket.on('error', reject);
      socket.on('close', () => resolve(Buffer.concat(chunks)));
      socket.write(request);
    });
    const end = reply.indexOf('\r\n\r\n');
    const headers = Object.fromEntries(
      reply
        .subarray(0, end)
        .toString('latin1')
        .split('\r\n')
        .slice(1)
        .map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
    );
    return { headers, body: reply.subarray(end + 4) };
  }

  it.each([
    ['br, gzip, deflate', 'br'],
    ['gzip;q=1, br;q=0', 'gzip'],
    ['gzip', 'gzip'],
  ])('sends the app script for Accept-Encoding “%s” in %s, the same bytes once decoded', async (accept, expected) => {
    const { headers, body } = await bodyBytes(withEncoding('/js/app.js', accept));
    const decoded = expected === 'br' ? brotliDecompressSync(body) : gunzipSync(body);

    expect(headers['content-encoding']).toBe(expected);
    expect(headers.vary).toBe('accept-encoding');
    expect(Number(headers['content-length'])).toBe(body.byteLength);
    expect(decoded.toString('utf8')).toBe('console.log("app")');
  });

  it('sends the file as it is to a browser that takes no compression, or refuses all (identity)', async () => {
    for (const accept of ['identity', 'br;q=0, gzip;q=0']) {
      const { headers, body } = await bodyBytes(withEncoding('/js/app.js', accept));
      expect(headers['content-encoding']).toBeUndefined();
      // Streamed from the file: in chunked framing around the text itself.
      expect(body.toString('utf8')).toContain('console.log("app")');
    }
  });
});

describe('the H5 server revalidates as the CDN does (issue 21: the service worker refreshes the page each visit)', () => {
  const conditional = (target: string, tag: string, acceptEncoding = 'br') =>
    `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding: ${acceptEncoding}\r\nIf-None-Match: ${tag}\r\nConnection: close\r\n\r\n`;
  const plain = (target: string, acceptEncoding = 'br') =>
    `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding: ${acceptEncoding}\r\nConnection: close\r\n\r\n`;

  it('answers 304 with no body to a browser whose copy of the page is current, 200 to one whose is not', async () => {
    const first = await raw(port, plain('/'));
    const tag = first.headers.etag ?? '';

    const again = await raw(port, conditional('/', tag));
    const stale = await raw(port, conditional('/', '"0-0-br"'));
    const otherEncoding = await raw(port, conditional('/', tag, 'gzip'));

    expect(first.status).toBe(200);
    expect(tag).toMatch(/^"[A-Za-z0-9_-]{27}-br"$/);
    expect(first.headers['cache-control']).toBe('no-cache');
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(tag);
    expect(again.headers['content-security-policy']).toBe(first.headers['content-security-policy']);
    expect(stale.status).toBe(200);
    // A gzip body is other bytes than a brotli one: its own validator, so the brotli one does not match.
    expect(otherEncoding.status).toBe(200);
    expect(otherEncoding.headers.etag).not.toBe(tag);
  });

  it('gives a changed page a new validator', async () => {
    const before = (await raw(port, plain('/'))).headers.etag;
    const page = path.join(root, 'index.html');
    writeFileSync(page, readFileSync(page, 'utf8').replace('<div id="app"></div>', '<div id="app"></div> '));

    const after = await raw(port, conditional('/', before ?? ''));

    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(before);
  });

  it('keeps the service worker’s script uncached by the browser (no-cache), the other files an hour', async () => {
    writeFileSync(path.join(root, 'service-worker.js'), 'self.addEventListener("fetch", () => undefined);');

    const worker = await raw(port, plain('/service-worker.js'));
    const script = await raw(port, plain('/js/app.js'));

    expect(worker.status).toBe(200);
    expect(worker.headers['cache-control']).toBe('no-cache');
    expect(script.headers['cache-control']).toBe('public, max-age=3600');
  });
});
