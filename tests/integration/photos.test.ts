import { createHash, randomBytes } from 'node:crypto';
import { contracts, MAX_IMAGE_BYTES, type ImageView, type Product } from '@linli/shared';
import { errorOf, send, urlOf } from '../support/api';
import { createMember } from '../support/factories';
import { eventually, samplePhoto, uploadPhoto } from '../support/photos';
import { timebankCommunity } from '../support/timebank';
import { imageDimensions, sniffImageType } from '../../functions/src/images/process';

/**
 * Issue 19, item 4, over the running local stack: the API, the local S3-compatible server (presigned
 * URLs checked as S3 checks them) and the WeChat stand-in, which downloads each photo and pushes its
 * verdict to the API's message-push URL (`LINLI-RISKY` in the bytes → risky, `LINLI-REVIEW` → review).
 */
jest.setTimeout(60_000);

async function shopWithMaker() {
  const { cid, staff, otherStaff } = await timebankCommunity();
  const [maker, buyer] = await Promise.all([
    createMember(cid, ['resident', 'maker'], 'maker'),
    createMember(cid, ['resident'], 'buyer'),
  ]);
  return { cid, staff, otherStaff, maker, buyer };
}

/** The photo's status as its uploader sees it on their listing (absent once everyone may see it). */
async function myProductImages(cid: string, token: string, productId: string): Promise<ImageView[]> {
  const mine = await send(contracts.listMyProducts, { params: { cid }, token });
  return mine.body.items.find((product) => product.id === productId)?.images ?? [];
}

async function listProduct(cid: string, token: string, images: string[]) {
  const reply = await send(contracts.createProduct, {
    params: { cid },
    token,
    body: { title: '手工布袋', description: '棉布，可水洗', priceFen: 2500, stock: 3, images },
  });
  return reply;
}

