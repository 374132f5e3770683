import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { contracts } from '@linli/shared';
import { handler as createCheckin } from '../../functions/src/http/timebank/create-checkin';
import { handler as getMe } from '../../functions/src/http/identity/get-me';
import { handler as refreshToken } from '../../functions/src/http/identity/refresh-token';
import { handler as wechatLogin } from '../../functions/src/http/identity/wechat-login';
import { issueToken } from '../../functions/src/lib/token';
import { send } from '../support/api';
import { httpEvent, lambdaContext } from '../support/events';
import { checkinCode, createActivityNow, timebankCommunity } from '../support/timebank';

type Handler = (
  event: APIGatewayProxyEventV2,
  context: ReturnType<typeof lambdaContext>,
) => Promise<{ statusCode?: number; headers?: Record<string, unknown>; body?: string }>;

/** Invokes a handler and keeps the headers (Retry-After) as well as the status and body. */
async function invoke(handler: Handler, event: APIGatewayProxyEventV2) {
  const result = await handler(event, lambdaContext());
  return {
    status: result.statusCode ?? 200,
    headers: (result.headers ?? {}) as Record<string, string>,
    body: JSON.parse(String(result.body)) as { error?: { code: string }; token?: string },
  };
}

const fromIp = (event: APIGatewayProxyEventV2, ip: string): APIGatewayProxyEventV2 => ({
  ...event,
  requestContext: { ...event.requestContext, http: { ...event.requestContext.http, sourceIp: ip } },
});

function withRateLimits(limits: object, work: () => Promise<void>): Promise<void> {
  process.env.RATE_LIMITS = JSON.stringify(limits);
  return work().finally(() => {
    delete process.env.RATE_LIMITS;
  });
}

const base64url = (value: object | string) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

function forgedToken(header: object, claims: object, secret: string, algorithm = 'sha256'): string {
  const input = `${base64url(header)}.${base64url(claims)}`;
  return `${input}.${createHmac(algorithm, secret).update(input).digest('base64url')}`;
}

