import { createHash, randomBytes } from 'node:crypto';
import type { ImageReview, ImageView } from '@linli/shared';
import { resetAccessTokenCache } from '../../functions/src/gateways/wechat-access-token';
import { handler as holdOverdueImageChecks } from '../../functions/src/jobs/hold-overdue-image-checks';
import { startWechatApi, type WechatApi } from '../../scripts/local/wechat-api';
import { createMember } from '../support/factories';
import { samplePhoto } from '../support/photos';
import { callRoute, loadHandlers, routeTable, type RouteReply } from '../support/routes';
import { timebankCommunity } from '../support/timebank';

/**
 * Issue 19, item 4 — WeChat's image check when things go wrong, with the routes in-process and a
 * WeChat stand-in of this suite's own that holds its verdicts until the test pushes them: WeChat
 * down when asked, a verdict that never comes, a verdict pushed again after the office decided, a
 * verdict for a photo already gone. A photo is never shown unchecked, and never lost.
 */
const MEDIA_CHECK = '/wxa/media_check_async';
const SAVED = ['WECHAT_API_BASE', 'WECHAT_APP_ID', 'WECHAT_APP_SECRET'] as const;
const saved: Record<string, string | undefined> = {};
let wechat: WechatApi;

beforeAll(async () => {
  await loadHandlers(
    routeTable().entries.filter((entry) =>
      [
        'requestImageUpload',
        'completeImageUpload',
        'listImageReviews',
        'releaseImage',
        'removeImage',
        'wechatPush',
        'createProduct',
        'approveProduct',
        'getProduct',
      ].includes(entry.contract),
    ),
  );
  wechat = await startWechatApi({ appId: 'wx-photo-faults', appSecret: 'photo-secret' });
  wechat.state.holdMediaVerdicts = true;
  for (const name of SAVED) saved[name] = process.env[name];
  Object.assign(process.env, {
    WECHAT_API_BASE: wechat.url,
    WECHAT_APP_ID: 'wx-photo-faults',
    WECHAT_APP_SECRET: 'photo-secret',
  });
  resetAccessTokenCache();
});

afterAll(async () => {
  for (const name of SAVED) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  resetAccessTokenCache();
  await wechat.close();
});

const json = <T>(reply: RouteReply) => reply.json as T;
const codeOf = (reply: RouteReply) => (reply.json as { error?: { code?: string } }).error?.code;

async function upload(cid: string, token: string, bytes: Buffer): Promise<{ id: string; view: ImageView }> {
  const asked = json<{ id: string; uploadUrl: string; headers: Record<string, string> }>(
    await callRoute('requestImageUpload', {
      token,
      params: { cid },
      body: { purpose: 'product', contentType: 'image/png', bytes: bytes.length },
    }),
  );
  const put = await fetch(asked.uploadUrl, { method: 'PUT', headers: asked.headers, body: new Uint8Array(bytes) });
  expect(put.status).toBe(200);
  const completed = await callRoute('completeImageUpload', { token, params: { cid, imageId: asked.id } });
  expect(completed.status).toBe(200);
  return { id: asked.id, view: json<ImageView>(completed) };
}

/** WeChat's push of a decided verdict, signed as WeChat signs it, straight into the push route. */
async function push(body: Record<string, unknown>): Promise<RouteReply> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomBytes(6).toString('hex');
  const signature = createHash('sha1')
    .update([process.env.WECHAT_PUSH_TOKEN!, timestamp, nonce].sort().join(''))
    .digest('hex');
  return callRoute('wechatPush', { query: { signature, timestamp, nonce }, body });
}

/** The verdict the stand-in decided for the check it was asked last (it downloads the photo first). */
async function decidedVerdict(): Promise<Record<string, unknown>> {
  const checks = [...wechat.state.mediaChecks.values()];
  const check = checks[checks.length - 1]!;
  for (let tries = 0; tries < 100 && !check.verdict; tries += 1)
    await new Promise((resolve) => setTimeout(resolve, 50));
  return check.verdict!;
}

async function shop() {
  const { cid, staff } = await timebankCommunity();
  const [maker, buyer] = await Promise.all([
    createMember(cid, ['resident', 'maker'], 'maker'),
    createMember(cid, ['resident'], 'buyer'),
  ]);
  const queue = async () =>
    json<{ items: ImageReview[] }>(await callRoute('listImageReviews', { token: staff.token, params: { cid } })).items;
  /** A product with the photo, approved: what a buyer sees of its photos. */
  const seenByBuyer = async (imageId: string) => {
    const product = json<{ id: string }>(
      await callRoute('createProduct', {
        token: maker.token,
        params: { cid },
        body: { title: '木勺', description: '手工', priceFen: 900, stock: 2, images: [imageId] },
      }),
    );
    await callRoute('approveProduct', { token: staff.token, params: { cid, pid: product.id } });
    return json<{ images: ImageView[] }>(
      await callRoute('getProduct', { token: buyer.token, params: { cid, pid: product.id } }),
    ).images;
  };
  return { cid, staff, maker, queue, seenByBuyer };
}

