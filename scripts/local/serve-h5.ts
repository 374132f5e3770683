import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import path from 'node:path';

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

/**
 * Serves the built H5 app and forwards `/v1/*` to the API, so the app calls its
 * own origin (as behind a CDN in production) and the browser needs no CORS.
 */
export function serveH5(options: { port: number; root: string; apiUrl: string }): Promise<Server> {
  const api = new URL(options.apiUrl);
  const server = createServer((incoming, outgoing) => {
    const url = new URL(incoming.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith('/v1/')) {
      const forward = httpRequest(
        {
          hostname: api.hostname,
          port: api.port,
          method: incoming.method,
          path: incoming.url,
          headers: { ...incoming.headers, host: api.host },
        },
        (answer) => {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
        },
      );
      forward.on('error', () => {
        outgoing.writeHead(502, { 'content-type': 'application/json' });
        outgoing.end(JSON.stringify({ error: { code: 'api.unreachable', message: 'The API is not running' } }));
      });
      incoming.pipe(forward);
      return;
    }
    const relative = path.normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = path.join(options.root, relative);
    if (!file.startsWith(options.root) || !existsSync(file) || statSync(file).isDirectory()) {
      file = path.join(options.root, 'index.html');
    }
    outgoing.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': file.endsWith('index.html') ? 'no-cache' : 'public, max-age=3600',
    });
    createReadStream(file).pipe(outgoing);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve(server));
  });
}