describe('photos: upload, proof, thumbnail, WeChat’s image check', () => {
  it('a product’s two photos are thumbnailed, checked by WeChat and shown to everyone once they pass', async () => {
    const { cid, staff, maker, buyer } = await shopWithMaker();
    const first = await uploadPhoto({
      cid,
      token: maker.token,
      purpose: 'product',
      bytes: await samplePhoto('image/png'),
    });
    const second = await uploadPhoto({
      cid,
      token: maker.token,
      purpose: 'product',
      bytes: await samplePhoto('image/jpeg', 640, 960),
      contentType: 'image/jpeg',
    });
    expect([first.put, second.put]).toEqual([200, 200]);
    expect(first.complete.status).toBe(200);
    expect(first.complete.body).toMatchObject({ id: first.id, width: 800, height: 600 });
    expect(['checking', undefined]).toContain(first.complete.body.status);

    const created = await listProduct(cid, maker.token, [first.id, second.id]);
    expect(created.status).toBe(201);
    const productId = (created.body as unknown as Product).id;
    await eventually(
      async () => (await myProductImages(cid, maker.token, productId)).every((image) => image.status === undefined),
      'WeChat’s pass verdicts',
    );
    expect((await send(contracts.approveProduct, { params: { cid, pid: productId }, token: staff.token })).status).toBe(
      200,
    );

    const seen = await send(contracts.getProduct, { params: { cid, pid: productId }, token: buyer.token });
    expect(seen.body.images.map((image) => image.id)).toEqual([first.id, second.id]);
    const [png, jpeg] = seen.body.images;
    const thumb = Buffer.from(await (await fetch(png!.thumbUrl)).arrayBuffer());
    expect(sniffImageType(thumb)).toBe('image/jpeg');
    expect(imageDimensions(thumb)).toEqual({ width: 360, height: 270 });
    expect(imageDimensions(Buffer.from(await (await fetch(jpeg!.thumbUrl)).arrayBuffer()))).toEqual({
      width: 240,
      height: 360,
    });
    const full = await fetch(png!.url);
    expect(full.status).toBe(200);
    expect(sniffImageType(Buffer.from(await full.arrayBuffer()))).toBe('image/png');
    const listed = await send(contracts.listProducts, { params: { cid } });
    expect(listed.body.items.find((product) => product.id === productId)?.images).toHaveLength(2);
  });

  it('storage refuses a file of another size than signed, and a tampered URL (403, nothing stored)', async () => {
    const { cid, maker } = await shopWithMaker();
    const bytes = await samplePhoto('image/png', 200, 200);
    const upload = await send(contracts.requestImageUpload, {
      params: { cid },
      token: maker.token,
      body: { purpose: 'product', contentType: 'image/png', bytes: bytes.length },
    });
    expect(upload.status).toBe(201);
    expect(upload.body).toMatchObject({ method: 'PUT', headers: { 'Content-Type': 'image/png' } });
    const bigger = await fetch(upload.body.uploadUrl, {
      method: 'PUT',
      headers: upload.body.headers,
      body: new Uint8Array(Buffer.concat([bytes, Buffer.alloc(10)])),
    });
    expect(bigger.status).toBe(403);
    const tampered = upload.body.uploadUrl.replace(/X-Amz-Signature=[0-9a-f]{8}/, 'X-Amz-Signature=00000000');
    expect(
      (await fetch(tampered, { method: 'PUT', headers: upload.body.headers, body: new Uint8Array(bytes) })).status,
    ).toBe(403);
    const complete = await send(contracts.completeImageUpload, {
      params: { cid, imageId: upload.body.id },
      token: maker.token,
    });
    expect(complete.status).toBe(409);
    expect(errorOf(complete)?.code).toBe('image.not_uploaded');
  });

  it('refuses what is not a JPEG, PNG or WebP of the declared type, and anything over 5 MB, and deletes it', async () => {
    const { cid, maker } = await shopWithMaker();
    const gif = Buffer.concat([Buffer.from('GIF89a'), randomBytes(200)]);
    const refused = await uploadPhoto({ cid, token: maker.token, purpose: 'product', bytes: gif });
    expect(refused.put).toBe(200);
    expect(refused.complete.status).toBe(422);
    expect(errorOf(refused.complete)?.code).toBe('image.wrong_type');
    const again = await send(contracts.completeImageUpload, {
      params: { cid, imageId: refused.id },
      token: maker.token,
    });
    expect(errorOf(again)?.code).toBe('image.not_uploaded');

    const jpegAsPng = await uploadPhoto({
      cid,
      token: maker.token,
      purpose: 'product',
      bytes: await samplePhoto('image/jpeg', 100, 100),
      contentType: 'image/png',
    });
    expect(errorOf(jpegAsPng.complete)?.code).toBe('image.wrong_type');

    const broken = (await samplePhoto('image/jpeg', 300, 300)).subarray(0, 400);
    const unreadable = await uploadPhoto({
      cid,
      token: maker.token,
      purpose: 'product',
      bytes: broken,
      contentType: 'image/jpeg',
    });
    expect(errorOf(unreadable.complete)?.code).toBe('image.unreadable');

    const tooLarge = await send(contracts.requestImageUpload, {
      params: { cid },
      token: maker.token,
      body: { purpose: 'product', contentType: 'image/jpeg', bytes: MAX_IMAGE_BYTES + 1 },
    });
    expect(tooLarge.status).toBe(400);
    const gifType = await send(contracts.requestImageUpload, {
      params: { cid },
      token: maker.token,
      invalidBody: { purpose: 'product', contentType: 'image/gif', bytes: 100 },
    } as never);
    expect(gifType.status).toBe(400);
  });

  it('a risky photo is deleted and cannot be used; a photo to review waits for the office, hidden until released', async () => {
    const { cid, staff, maker, buyer } = await shopWithMaker();
    const risky = await uploadPhoto({
      cid,
      token: maker.token,
      purpose: 'product',
      bytes: await samplePhoto('image/png', 300, 200, 'LINLI-RISKY'),
    });
    const review = await uploadPhoto({
      cid,
      token: maker.token,
      purpose: 'product',
      bytes: await samplePhoto('image/jpeg', 300, 200, 'LINLI-REVIEW'),
      contentType: 'image/jpeg',
    });
    const queue = async () =>
      (await send(contracts.listImageReviews, { params: { cid }, token: staff.token })).body.items ?? [];
    await eventually(async () => (await queue()).some((item) => item.id === review.id), 'the review verdict');
    await eventually(
      async () => errorOf(await listProduct(cid, maker.token, [risky.id]))?.code === 'image.gone',
      'the risky verdict',
    );
    expect((await fetch(risky.complete.body.url)).status).toBe(404);
    const held = (await queue()).find((item) => item.id === review.id)!;
    expect(held).toMatchObject({
      purpose: 'product',
      uploadedBy: maker.userId,
      heldBecause: 'review',
      status: 'under_review',
      uploaderName: expect.stringMatching(/^maker-/),
    });

    const created = await listProduct(cid, maker.token, [review.id]);
    expect(created.status).toBe(201);
    const productId = (created.body as unknown as Product).id;
    expect(created.body.images[0]?.status).toBe('under_review');
    await send(contracts.approveProduct, { params: { cid, pid: productId }, token: staff.token });
    expect(
      (await send(contracts.getProduct, { params: { cid, pid: productId }, token: buyer.token })).body.images,
    ).toEqual([]);
    // Nobody but staff releases; staff release once.
    const notStaff = await send(contracts.releaseImage, { params: { cid, imageId: review.id }, token: maker.token });
    expect(notStaff.status).toBe(403);
    const released = await send(contracts.releaseImage, { params: { cid, imageId: review.id }, token: staff.token });
    expect(released.status).toBe(200);
    expect(
      errorOf(await send(contracts.releaseImage, { params: { cid, imageId: review.id }, token: staff.token }))?.code,
    ).toBe('image.not_held');
    expect(
      (await send(contracts.getProduct, { params: { cid, pid: productId }, token: buyer.token })).body.images.map(
        (image) => image.id,
      ),
    ).toEqual([review.id]);
    // Taken down: its files deleted, gone from the listing.
    const removed = await send(contracts.removeImage, {
      params: { cid, imageId: review.id },
      token: staff.token,
      body: { reason: '与商品无关' },
    });
    expect(removed.body).toEqual({ id: review.id, status: 'removed' });
    expect(
      (await send(contracts.getProduct, { params: { cid, pid: productId }, token: buyer.token })).body.images,
    ).toEqual([]);
    expect((await fetch(released.body.thumbUrl)).status).toBe(404);
  });

  it('never shows a file put again with the same upload URL after completion (nor sends it to WeChat)', async () => {
    const { cid, maker } = await shopWithMaker();
    const original = await samplePhoto('image/png', 160, 120);
    const upload = await send(contracts.requestImageUpload, {
      params: { cid },
      token: maker.token,
      body: { purpose: 'product', contentType: 'image/png', bytes: original.length },
    });
    const put = (bytes: Buffer) =>
      fetch(upload.body.uploadUrl, { method: 'PUT', headers: upload.body.headers, body: new Uint8Array(bytes) });
    expect((await put(original)).status).toBe(200);
    const completed = await send(contracts.completeImageUpload, {
      params: { cid, imageId: upload.body.id },
      token: maker.token,
    });
    expect(completed.status).toBe(200);
    // The same URL still takes a file of the same size for its 15 minutes: storage accepts it…
    expect((await put(Buffer.alloc(original.length, 0x41))).status).toBe(200);
    // …but the photo is the bytes that were proved, wherever it is read.
    const shown = Buffer.from(await (await fetch(completed.body.url)).arrayBuffer());
    expect(shown.equals(original)).toBe(true);
    const again = await send(contracts.completeImageUpload, {
      params: { cid, imageId: upload.body.id },
      token: maker.token,
    });
    expect(Buffer.from(await (await fetch(again.body.url)).arrayBuffer()).equals(original)).toBe(true);
  });

  it('lets no staff member release a photo they uploaded themselves: another does', async () => {
    const { cid, staff, otherStaff } = await shopWithMaker();
    const receipt = await uploadPhoto({
      cid,
      token: staff.token,
      purpose: 'fund_receipt',
      bytes: await samplePhoto('image/png', 90, 90, 'LINLI-REVIEW'),
    });
    await eventually(
      async () =>
        (await send(contracts.listImageReviews, { params: { cid }, token: otherStaff.token })).body.items.some(
          (item) => item.id === receipt.id,
        ),
      'the review verdict',
    );
    const own = await send(contracts.releaseImage, { params: { cid, imageId: receipt.id }, token: staff.token });
    expect(own.status).toBe(403);
    expect(errorOf(own)?.code).toBe('auth.conflict_of_interest');
    const other = await send(contracts.releaseImage, { params: { cid, imageId: receipt.id }, token: otherStaff.token });
    expect(other.status).toBe(200);
  });

  it('takes several photos chosen at once: uploads asked at the same moment all get their URL', async () => {
    const { cid, maker } = await shopWithMaker();
    const asked = await Promise.all(
      Array.from({ length: 6 }, () =>
        send(contracts.requestImageUpload, {
          params: { cid },
          token: maker.token,
          body: { purpose: 'product', contentType: 'image/png', bytes: 1000 },
        }),
      ),
    );
    expect(asked.map((reply) => reply.status)).toEqual([201, 201, 201, 201, 201, 201]);
    expect(new Set(asked.map((reply) => reply.body.id)).size).toBe(6);
  });

  it('attaches only one’s own photos, uploaded for that use, at most six to a product', async () => {
    const { cid, maker, buyer } = await shopWithMaker();
    const othersPhoto = await uploadPhoto({
      cid,
      token: buyer.token,
      purpose: 'product',
      bytes: await samplePhoto('image/png', 120, 120),
    });
    expect(errorOf(await listProduct(cid, maker.token, [othersPhoto.id]))?.code).toBe('image.not_yours');
    const receipt = await uploadPhoto({
      cid,
      token: maker.token,
      purpose: 'fund_receipt',
      bytes: await samplePhoto('image/png', 120, 120),
    });
    expect(errorOf(await listProduct(cid, maker.token, [receipt.id]))?.code).toBe('image.wrong_purpose');
    const unknown = await listProduct(cid, maker.token, ['img_nothere']);
    expect(errorOf(unknown)?.code).toBe('image.not_found');
    const seven = Array.from({ length: 7 }, (_, index) => `img_${index}`);
    expect((await listProduct(cid, maker.token, seven)).status).toBe(400);
    const notUploaded = await send(contracts.requestImageUpload, {
      params: { cid },
      token: maker.token,
      body: { purpose: 'product', contentType: 'image/png', bytes: 100 },
    });
    expect(errorOf(await listProduct(cid, maker.token, [notUploaded.body.id]))?.code).toBe('image.not_uploaded');
    // Someone else cannot complete (or learn of) another's upload.
    const completeByOther = await send(contracts.completeImageUpload, {
      params: { cid, imageId: notUploaded.body.id },
      token: buyer.token,
    });
    expect(errorOf(completeByOther)?.code).toBe('image.not_found');
  });
});