describe('WeChat’s image check, when it fails', () => {
  it('holds a photo for the office when WeChat cannot be asked: never shown unchecked, released by staff', async () => {
    const { cid, staff, maker, queue, seenByBuyer } = await shop();
    wechat.failNext(MEDIA_CHECK, -1, 'system error');
    const { id, view } = await upload(cid, maker.token, await samplePhoto('image/png', 120, 90));
    expect(view.status).toBe('under_review');
    expect((await queue()).find((item) => item.id === id)).toMatchObject({ heldBecause: 'unavailable' });
    expect(await seenByBuyer(id)).toEqual([]);
    await callRoute('releaseImage', { token: staff.token, params: { cid, imageId: id } });
    expect((await seenByBuyer(id)).map((image) => image.id)).toEqual([id]);
  });

  it('puts a photo whose verdict never comes in the office’s queue after the hour (the job)', async () => {
    const { cid, maker, queue, seenByBuyer } = await shop();
    const { id, view } = await upload(cid, maker.token, await samplePhoto('image/png', 100, 100));
    expect(view.status).toBe('checking');
    await holdOverdueImageChecks({ now: new Date(Date.now() + 30 * 60_000).toISOString() });
    expect((await queue()).map((item) => item.id)).not.toContain(id);
    const held = await holdOverdueImageChecks({ now: new Date(Date.now() + 61 * 60_000).toISOString() });
    expect(held.held).toBeGreaterThanOrEqual(1);
    expect((await queue()).find((item) => item.id === id)).toMatchObject({ heldBecause: 'unavailable' });
    expect(await seenByBuyer(id)).toEqual([]);
    // The verdict comes after all, before the office decided: it decides (here: pass).
    expect((await push(await decidedVerdict())).text).toBe('success');
    expect((await queue()).map((item) => item.id)).not.toContain(id);
    expect((await seenByBuyer(id)).map((image) => image.id)).toEqual([id]);
  });

  it('changes nothing when WeChat pushes a verdict again, or late, after the office decided', async () => {
    const { cid, staff, maker, queue, seenByBuyer } = await shop();
    const { id } = await upload(cid, maker.token, await samplePhoto('image/png', 80, 80, 'LINLI-REVIEW'));
    const review = await decidedVerdict();
    expect(review).toMatchObject({ Event: 'wxa_media_check', result: { suggest: 'review' } });
    expect((await push(review)).text).toBe('success');
    expect((await queue()).map((item) => item.id)).toContain(id);
    expect((await push(review)).text).toBe('success'); // again: still one entry in the queue
    expect((await queue()).filter((item) => item.id === id)).toHaveLength(1);
    await callRoute('releaseImage', { token: staff.token, params: { cid, imageId: id } });
    // A late "risky" for the same trace (as if WeChat changed its mind) does not undo the office's release.
    expect((await push({ ...review, result: { suggest: 'risky', label: 20002 } })).text).toBe('success');
    expect((await seenByBuyer(id)).map((image) => image.id)).toEqual([id]);
  });

  it('deletes a risky photo once, and answers a verdict for a photo staff already removed', async () => {
    const { cid, staff, maker } = await shop();
    const { id, view } = await upload(cid, maker.token, await samplePhoto('image/png', 60, 60, 'LINLI-RISKY'));
    const risky = await decidedVerdict();
    expect((await push(risky)).status).toBe(200);
    expect((await fetch(view.url)).status).toBe(404);
    const attach = await callRoute('createProduct', {
      token: maker.token,
      params: { cid },
      body: { title: '木勺', description: '手工', priceFen: 900, stock: 2, images: [id] },
    });
    expect(codeOf(attach)).toBe('image.gone');
    expect((await push(risky)).text).toBe('success');
    const second = await upload(cid, maker.token, await samplePhoto('image/png', 60, 60));
    const pass = await decidedVerdict();
    await callRoute('removeImage', {
      token: staff.token,
      params: { cid, imageId: second.id },
      body: { reason: '重复上传' },
    });
    expect((await push(pass)).text).toBe('success');
    expect(codeOf(await callRoute('releaseImage', { token: staff.token, params: { cid, imageId: second.id } }))).toBe(
      'image.not_held',
    );
  });
});
