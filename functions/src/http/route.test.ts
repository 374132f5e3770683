import * as z from 'zod/mini';
import type { RouteContract } from '@linli/shared';
import { httpRoute, ok } from './route';
import { AppError } from '../lib/errors';
import { httpEvent, lambdaContext } from '../../../tests/support/events';

const Body = z.strictObject({ amountPoints: z.int().check(z.minimum(1)) });
const contract = { method: 'GET', path: '/v1/echo', access: 'public', body: Body } as RouteContract<
  Record<string, never>,
  z.infer<typeof Body>,
  { doubled: number }
>;

const echo = httpRoute(contract, async ({ body }) => {
  if (body.amountPoints === 13) throw new AppError('ledger.insufficient_funds', 'not enough');
  if (body.amountPoints === 666) throw new Error('database exploded: secret detail');
  if (body.amountPoints === 503) throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
  return ok({ doubled: body.amountPoints * 2 });
});

const send = async (options: { body?: unknown; raw?: string; headers?: Record<string, string> }) => {
  const event = httpEvent({ method: 'GET', path: '/v1/echo', body: options.body, headers: options.headers });
  if (options.raw !== undefined) event.body = options.raw;
  const result = await echo(event, lambdaContext());
  return { status: result.statusCode, headers: result.headers ?? {}, body: JSON.parse(String(result.body)) };
};

describe('the HTTP stack', () => {
  it('answers load (a throttled DynamoDB, a Lambda out of time) with 503 and Retry-After, not a 500', async () => {
    const reply = await send({ body: { amountPoints: 503 } });

    expect(reply).toMatchObject({ status: 503, body: { error: { code: 'service.busy' } } });
    expect(reply.headers['retry-after']).toBe('1');
  });

  it('validates, runs the use case and answers JSON with a request id and CORS', async () => {
    const reply = await send({ body: { amountPoints: 21 } });

    expect(reply).toMatchObject({ status: 200, body: { doubled: 42 } });
    expect(reply.headers['x-request-id']).toBeTruthy();
    expect(reply.headers['access-control-allow-origin']).toBe('*');
  });

  it('tells browsers not to sniff a reply into another type (JSON, CSV and errors alike)', async () => {
    const replies = [await send({ body: { amountPoints: 21 } }), await send({ raw: '{' })];

    expect(replies.map((reply) => reply.headers['x-content-type-options'])).toEqual(['nosniff', 'nosniff']);
  });

  it.each([
    ['fractional points', { body: { amountPoints: 1.5 } }, 400, 'request.validation_failed'],
    ['a string', { body: { amountPoints: '5' } }, 400, 'request.validation_failed'],
    ['mass assignment', { body: { amountPoints: 5, balancePoints: 1e9 } }, 400, 'request.validation_failed'],
    ['prototype pollution', { raw: '{"amountPoints":5,"__proto__":{"admin":true}}' }, 400, 'request.validation_failed'],
    ['broken JSON', { raw: '{"amountPoints":' }, 400, 'request.malformed_json'],
    ['a domain error', { body: { amountPoints: 13 } }, 409, 'ledger.insufficient_funds'],
  ])('%s → %i %s', async (_case, request, status, code) => {
    const reply = await send({ headers: { 'content-type': 'application/json' }, ...request });

    expect(reply.status).toBe(status);
    expect(reply.body.error.code).toBe(code);
  });

  it('hides unexpected errors behind a 500 without details', async () => {
    const reply = await send({ body: { amountPoints: 666 } });

    expect(reply.status).toBe(500);
    expect(JSON.stringify(reply.body)).not.toContain('secret detail');
  });
});
