import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { Duplex } from 'node:stream';
import { pipeline } from 'node:stream';
import path from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { upstreamAgent } from './upstream-agent';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

/** Types a CDN compresses (text); images and fonts are compressed already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg']);

/** Each file's compressed bodies, made once per file content (its SHA-256). */
const compressed = new Map<string, { version: string; br: Buffer; gzip: Buffer }>();

/** A file's bytes and their SHA-256 (base64url), read anew each time: a release may keep sizes and times. */
function fileVersion(file: string): { content: Buffer; version: string } {
  const content = readFileSync(file);
  return { content, version: createHash('sha256').update(content).digest('base64url') };
}

/**
 * The encoding to send `file` in for a request's `Accept-Encoding` (RFC 9110 §12.5.3), as the CDN in
 * front of the app does: brotli when the browser takes it, else gzip, else none.
 */
export function chooseEncoding(file: string, acceptEncoding: string | undefined): 'br' | 'gzip' | undefined {
  if (!COMPRESSIBLE.has(path.extname(file))) return undefined;
  const accepted = new Map(
    (acceptEncoding ?? '')
      .toLowerCase()
      .split(',')
      .map((part) => {
        const [name = '', ...parameters] = part.trim().split(';');
        const quality = parameters.map((parameter) => /^\s*q=([0-9.]+)\s*$/.exec(parameter)?.[1]).find(Boolean);
        return [name.trim(), quality === undefined ? 1 : Number(quality)] as const;
      }),
  );
  const takes = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (takes('br')) return 'br';
  return takes('gzip') ? 'gzip' : undefined;
}

function compressedBody(
  file: string,
  encoding: 'br' | 'gzip',
  { content, version }: { content: Buffer; version: string },
): Buffer {
  let entry = compressed.get(file);
  if (entry?.version !== version) {
    entry = {
      version,
      br: brotliCompressSync(content, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }),
      gzip: gzipSync(content, { level: 9 }),
    };
    compressed.set(file, entry);
  }
  return entry[encoding];
}

/**
 * A strong validator for one representation of a file (RFC 9110 §8.8.3): its content's SHA-256 — as a
 * CDN's content hash, so a release with the same sizes and times still gets new tags — and the encoding,
 * since a brotli body and a gzip body of the same file are different bytes.
 */
export function entityTag(version: string, encoding: 'br' | 'gzip' | undefined): string {
  return `"${version.slice(0, 27)}${encoding ? `-${encoding}` : ''}"`;
}