describe('rate limits (429 with Retry-After)', () => {
  it('limits logins per source IP, before anything else is done', async () => {
    const ip = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.7`;
    const login = () =>
      invoke(wechatLogin, fromIp(httpEvent({ method: 'POST', path: '/v1/auth/wechat', body: {} }), ip));
    await withRateLimits({ login: { limit: 3 } }, async () => {
      const replies = [await login(), await login(), await login(), await login()];
      const otherIp = await invoke(
        wechatLogin,
        fromIp(httpEvent({ method: 'POST', path: '/v1/auth/wechat', body: {} }), `${ip}1`),
      );

      expect(replies.map((reply) => reply.status)).toEqual([400, 400, 400, 429]);
      expect(replies[3]!.body.error?.code).toBe('rate.limited');
      expect(Number(replies[3]!.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(replies[3]!.headers['retry-after'])).toBeLessThanOrEqual(60);
      expect(otherIp.status).toBe(400);
    });
  });

  it('limits check-ins per resident', async () => {
    const { cid, staff, resident, otherStaff } = await timebankCommunity();
    const activity = await createActivityNow(cid, staff.token);
    const live = await checkinCode(cid, activity.id, staff.token);
    const scan = (token: string) =>
      invoke(
        createCheckin,
        httpEvent({
          method: 'POST',
          path: `/v1/communities/${cid}/checkins`,
          pathParameters: { cid },
          headers: { authorization: `Bearer ${token}` },
          body: { activityId: activity.id, token: live.qr, direction: 'in' },
        }),
      );
    await withRateLimits({ checkin: { limit: 2 } }, async () => {
      const firstScans = [await scan(resident.token), await scan(resident.token)];
      const statuses = firstScans.map((reply) => [reply.status, reply.body.error?.code]);
      const third = await scan(resident.token);
      const someoneElse = await scan(otherStaff.token);

      expect(statuses).toEqual([
        [200, undefined],
        [200, undefined],
      ]);
      expect(third).toMatchObject({ status: 429, body: { error: { code: 'rate.limited' } } });
      expect(someoneElse.status).toBe(200);
    });
  });
});

describe('tokens', () => {
  const secret = () => process.env.JWT_SECRET as string;
  const meEvent = (token: string, cid: string) =>
    httpEvent({
      method: 'GET',
      path: `/v1/communities/${cid}/me`,
      pathParameters: { cid },
      headers: { authorization: `Bearer ${token}` },
    });

  it('refuses expired tokens, `none`, other algorithms and other keys', async () => {
    const { cid, resident } = await timebankCommunity();
    const now = Math.floor(Date.now() / 1000);
    const claims = { sub: resident.userId, iat: now, exp: now + 600, iss: 'linli', aud: 'linli-api', ses: now };
    const expired = issueToken(resident.userId, secret(), 60, now - 3600).token;
    const none = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.`;
    const noneSigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.${base64url('x')}`;
    const hs512 = forgedToken({ alg: 'HS512', typ: 'JWT' }, claims, secret(), 'sha512');
    const otherKey = forgedToken({ alg: 'HS256', typ: 'JWT' }, claims, 'another-secret-of-at-least-32-bytes!!');
    const good = forgedToken({ alg: 'HS256', typ: 'JWT' }, claims, secret());

    const replies = await Promise.all(
      [expired, none, noneSigned, hs512, otherKey, good].map((token) => invoke(getMe, meEvent(token, cid))),
    );

    expect(replies.map((reply) => [reply.status, reply.body.error?.code])).toEqual([
      [401, 'auth.token_expired'],
      [401, 'auth.token_invalid'],
      [401, 'auth.token_invalid'],
      [401, 'auth.token_invalid'],
      [401, 'auth.token_invalid'],
      [200, undefined],
    ]);
  });

  it('rotates: a refreshed token keeps the session, a rotated-out key works until removed, sessions end', async () => {
    const { cid, resident } = await timebankCommunity();
    const now = Math.floor(Date.now() / 1000);
    const oldSecret = `old-secret-${randomUUID()}`;
    const signedWithOldKey = issueToken(resident.userId, oldSecret, 600).token;
    const refreshEvent = (token: string) =>
      httpEvent({ method: 'POST', path: '/v1/auth/refresh', headers: { authorization: `Bearer ${token}` } });

    const beforeRotation = await invoke(getMe, meEvent(signedWithOldKey, cid));
    process.env.JWT_SECRET_PREVIOUS = oldSecret;
    let duringRotation;
    let refreshed;
    try {
      duringRotation = await invoke(getMe, meEvent(signedWithOldKey, cid));
      refreshed = await invoke(refreshToken, refreshEvent(signedWithOldKey));
    } finally {
      delete process.env.JWT_SECRET_PREVIOUS;
    }
    const newTokenWorks = await invoke(getMe, meEvent(String(refreshed.body.token), cid));
    const oldKeyAfter = await invoke(getMe, meEvent(signedWithOldKey, cid));
    const longSession = issueToken(resident.userId, secret(), 600, now, now - 31 * 24 * 3600).token;
    const tooOld = await invoke(refreshToken, refreshEvent(longSession));

    expect(beforeRotation.status).toBe(401);
    expect(duringRotation.status).toBe(200);
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.token).not.toBe(signedWithOldKey);
    expect(newTokenWorks.status).toBe(200);
    expect(oldKeyAfter.status).toBe(401);
    expect(tooOld).toMatchObject({ status: 401, body: { error: { code: 'auth.session_expired' } } });
  });
});

describe('WeChat login codes', () => {
  let server: Server;
  let url = '';
  const seen: string[] = [];
  const saved: Record<string, string | undefined> = {};

  beforeAll(async () => {
    server = createServer((request, response) => {
      const code = new URL(request.url ?? '/', 'http://stand-in').searchParams.get('js_code') ?? '';
      seen.push(code);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ openid: `wx-${code}`, session_key: `key-${code}` }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (const name of ['WECHAT_API_BASE', 'WECHAT_APP_ID', 'WECHAT_APP_SECRET']) saved[name] = process.env[name];
    Object.assign(process.env, { WECHAT_API_BASE: url, WECHAT_APP_ID: 'wx-test', WECHAT_APP_SECRET: 'secret' });
  });

  afterAll(async () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await new Promise((resolve) => server.close(resolve));
  });

  it('refuses a reused code without asking WeChat again', async () => {
    const code = `code-${randomUUID().slice(0, 8)}`;
    const login = () =>
      invoke(
        wechatLogin,
        fromIp(httpEvent({ method: 'POST', path: '/v1/auth/wechat', body: { code } }), `10.1.${seen.length}.9`),
      );
    const first = await login();
    const replay = await login();

    expect(first.status).toBe(200);
    expect(replay).toMatchObject({ status: 401, body: { error: { code: 'auth.wechat_code_invalid' } } });
    expect(seen.filter((value) => value === code)).toHaveLength(1);
  });
});

describe('request limits', () => {
  it('refuses bodies over 64 KB and cursors from elsewhere, over HTTP', async () => {
    const { cid, staff } = await timebankCommunity();
    const huge = await send(contracts.createActivity, {
      params: { cid },
      token: staff.token,
      rawBody: JSON.stringify({ title: 'x'.repeat(70 * 1024) }),
    });
    const foreignCursor = Buffer.from(JSON.stringify({ PK: 'COMMUNITY#other', SK: 'MEMBER#x' })).toString('base64url');
    const cursor = await send(contracts.listMembers, {
      params: { cid },
      query: { cursor: foreignCursor },
      token: staff.token,
    });

    expect(huge).toMatchObject({ status: 413, body: { error: { code: 'request.too_large' } } });
    expect(cursor).toMatchObject({ status: 400, body: { error: { code: 'request.invalid_cursor' } } });
  });
});
