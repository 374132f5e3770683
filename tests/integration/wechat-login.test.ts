import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { handler as wechatLogin } from '../../functions/src/http/identity/wechat-login';
import { handler as devLogin } from '../../functions/src/http/identity/dev-login';
import { keys } from '../../functions/src/store/keys';
import { verifyToken } from '../../functions/src/lib/token';
import { documentClient } from '../support/api';
import { httpEvent, invoke } from '../support/events';
import { tableName } from '../support/factories';

/**
 * A local stand-in for WeChat's `GET /sns/jscode2session`: the handler under test
 * makes real HTTP requests to it. Codes are single use, as on WeChat.
 */
function startWechatStandIn(): Promise<{ server: Server; url: string; requests: URL[] }> {
  const requests: URL[] = [];
  const used = new Set<string>();
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://stand-in');
    requests.push(url);
    const code = url.searchParams.get('js_code') ?? '';
    const reply = (body: object) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (url.pathname !== '/sns/jscode2session') return reply({ errcode: -1, errmsg: 'no such api' });
    if (url.searchParams.get('secret') !== 'test-app-secret')
      return reply({ errcode: 40125, errmsg: 'invalid appsecret' });
    if (!code.startsWith('good-')) return reply({ errcode: 40029, errmsg: 'invalid code' });
    if (used.has(code)) return reply({ errcode: 40163, errmsg: 'code been used' });
    used.add(code);
    return reply({ openid: `wx-openid-${code.slice(5, 10)}`, session_key: `session-${code}`, unionid: 'union-1' });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests }),
    ),
  );
}

const loginEvent = (code: string) => httpEvent({ method: 'POST', path: '/v1/auth/wechat', body: { code } });

describe('WeChat login (code2Session against a local stand-in)', () => {
  let standIn: Awaited<ReturnType<typeof startWechatStandIn>>;

  beforeAll(async () => {
    standIn = await startWechatStandIn();
    Object.assign(process.env, {
      WECHAT_API_BASE: standIn.url,
      WECHAT_APP_ID: 'wx-test-app',
      WECHAT_APP_SECRET: 'test-app-secret',
    });
  });

  afterAll(() => new Promise((resolve) => standIn.server.close(resolve)));

  it('exchanges the code server side and issues a Linli token, never the session key', async () => {
    const reply = await invoke(wechatLogin, loginEvent('good-alpha-1'));

    expect(reply.status).toBe(200);
    expect(JSON.stringify(reply.body)).not.toContain('session-');
    const claims = verifyToken(String(reply.body.token), process.env.JWT_SECRET as string);
    expect(claims.sub).toBe((reply.body.user as { id: string }).id);
    const sent = standIn.requests.at(-1);
    expect(sent?.searchParams.get('appid')).toBe('wx-test-app');
    expect(sent?.searchParams.get('grant_type')).toBe('authorization_code');
    const stored = await documentClient().send(
      new GetCommand({ TableName: tableName(), Key: keys.wechatSession(claims.sub) }),
    );
    expect(stored.Item?.sessionKey).toBe('session-good-alpha-1');
  });

  it('maps the same openid to the same user on the next login', async () => {
    const first = await invoke(wechatLogin, loginEvent('good-beta1-a'));
    const second = await invoke(wechatLogin, loginEvent('good-beta1-b'));

    expect((second.body.user as { id: string }).id).toBe((first.body.user as { id: string }).id);
  });

  it('refuses an invalid or reused code with 401', async () => {
    await invoke(wechatLogin, loginEvent('good-gamma-1'));

    const reused = await invoke(wechatLogin, loginEvent('good-gamma-1'));
    const invalid = await invoke(wechatLogin, loginEvent('bad-code'));

    expect(reused).toMatchObject({ status: 401, body: { error: { code: 'auth.wechat_code_invalid' } } });
    expect(invalid).toMatchObject({ status: 401, body: { error: { code: 'auth.wechat_code_invalid' } } });
  });

  it('answers 502 when WeChat cannot be reached', async () => {
    const base = process.env.WECHAT_API_BASE;
    process.env.WECHAT_API_BASE = 'http://127.0.0.1:9';
    try {
      const reply = await invoke(wechatLogin, loginEvent('good-delta-1'));

      expect(reply).toMatchObject({ status: 502, body: { error: { code: 'wechat.unavailable' } } });
    } finally {
      process.env.WECHAT_API_BASE = base;
    }
  });
});

describe('dev login exists only on the dev stage', () => {
  const event = () => httpEvent({ method: 'POST', path: '/v1/auth/dev-login', body: { openid: 'stage-check' } });

  afterEach(() => {
    process.env.STAGE = 'dev';
  });

  it.each(['prod', 'staging'])('answers 404 on %s', async (stage) => {
    process.env.STAGE = stage;

    expect(await invoke(devLogin, event())).toMatchObject({
      status: 404,
      body: { error: { code: 'route.not_found' } },
    });
  });

  it('works on dev', async () => {
    process.env.STAGE = 'dev';

    expect((await invoke(devLogin, event())).status).toBe(200);
  });
});
