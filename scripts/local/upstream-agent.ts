import { Agent } from 'node:http';

/**
 * The agent the local proxies forward with (serve-h5's `/v1`, and the gateway in front of
 * serverless-offline in lambda-errors.ts): a new connection for every request.
 *
 * Node's global agent keeps connections alive and lets an idle one go after 5 s — the moment Node's
 * HTTP server (serverless-offline's Hapi among them) closes it from its side (`keepAliveTimeout`, 5 s).
 * A request written onto a connection the server is closing at that instant fails with ECONNRESET, and
 * the proxy answered 502 to a request the API never saw: in full CI runs, a login that did nothing and
 * an image-check verdict never delivered. A new loopback connection costs well under a millisecond.
 */
export const upstreamAgent = new Agent({ keepAlive: false });
