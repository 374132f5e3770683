import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An upstream that closes a kept-alive connection just as the next request arrives on it — what Node's
 * HTTP server does when a proxy reuses a connection at the end of its `keepAliveTimeout` (5 s), made
 * certain instead of a race: the first request on a connection is answered 200, a later one on the same
 * connection finds it closed (no answer). A proxy that opens a connection per request gets 200 each time.
 */
export async function closingUpstream(): Promise<{ url: string; connections: () => number; close: () => void }> {
  let connections = 0;
  const served = new WeakSet<object>();
  const server: Server = createServer((incoming, outgoing) => {
    if (served.has(incoming.socket)) {
      incoming.socket.destroy();
      return;
    }
    served.add(incoming.socket);
    outgoing.writeHead(200, { 'content-type': 'application/json' });
    outgoing.end(JSON.stringify({ path: incoming.url }));
  });
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connections: () => connections,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}
