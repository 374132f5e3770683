import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { contracts, type SubscribeResponse } from '@linli/shared';
import { handler as approveClaim } from '../../functions/src/http/timebank/approve-claim';
import { handler as rejectClaim } from '../../functions/src/http/timebank/reject-claim';
import { handler as subscribe } from '../../functions/src/http/identity/subscribe';
import { handler as getSubscriptions } from '../../functions/src/http/identity/get-subscriptions';
import { handler as sendSubscribeMessages } from '../../functions/src/jobs/send-subscribe-messages';
import { resetSubscribeTokenCache } from '../../functions/src/gateways/subscribe-messages';
import { send } from '../support/api';
import { httpEvent, invoke } from '../support/events';
import { createActivityNow, officeClaim, timebankCommunity } from '../support/timebank';

interface SentMessage {
  accessToken: string | null;
  body: { touser: string; template_id: string; page: string; data: Record<string, { value: string }> };
}

/**
 * A local stand-in for WeChat's `getStableAccessToken` and `subscribeMessage.send`: the job
 * under test makes real HTTP requests to it. `script` decides the errcode of the next sends.
 */
function startWechatStandIn() {
  const sent: SentMessage[] = [];
  const tokenRequests: { force_refresh?: boolean; secret?: string }[] = [];
  const script: number[] = [];
  let tokenNumber = 0;
  const server: Server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://stand-in');
      const reply = (body: object) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      };
      const body = JSON.parse(raw || '{}') as Record<string, unknown>;
      if (url.pathname === '/cgi-bin/stable_token') {
        tokenRequests.push(body);
        if (body.secret !== 'test-app-secret') return reply({ errcode: 40125, errmsg: 'invalid appsecret' });
        tokenNumber += 1;
        return reply({ access_token: `token-${tokenNumber}`, expires_in: 7200 });
      }
      if (url.pathname === '/cgi-bin/message/subscribe/send') {
        const errcode = script.shift() ?? 0;
        if (errcode === 0)
          sent.push({ accessToken: url.searchParams.get('access_token'), body: body as SentMessage['body'] });
        return reply({ errcode, errmsg: errcode ? 'scripted error' : 'ok' });
      }
      return reply({ errcode: -1, errmsg: 'no such api' });
    });
  });
  return new Promise<{
    server: Server;
    url: string;
    sent: SentMessage[];
    tokenRequests: typeof tokenRequests;
    script: number[];
  }>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        server,
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        sent,
        tokenRequests,
        script,
      }),
    ),
  );
}

const TEMPLATES = {
  claim_decided: { id: 'tmpl-claim-0001', fields: { title: 'thing1', body: 'thing2', time: 'time3' } },
};
const SAVED = ['WECHAT_API_BASE', 'WECHAT_APP_ID', 'WECHAT_APP_SECRET', 'WECHAT_SUBSCRIBE_TEMPLATES'] as const;

