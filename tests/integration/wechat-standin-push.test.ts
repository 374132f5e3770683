import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startWechatApi, type WechatApi } from '../../scripts/local/wechat-api';

/**
 * The WeChat stand-in pushes an image check's verdict again, as WeChat does, while the server does not
 * answer `success` (three more tries): one refused or failed push must not leave a photo unchecked for
 * ever (seen in full CI runs as "timed out waiting for the review verdict").
 */
/** A push target answering `answers` in turn (`''` drops the connection), serving `/image.png` too. */
async function pushTarget(answers: string[]): Promise<{ base: string; pushes: string[]; close: () => void }> {
  const pushes: string[] = [];
  const server: Server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      if (incoming.url?.startsWith('/image')) {
        outgoing.writeHead(200, { 'content-type': 'image/png' });
        outgoing.end('an image');
        return;
      }
      pushes.push((JSON.parse(Buffer.concat(chunks).toString()) as { trace_id: string }).trace_id);
      const answer = answers.shift() ?? 'success';
      if (answer === '') {
        outgoing.destroy();
        return;
      }
      outgoing.writeHead(answer === 'success' ? 200 : 500, { 'content-type': 'text/plain' });
      outgoing.end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, pushes, close: () => server.close() };
}

/** Asks the stand-in for an image check of `${base}/image.png`, as the API does; the trace id. */
async function askImageCheck(wechat: WechatApi, appId: string, secret: string, base: string): Promise<string> {
  const token = (await (
    await fetch(`${wechat.url}/cgi-bin/stable_token`, {
      method: 'POST',
      body: JSON.stringify({ grant_type: 'client_credential', appid: appId, secret }),
    })
  ).json()) as { access_token: string };
  const asked = (await (
    await fetch(`${wechat.url}/wxa/media_check_async?access_token=${token.access_token}`, {
      method: 'POST',
      body: JSON.stringify({ media_url: `${base}/image.png`, media_type: 2, version: 2, scene: 1, openid: 'o-1' }),
    })
  ).json()) as { errcode: number; trace_id: string };
  expect(asked.errcode).toBe(0);
  return asked.trace_id;
}

/** A stand-in of app `appId` pushing its verdicts to `target`, asked for one image check: its trace id. */
async function standInPushingTo(
  target: { base: string },
  appId: string,
): Promise<{ wechat: WechatApi; traceId: string }> {
  const wechat = await startWechatApi({
    appId,
    appSecret: 'push-secret',
    push: { url: `${target.base}/v1/wechat/messages`, token: 'push-token' },
  });
  try {
    return { wechat, traceId: await askImageCheck(wechat, appId, 'push-secret', target.base) };
  } catch (error) {
    await wechat.close();
    throw error;
  }
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the WeChat stand-in’s message push', () => {
  it('pushes a verdict again until the server answers success, and no more after it', async () => {
    const target = await pushTarget(['', 'failed', 'success']);
    const { wechat, traceId } = await standInPushingTo(target, 'wx-push-retry');
    try {
      const deadline = Date.now() + 10_000;
      while (target.pushes.length < 3 && Date.now() < deadline) await settle(100);
      await settle(1_500);

      expect(target.pushes).toEqual([traceId, traceId, traceId]);
      expect(wechat.state.mediaChecks.get(traceId)?.delivered).toBe(1);
    } finally {
      await wechat.close();
      target.close();
    }
  });

  it('pushes nothing more once a test holds the verdicts or the stand-in is closed', async () => {
    const held = await pushTarget(['failed', 'failed', 'failed', 'failed']);
    const { wechat } = await standInPushingTo(held, 'wx-push-hold');
    try {
      while (held.pushes.length < 1) await settle(50);
      wechat.state.holdMediaVerdicts = true;
      await settle(2_500);

      expect(held.pushes).toHaveLength(1);
    } finally {
      await wechat.close();
      held.close();
    }

    const closing = await pushTarget(['failed', 'failed', 'failed', 'failed']);
    const { wechat: closed } = await standInPushingTo(closing, 'wx-push-close');
    try {
      while (closing.pushes.length < 1) await settle(50);
      await closed.close();
      await settle(2_500);

      expect(closing.pushes).toHaveLength(1);
    } finally {
      closing.close();
    }
  });
});
