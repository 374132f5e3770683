import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import { upstreamAgent } from './upstream-agent';

/**
 * serverless-offline 14 answers an HTTP API (payload 2.0) route whose Lambda *failed* — it timed out
 * (`[504] - Lambda timeout.`) or threw outside middy — with **200** and the Lambda error as the JSON
 * body (`{errorMessage, errorType, stackTrace}`): it wraps the error as a plain-object 2.0 reply before
 * it checks for an error (src/events/http/HttpServer.js). API Gateway answers a failed invocation with
 * a 5xx, so locally a timeout looked like success and a page crashed on a body without its fields.
 * This proxy sits in front of it and restores the 5xx: the status written in the message (`[504]`),
 * else 502, with `{"message": "Internal Server Error"}` as API Gateway sends (no stack trace).
 * Every other reply passes through unchanged and streamed.
 */
export function serveLambdaErrorsAsApiGateway(options: { port: number; upstreamPort: number }): Promise<Server> {
  const server = createServer((incoming, outgoing) => {
    const forward = httpRequest(
      {
        hostname: '127.0.0.1',
        port: options.upstreamPort,
        method: incoming.method,
        path: incoming.url,
        headers: incoming.headers,
        agent: upstreamAgent,
      },
      (answer) => {
        const status = answer.statusCode ?? 502;
        if (status !== 200 || !isJson(answer.headers)) {
          outgoing.writeHead(status, answer.headers);
          answer.pipe(outgoing);
          return;
        }
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const body = Buffer.concat(chunks);
          const failure = lambdaFailureStatus(body.toString('utf8'));
          if (failure === undefined) {
            // Read whole, so sent whole: its length instead of the chunked encoding it came with.
            const { 'transfer-encoding': _chunked, ...headers } = answer.headers;
            outgoing.writeHead(status, { ...headers, 'content-length': String(body.length) });
            outgoing.end(body);
            return;
          }
          const reply = JSON.stringify({ message: 'Internal Server Error' });
          outgoing.writeHead(failure, {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(reply),
          });
          outgoing.end(reply);
        });
      },
    );
    forward.on('error', () => {
      if (outgoing.headersSent) return outgoing.destroy();
      outgoing.writeHead(502, { 'content-type': 'application/json' });
      outgoing.end(JSON.stringify({ message: 'Bad Gateway' }));
    });
    incoming.pipe(forward);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve(server));
  });
}

/**
 * The status API Gateway would send for serverless-offline's 200 body of a failed Lambda
 * (`{"errorMessage":"[504] - Lambda timeout.","errorType":"LambdaTimeoutError","stackTrace":[…]}` → 504;
 * no `[NNN]` in the message → 502), or undefined when the body is a route's own reply.
 */
export function lambdaFailureStatus(body: string): number | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { errorMessage, errorType, stackTrace } = parsed as Record<string, unknown>;
  if (typeof errorMessage !== 'string' || typeof errorType !== 'string' || !Array.isArray(stackTrace)) return undefined;
  const written = /\[(5\d\d)]/.exec(errorMessage)?.[1];
  return written ? Number(written) : 502;
}

const isJson = (headers: IncomingHttpHeaders) => (headers['content-type'] ?? '').includes('application/json');