describe('WeChat subscribe messages (against a local stand-in)', () => {
  let standIn: Awaited<ReturnType<typeof startWechatStandIn>>;
  const saved: Record<string, string | undefined> = {};

  beforeAll(async () => {
    standIn = await startWechatStandIn();
    for (const name of SAVED) saved[name] = process.env[name];
    Object.assign(process.env, {
      WECHAT_API_BASE: standIn.url,
      WECHAT_APP_ID: 'wx-test-app',
      WECHAT_APP_SECRET: 'test-app-secret',
      WECHAT_SUBSCRIBE_TEMPLATES: JSON.stringify(TEMPLATES),
    });
    resetSubscribeTokenCache();
  });

  afterAll(async () => {
    for (const name of SAVED) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
    resetSubscribeTokenCache();
    await new Promise((resolve) => standIn.server.close(resolve));
  });

  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const decide = async (cid: string, claimId: string, token: string, approve: boolean) =>
    invoke(
      approve ? approveClaim : rejectClaim,
      httpEvent({
        method: 'POST',
        path: `/v1/communities/${cid}/claims/${claimId}/${approve ? 'approve' : 'reject'}`,
        headers: auth(token),
        pathParameters: { cid, claimId },
        body: approve ? undefined : { reason: '记录有误' },
      }),
    );
  const inbox = async (token: string) => (await send(contracts.listMyNotifications, { token })).body.items;

  it('sends one message per accepted subscription, refreshes a stale token, and keeps the rest in the inbox', async () => {
    const { cid, staff, otherStaff, resident } = await timebankCommunity();
    const newClaim = async () =>
      (await officeClaim(cid, (await createActivityNow(cid, staff.token)).id, staff.token, resident.userId, 60)).id;

    const accepted = await invoke(
      subscribe,
      httpEvent({
        method: 'POST',
        path: '/v1/me/subscriptions',
        headers: auth(resident.token),
        body: { kinds: ['claim_decided', 'claim_decided'] },
      }),
    );
    const unknownKind = await invoke(
      subscribe,
      httpEvent({
        method: 'POST',
        path: '/v1/me/subscriptions',
        headers: auth(resident.token),
        body: { kinds: ['spam'] },
      }),
    );

    // 1: sent (the first send is answered "access token expired": the job refreshes it and sends again)
    expect((await decide(cid, await newClaim(), otherStaff.token, true)).status).toBe(200);
    standIn.script.push(40001);
    const firstRun = await sendSubscribeMessages();

    // 2: no credit left → stays in the inbox only
    expect((await decide(cid, await newClaim(), otherStaff.token, false)).status).toBe(200);
    const secondRun = await sendSubscribeMessages();

    // 3: a new acceptance, but the resident turned messages off in WeChat meanwhile (43101)
    await invoke(
      subscribe,
      httpEvent({
        method: 'POST',
        path: '/v1/me/subscriptions',
        headers: auth(resident.token),
        body: { kinds: ['claim_decided'] },
      }),
    );
    expect((await decide(cid, await newClaim(), otherStaff.token, true)).status).toBe(200);
    standIn.script.push(43101);
    const thirdRun = await sendSubscribeMessages();
    const idleRun = await sendSubscribeMessages();
    const credits = await invoke(
      getSubscriptions,
      httpEvent({ method: 'GET', path: '/v1/me/subscriptions', headers: auth(resident.token) }),
    );

    expect(accepted.status).toBe(200);
    expect((accepted.body as unknown as SubscribeResponse).credits.claim_decided).toBe(1);
    expect((accepted.body as unknown as SubscribeResponse).templates).toEqual({ claim_decided: 'tmpl-claim-0001' });
    expect(unknownKind.status).toBe(400);
    expect(firstRun).toEqual({ sent: 1, noConsent: 0, failed: 0, retried: 0 });
    expect(secondRun).toEqual({ sent: 0, noConsent: 1, failed: 0, retried: 0 });
    expect(thirdRun).toEqual({ sent: 0, noConsent: 1, failed: 0, retried: 0 });
    expect(idleRun).toEqual({ sent: 0, noConsent: 0, failed: 0, retried: 0 });
    expect(standIn.sent).toHaveLength(1);
    expect(standIn.sent[0]).toMatchObject({
      accessToken: 'token-2',
      body: {
        touser: resident.openid,
        template_id: 'tmpl-claim-0001',
        data: {
          thing1: { value: '服务时长已通过' },
          time3: { value: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d$/) },
        },
      },
    });
    expect(Array.from(standIn.sent[0]!.body.data.thing2!.value).length).toBeLessThanOrEqual(20);
    expect(standIn.tokenRequests.map((request) => request.force_refresh)).toEqual([false, true]);
    expect((credits.body as unknown as SubscribeResponse).credits.claim_decided).toBe(0);
    const pushes = (await inbox(resident.token)).map((item) => item.push);
    expect(pushes.sort()).toEqual(['no_consent', 'no_consent', 'sent']);
  });
});