describe('WeChat’s message push', () => {
  const sign = (token: string, timestamp: string, nonce: string) =>
    createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');

  it('answers the server check with the echo only when the signature holds, and refuses unsigned pushes', async () => {
    const token = process.env.WECHAT_PUSH_TOKEN!;
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = 'abc123';
    const echo = await fetch(
      urlOf(contracts.verifyWechatPush, {
        query: { signature: sign(token, timestamp, nonce), timestamp, nonce, echostr: 'hello-wechat' },
      }),
    );
    expect(echo.status).toBe(200);
    expect(await echo.text()).toBe('hello-wechat');
    const forged = await fetch(
      urlOf(contracts.verifyWechatPush, {
        query: { signature: sign('not-the-token', timestamp, nonce), timestamp, nonce, echostr: 'x' },
      }),
    );
    expect(forged.status).toBe(401);
    const stale = String(Math.floor(Date.now() / 1000) - 3600);
    const replayed = await fetch(
      urlOf(contracts.wechatPush, { query: { signature: sign(token, stale, nonce), timestamp: stale, nonce } }),
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' },
    );
    expect(replayed.status).toBe(401);
    const other = await fetch(
      urlOf(contracts.wechatPush, { query: { signature: sign(token, timestamp, nonce), timestamp, nonce } }),
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          MsgType: 'event',
          Event: 'wxa_media_check',
          trace_id: 'unknown-trace',
          result: { suggest: 'pass' },
        }),
      },
    );
    expect(other.status).toBe(200);
    expect(await other.text()).toBe('success');
  });
});
