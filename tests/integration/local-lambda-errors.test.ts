import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { lambdaFailureStatus, serveLambdaErrorsAsApiGateway } from '../../scripts/local/lambda-errors';
import { freePort } from '../../scripts/local/ports';
import { closingUpstream } from '../support/closing-upstream';

/**
 * The local API answers a failed Lambda with a 5xx, as API Gateway does. serverless-offline 14 answers
 * an HTTP API route whose Lambda timed out with 200 and `{errorMessage, errorType, stackTrace}` (found
 * by the page smoke test: under load 我的/集市 crashed on a "200" /me without `community`); the stand-in
 * below replies exactly as serverless-offline does, the gateway in front must turn it into a 5xx.
 */
const TIMEOUT_BODY = JSON.stringify({
  errorMessage: '[504] - Lambda timeout.',
  errorType: 'LambdaTimeoutError',
  stackTrace: ['Error: [504] - Lambda timeout.', '    at #timeoutAndTerminate (LambdaFunction.js:290:11)'],
});
const CRASH_BODY = JSON.stringify({
  errorMessage: 'Cannot find module',
  errorType: 'Error',
  stackTrace: ['Error: Cannot find module'],
});

describe('failed Lambdas on the local stack', () => {
  let upstream: Server;
  let gateway: Server;
  let base: string;

  beforeAll(async () => {
    upstream = createServer((incoming, outgoing) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        const json = { 'content-type': 'application/json' };
        const replies: Record<string, [number, Record<string, string>, string]> = {
          '/timeout': [200, json, TIMEOUT_BODY],
          '/crash': [200, json, CRASH_BODY],
          '/ok': [200, json, JSON.stringify({ items: [], errorMessage: 'a field of a real reply' })],
          '/missing': [404, json, JSON.stringify({ error: { code: 'route.not_found', message: 'No such route' } })],
          '/file': [200, { 'content-type': 'text/csv; charset=utf-8' }, 'a,b\n1,2\n'],
          '/echo': [200, json, JSON.stringify({ method: incoming.method, body: Buffer.concat(chunks).toString() })],
        };
        const [status, headers, body] = replies[incoming.url ?? ''] ?? [500, json, '{}'];
        outgoing.writeHead(status, headers);
        outgoing.end(body);
      });
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const port = await freePort();
    gateway = await serveLambdaErrorsAsApiGateway({ port, upstreamPort: (upstream.address() as AddressInfo).port });
    base = `http://127.0.0.1:${port}`;
  });

  afterAll(() => {
    gateway?.close();
    upstream?.close();
  });

  it('answers a Lambda timeout with 504 and a crash with 502, without the stack trace', async () => {
    const timeout = await fetch(`${base}/timeout`);
    const crash = await fetch(`${base}/crash`);

    expect([timeout.status, await timeout.json()]).toEqual([504, { message: 'Internal Server Error' }]);
    expect([crash.status, await crash.json()]).toEqual([502, { message: 'Internal Server Error' }]);
  });

  it("passes every route's own reply through unchanged: JSON, errors, files, bodies", async () => {
    const ok = await fetch(`${base}/ok`);
    const missing = await fetch(`${base}/missing`);
    const file = await fetch(`${base}/file`);
    const echo = await fetch(`${base}/echo`, { method: 'POST', body: '{"x":1}' });

    expect([ok.status, await ok.json()]).toEqual([200, { items: [], errorMessage: 'a field of a real reply' }]);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('route.not_found');
    expect([file.status, file.headers.get('content-type'), await file.text()]).toEqual([
      200,
      'text/csv; charset=utf-8',
      'a,b\n1,2\n',
    ]);
    expect(await echo.json()).toEqual({ method: 'POST', body: '{"x":1}' });
  });

  it('reads only serverless-offline’s error shape as a failure', () => {
    expect(lambdaFailureStatus(TIMEOUT_BODY)).toBe(504);
    expect(lambdaFailureStatus(CRASH_BODY)).toBe(502);
    expect(lambdaFailureStatus('{"errorMessage":"x","errorType":"Error"}')).toBeUndefined();
    expect(lambdaFailureStatus('{"errorMessage":"[404] x","errorType":"Error","stackTrace":[]}')).toBe(502);
    expect(lambdaFailureStatus('not json')).toBeUndefined();
    expect(lambdaFailureStatus('null')).toBeUndefined();
  });

  it('forwards each request on a connection of its own: a connection the API closes as it idles never costs a 502', async () => {
    const closing = await closingUpstream();
    const port = await freePort();
    const front = await serveLambdaErrorsAsApiGateway({ port, upstreamPort: Number(new URL(closing.url).port) });
    try {
      const statuses: number[] = [];
      for (const name of ['first', 'second', 'third'])
        statuses.push((await fetch(`http://127.0.0.1:${port}/${name}`)).status);

      expect(statuses).toEqual([200, 200, 200]);
      expect(closing.connections()).toBe(3);
    } finally {
      front.close();
      closing.close();
    }
  });
});
