import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startWechatApi } from '../../scripts/local/wechat-api';

/**
 * The WeChat stand-in pushes an image check's verdict again, as WeChat does, while the server does not
 * answer `success` (three more tries): one refused or failed push must not leave a photo unchecked for
 * ever (seen in full CI runs as "timed out waiting for the review verdict").
 */
describe('the WeChat stand-in’s message push', () => {
  it('pushes a verdict again until the server answers success, and no more after it', async () => {
    const answers = ['', 'failed', 'success'];
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
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const wechat = await startWechatApi({
      appId: 'wx-push-retry',
      appSecret: 'push-secret',
      push: { url: `${base}/v1/wechat/messages`, token: 'push-token' },
    });
    try {
      const token = (await (
        await fetch(`${wechat.url}/cgi-bin/stable_token`, {
          method: 'POST',
          body: JSON.stringify({ grant_type: 'client_credential', appid: 'wx-push-retry', secret: 'push-secret' }),
        })
      ).json()) as { access_token: string };
      const asked = (await (
        await fetch(`${wechat.url}/wxa/media_check_async?access_token=${token.access_token}`, {
          method: 'POST',
          body: JSON.stringify({ media_url: `${base}/image.png`, media_type: 2, version: 2, scene: 1, openid: 'o-1' }),
        })
      ).json()) as { errcode: number; trace_id: string };
      expect(asked.errcode).toBe(0);

      const deadline = Date.now() + 10_000;
      while (pushes.length < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      await new Promise((resolve) => setTimeout(resolve, 1_500));

      expect(pushes).toEqual([asked.trace_id, asked.trace_id, asked.trace_id]);
      expect(wechat.state.mediaChecks.get(asked.trace_id)?.delivered).toBe(1);
    } finally {
      await wechat.close();
      server.close();
    }
  });
});