/** Whether an `If-None-Match` header names `tag` (or `*`): the browser's copy is current, a 304 (RFC 9110 §13.1.2). */
export function ifNoneMatch(header: string | undefined, tag: string): boolean {
  if (!header) return false;
  return header.split(',').some((candidate) => {
    const value = candidate.trim();
    return value === '*' || value.replace(/^W\//, '') === tag;
  });
}

/** Longer request targets are refused (414): no page or API route comes near it. */
export const MAX_URL_LENGTH = 8 * 1024;
const PROXY_TIMEOUT_MILLISECONDS = 60_000;
/** Headers that describe one connection and are not forwarded (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/**
 * The Content-Security-Policy of the H5 app, built from its index.html: scripts only from this
 * origin plus the inline scripts of index.html by their SHA-256 (Taro's font-size script), styles
 * from this origin and inline (React style attributes), images also as data:/blob:/https:, API
 * calls to this origin (and `LINLI_API_BASE`'s when the app was built for another API), photos read
 * from and `PUT` to the object storage's origin (`storageUrl`: the local S3 server's is plain http), no
 * plugins, no framing.
 */
export function contentSecurityPolicy(
  indexHtml: string,
  apiBase = process.env.LINLI_API_BASE,
  storageUrl?: string,
): string {
  const inlineScripts = [...indexHtml.matchAll(/<script\b(?![^>]*\bsrc\s*=)[^>]*>([\s\S]*?)<\/script>/gi)];
  const hashes = inlineScripts.map(
    ([, body = '']) => `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`,
  );
  let apiOrigin = '';
  try {
    if (apiBase) apiOrigin = ` ${new URL(apiBase).origin}`;
  } catch {
    apiOrigin = '';
  }
  const storageOrigin = storageUrl ? ` ${new URL(storageUrl).origin}` : '';
  return [
    "default-src 'self'",
    `script-src 'self'${hashes.map((hash) => ` ${hash}`).join('')}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob: https:${storageOrigin}`,
    "font-src 'self' data:",
    `connect-src 'self'${apiOrigin}${storageOrigin}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The headers every answer carries, static file, API reply or error alike. */
function securityHeaders(policy: string): Record<string, string> {
  return {
    'content-security-policy': policy,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
  };
}

function forwardableHeaders(headers: IncomingHttpHeaders | OutgoingHttpHeaders): OutgoingHttpHeaders {
  const named = String(headers.connection ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase());
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name) && !named.includes(name)),
  ) as OutgoingHttpHeaders;
}

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The file a decoded URL path names under `root`, or null when it is not a file there. */
function fileUnder(root: string, decodedPath: string): string | null {
  if (decodedPath.includes('\0')) throw new HttpProblem(400, 'request.invalid_path', 'The path holds a NUL byte');
  const file = path.resolve(root, `.${path.posix.normalize(`/${decodedPath}`)}`);
  if (file !== root && !file.startsWith(`${root}${path.sep}`)) {
    throw new HttpProblem(400, 'request.invalid_path', 'The path leaves the app folder');
  }
  try {
    return statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}

/**
 * Serves the built H5 app and forwards `/v1/*` to the API, so the app calls its own origin (as
 * behind a CDN in production) and the browser needs no CORS. No request can stop it: a malformed
 * URL (`/%E0%A4%A`) is 400, a path leaving `root` 400, a method other than GET/HEAD on a file 405,
 * an over-long URL 414, a client error of the HTTP parser 400/431, an API that is down 502 — and any
 * error in a handler is answered (500) and logged, never thrown out of the server. Every answer
 * carries the security headers (`securityHeaders`).
 */
export function serveH5(options: {
  port: number;
  root: string;
  apiUrl: string;
  /** The photos' object storage (the app `PUT`s uploads there and shows its images). */
  storageUrl?: string;
}): Promise<Server> {
  const api = new URL(options.apiUrl);
  const root = path.resolve(options.root);
  const indexFile = path.join(root, 'index.html');
  const serviceWorkerFile = path.join(root, 'service-worker.js');
  let policyFor: { modified: number; policy: string } | undefined;
  const headers = (): Record<string, string> => {
    let modified = 0;
    try {
      modified = statSync(indexFile).mtimeMs;
    } catch {
      modified = -1;
    }
    if (policyFor?.modified !== modified) {
      let html = '';
      try {
        html = readFileSync(indexFile, 'utf8');
      } catch {
        html = '';
      }
      policyFor = { modified, policy: contentSecurityPolicy(html, undefined, options.storageUrl) };
    }
    return securityHeaders(policyFor.policy);
  };

  const answer = (outgoing: ServerResponse, status: number, code: string, message: string) => {
    if (outgoing.headersSent) {
      outgoing.destroy();
      return;
    }
    const body = JSON.stringify({ error: { code, message } });
    outgoing.writeHead(status, {
      ...headers(),
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
    });
    outgoing.end(body);
  };

  const forward = (incoming: IncomingMessage, outgoing: ServerResponse, target: string) => {
    const upstream = httpRequest({
      hostname: api.hostname,
      port: api.port,
      method: incoming.method,
      path: target,
      headers: { ...forwardableHeaders(incoming.headers), host: api.host },
      agent: upstreamAgent,
      timeout: PROXY_TIMEOUT_MILLISECONDS,
    });
    upstream.on('response', (reply) => {
      outgoing.writeHead(reply.statusCode ?? 502, { ...forwardableHeaders(reply.headers), ...headers() });
      pipeline(reply, outgoing, () => undefined);
    });
    upstream.on('timeout', () => upstream.destroy(new HttpProblem(504, 'api.timeout', 'The API did not answer')));
    upstream.on('error', (error) => {
      const problem = error instanceof HttpProblem ? error : undefined;
      answer(outgoing, problem?.status ?? 502, problem?.code ?? 'api.unreachable', 'The API is not running');
    });
    incoming.on('error', () => upstream.destroy());
    outgoing.on('close', () => {
      if (!outgoing.writableFinished) upstream.destroy();
    });
    pipeline(incoming, upstream, () => undefined);
  };

  const serveFile = (incoming: IncomingMessage, outgoing: ServerResponse, pathname: string) => {
    if (incoming.method !== 'GET' && incoming.method !== 'HEAD') {
      outgoing.setHeader('allow', 'GET, HEAD');
      throw new HttpProblem(405, 'request.method_not_allowed', 'Only GET and HEAD serve files');
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      throw new HttpProblem(400, 'request.invalid_path', 'The path is not valid percent-encoded UTF-8');
    }
    let file = fileUnder(root, decoded);
    if (!file) {
      // The app routes with `#/…`; a path without an extension gets the app, a missing asset 404.
      if (path.extname(decoded) !== '' && path.extname(decoded) !== '.html') {
        throw new HttpProblem(404, 'route.not_found', 'No such file');
      }
      file = indexFile;
    }
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    const cacheControl = file === indexFile || file === serviceWorkerFile ? 'no-cache' : 'public, max-age=3600';
    const encoding = chooseEncoding(file, incoming.headers['accept-encoding']);
    let version: { content: Buffer; version: string };
    try {
      version = fileVersion(file);
    } catch {
      throw new HttpProblem(404, 'route.not_found', 'No such file');
    }
    const tag = entityTag(version.version, encoding);
    if (ifNoneMatch(incoming.headers['if-none-match'], tag)) {
      outgoing.writeHead(304, {
        ...headers(),
        etag: tag,
        'cache-control': cacheControl,
        ...(COMPRESSIBLE.has(path.extname(file)) ? { vary: 'accept-encoding' } : {}),
      });
      outgoing.end();
      return;
    }
    if (encoding) {
      const body = compressedBody(file, encoding, version);
      outgoing.writeHead(200, {
        ...headers(),
        'content-type': type,
        'cache-control': cacheControl,
        etag: tag,
        'content-encoding': encoding,
        'content-length': body.byteLength,
        vary: 'accept-encoding',
      });
      outgoing.end(incoming.method === 'HEAD' ? undefined : body);
      return;
    }
    const stream = createReadStream(file);
    stream.once('open', () => {
      outgoing.writeHead(200, {
        ...headers(),
        'content-type': type,
        'cache-control': cacheControl,
        etag: tag,
        ...(COMPRESSIBLE.has(path.extname(file)) ? { vary: 'accept-encoding' } : {}),
      });
      if (incoming.method === 'HEAD') {
        stream.destroy();
        outgoing.end();
        return;
      }
      pipeline(stream, outgoing, () => undefined);
    });
    stream.once('error', () => answer(outgoing, 404, 'route.not_found', 'No such file'));
  };

  const handle = (incoming: IncomingMessage, outgoing: ServerResponse) => {
    const target = incoming.url ?? '/';
    if (target.length > MAX_URL_LENGTH) throw new HttpProblem(414, 'request.uri_too_long', 'The URL is too long');
    let url: URL;
    try {
      url = new URL(target, 'http://localhost');
    } catch {
      throw new HttpProblem(400, 'request.invalid_url', 'The URL is not valid');
    }
    if (url.pathname.startsWith('/v1/')) forward(incoming, outgoing, `${url.pathname}${url.search}`);
    else serveFile(incoming, outgoing, url.pathname);
  };

  const server = createServer((incoming, outgoing) => {
    try {
      handle(incoming, outgoing);
    } catch (error) {
      if (error instanceof HttpProblem) answer(outgoing, error.status, error.code, error.message);
      else {
        console.error(`H5 server: ${incoming.method} ${incoming.url?.slice(0, 200)}: ${(error as Error).stack}`);
        answer(outgoing, 500, 'internal', 'The H5 server failed on this request');
      }
    }
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    const lines = Object.entries({ ...headers(), connection: 'close', 'content-length': '0' }).map(
      ([name, value]) => `${name}: ${value}`,
    );
    socket.end(`HTTP/1.1 ${status}\r\n${lines.join('\r\n')}\r\n\r\n`);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      server.on('error', (error) => console.error(`H5 server: ${error.message}`));
      resolve(server);
    });
  });
}
