import { createHash, randomBytes } from 'node:crypto';
import {
  contracts,
  MAX_IMAGE_BYTES,
  THUMBNAIL_SIDE,
  type ImagePurpose,
  type ImageReview,
  type ImageView,
  type Product,
} from '@linli/shared';
import {
  completeImageUpload,
  holdOverdueChecks,
  originalKey,
  thumbnailKey,
} from '../../functions/src/domain/media/images';
import type { ImageStore } from '../../functions/src/domain/media/ports';
import { resetAccessTokenCache } from '../../functions/src/gateways/wechat-access-token';
import { imageDimensions, makeThumbnail, sniffImageType } from '../../functions/src/images/process';
import { gateways, mediaDependencies, stores } from '../../functions/src/wiring';
import { startWechatApi, type WechatApi } from '../../scripts/local/wechat-api';
import { errorOf, send, urlOf } from '../support/api';
import { createMember } from '../support/factories';
import { activeMerchant } from '../support/market';
import { eventually, samplePhoto, uploadPhoto } from '../support/photos';
import { callRoute, loadHandlers, routeTable, type RouteReply } from '../support/routes';
import { createActivityNow, minutesFromNow, timebankCommunity } from '../support/timebank';
import { imageSize } from 'image-size';

/**
 * Attack on photos (issue 19, item 4), as an outside tester: residents and makers trying to show
 * unchecked or swapped files, to bring back what WeChat or the office took down, to make the media
 * function work for minutes or store without end; staff releasing their own held photo; WeChat
 * re-sending verdicts; hostile input to every new route. Most tests run over the local stack (API,
 * S3-compatible storage, the WeChat stand-in that pushes its verdicts); the WeChat-timing ones run the
 * routes in-process with a stand-in of this suite's own that holds its verdicts until the test pushes.
 */
jest.setTimeout(120_000);

type Person = { token: string; userId: string };

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const bytesAt = async (url: string) => {
  const response = await fetch(url);
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) };
};
const storage = () => gateways.objectStorage();
const filesOf = async (cid: string, id: string) => ({
  original: await storage().head(originalKey({ communityId: cid, id })),
  thumbnail: await storage().head(thumbnailKey({ communityId: cid, id })),
});

/** Two JPEGs of exactly the same size: one the stand-in finds risky, one it passes. */
async function riskyAndCalm(width = 240, height = 180) {
  const risky = await samplePhoto('image/jpeg', width, height, 'LINLI-RISKY');
  const calm = Buffer.from(risky);
  calm.write('LINLI-CALMX', calm.indexOf('LINLI-RISKY', 0, 'latin1'), 'latin1');
  return { risky, calm };
}

/** An upload asked for over HTTP, keeping its URL: PUT (any bytes, any headers) and complete at will. */
async function startUpload(
  cid: string,
  token: string,
  purpose: ImagePurpose,
  bytes: Buffer,
  contentType: 'image/jpeg' | 'image/png' = 'image/jpeg',
) {
  const asked = await send(contracts.requestImageUpload, {
    params: { cid },
    token,
    body: { purpose, contentType, bytes: bytes.length },
  });
  if (asked.status !== 201) throw new Error(`requestImageUpload → ${asked.status} ${JSON.stringify(asked.body)}`);
  const put = async (body: Buffer, headers: Record<string, string> = asked.body.headers) =>
    (await fetch(asked.body.uploadUrl, { method: 'PUT', headers, body: new Uint8Array(body) })).status;
  const complete = () => send(contracts.completeImageUpload, { params: { cid, imageId: asked.body.id }, token });
  return { id: asked.body.id, put, complete };
}

async function shop() {
  const { cid, staff, otherStaff } = await timebankCommunity();
  const [maker, buyer] = await Promise.all([
    createMember(cid, ['resident', 'maker'], 'maker'),
    createMember(cid, ['resident'], 'buyer'),
  ]);
  return { cid, staff, otherStaff, maker, buyer };
}

async function approvedProductWith(cid: string, maker: Person, staff: Person, images: string[]) {
  const created = await send(contracts.createProduct, {
    params: { cid },
    token: maker.token,
    body: { title: '手工布袋', description: '棉布，可水洗', priceFen: 2500, stock: 3, images },
  });
  if (created.status !== 201) throw new Error(`createProduct → ${created.status} ${JSON.stringify(created.body)}`);
  const pid = (created.body as unknown as Product).id;
  expect((await send(contracts.approveProduct, { params: { cid, pid }, token: staff.token })).status).toBe(200);
  return pid;
}

const publicImages = async (cid: string, pid: string) =>
  (await send(contracts.getProduct, { params: { cid, pid } })).body.images ?? [];

const reviewQueue = async (cid: string, staff: Person): Promise<ImageReview[]> =>
  (await send(contracts.listImageReviews, { params: { cid }, token: staff.token })).body.items ?? [];

/**
 * A progressive JPEG (one grey component, `side` × `side`) of `scans` AC scans, each a few bytes of
 * end-of-band runs over every block: within 50 megapixels and far within 5 MB, but every scan makes
 * the decoder walk all the image's blocks again.
 */
function manyScanJpeg(side: number, scans: number): Buffer {
  const segment = (marker: number, body: Buffer) => {
    const head = Buffer.alloc(4);
    head.writeUInt16BE(marker, 0);
    head.writeUInt16BE(body.length + 2, 2);
    return Buffer.concat([head, body]);
  };
  const frame = Buffer.from([8, side >> 8, side & 255, side >> 8, side & 255, 1, 1, 0x11, 0]);
  // AC table 0: '0' → 0xE0 (an end-of-band run, 14 more bits), '10' → 0x00.
  const huffman = Buffer.from([0x10, 1, 1, ...Array<number>(14).fill(0), 0xe0, 0x00]);
  let bits = '';
  for (let run = 0; run < 16; run += 1) bits += '0' + '10101010101010';
  while (bits.length % 8) bits += '1';
  const entropy = Buffer.from(bits.match(/.{8}/g)!.map((byte) => parseInt(byte, 2)));
  const scan = Buffer.concat([segment(0xffda, Buffer.from([1, 1, 0x00, 1, 63, 0])), entropy]);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xffdb, Buffer.concat([Buffer.from([0]), Buffer.alloc(64, 1)])),
    segment(0xffc2, frame),
    segment(0xffc4, huffman),
    ...Array<Buffer>(scans).fill(scan),
    Buffer.from([0xff, 0xd9]),
  ]);
}

describe('attack: swapped, returning and leftover files', () => {
  it('shows everyone only the bytes WeChat checked, even when the upload URL is used again after the pass', async () => {
    const { cid, staff, maker } = await shop();
    const { risky, calm } = await riskyAndCalm();
    const upload = await startUpload(cid, maker.token, 'product', calm);
    expect(await upload.put(calm)).toBe(200);
    expect((await upload.complete()).status).toBe(200);
    const pid = await approvedProductWith(cid, maker, staff, [upload.id]);
    let shown: ImageView | undefined;
    await eventually(async () => {
      [shown] = await publicImages(cid, pid);
      return shown !== undefined;
    }, 'WeChat’s pass verdict');
    expect(sha((await bytesAt(shown!.url)).bytes)).toBe(sha(calm));

    // The maker PUTs a file WeChat would call risky (same size, same type) to the URL they still hold.
    const swap = await upload.put(risky);
    const [fresh] = await publicImages(cid, pid);
    const served = await bytesAt((fresh ?? shown!).url);
    expect({ swap, served: served.status === 200 ? sha(served.bytes) : served.status }).toEqual({
      swap: expect.any(Number),
      served: sha(calm),
    });
  });

  it('never serves a photo WeChat found risky again: the upload URL cannot put it back under its old address', async () => {
    const { cid, maker } = await shop();
    const { risky } = await riskyAndCalm(200, 150);
    const upload = await startUpload(cid, maker.token, 'product', risky);
    expect(await upload.put(risky)).toBe(200);
    const completed = await upload.complete();
    expect(completed.status).toBe(200);
    const { url } = completed.body;
    await eventually(async () => (await fetch(url)).status === 404, 'the risky verdict deleting the file');

    // The uploader PUTs the same bytes again with the URL from a minute ago …
    await upload.put(risky);
    // … and shares the address the platform signed for them: it must not serve the risky photo.
    const again = await bytesAt(url);
    expect({ status: again.status, files: await filesOf(cid, upload.id) }).toEqual({
      status: 404,
      files: { original: null, thumbnail: null },
    });
    expect(errorOf(await upload.complete())?.code).toBe('image.gone');
  });

  it('keeps no file for an upload staff removed before it came (a later PUT is refused or deleted)', async () => {
    const { cid, staff, maker } = await shop();
    const bytes = await samplePhoto('image/png', 120, 80);
    const upload = await startUpload(cid, maker.token, 'product', bytes, 'image/png');
    const removed = await send(contracts.removeImage, {
      params: { cid, imageId: upload.id },
      token: staff.token,
      body: { reason: '重复上传' },
    });
    expect(removed.body).toEqual({ id: upload.id, status: 'removed' });
    await upload.put(bytes);
    const complete = await upload.complete();
    expect(complete.status).toBe(409);
    expect(errorOf(complete)?.code).toBe('image.gone');
    expect(await filesOf(cid, upload.id)).toEqual({ original: null, thumbnail: null });
  });

  it('binds the upload URL to the declared type: another Content-Type header is refused and nothing is stored', async () => {
    const { cid, maker } = await shop();
    const bytes = await samplePhoto('image/png', 90, 90);
    const upload = await startUpload(cid, maker.token, 'product', bytes, 'image/png');
    expect(await upload.put(bytes, { 'Content-Type': 'text/html' })).toBe(403);
    expect(await upload.put(bytes, { 'Content-Type': 'image/svg+xml' })).toBe(403);
    expect(errorOf(await upload.complete())?.code).toBe('image.not_uploaded');
    expect(await filesOf(cid, upload.id)).toEqual({ original: null, thumbnail: null });
  });
});

describe('attack: heavy work and storage', () => {
  it('answers a small hostile JPEG (thousands of progressive scans) within seconds with a 422, not minutes of decoding', async () => {
    const { cid, maker } = await shop();
    const bomb = manyScanJpeg(4096, 10_000);
    expect(bomb.length).toBeLessThan(MAX_IMAGE_BYTES / 10);
    expect(sniffImageType(bomb)).toBe('image/jpeg');
    // Its frame is 4096 × 4096, within 50 megapixels; what gives it away is its scan count, read before decoding.
    expect(imageSize(bomb)).toMatchObject({ width: 4096, height: 4096 });
    expect(imageDimensions(bomb)).toBe('unreadable');
    const started = Date.now();
    const upload = await uploadPhoto({
      cid,
      token: maker.token,
      purpose: 'product',
      bytes: bomb,
      contentType: 'image/jpeg',
    });
    const seconds = (Date.now() - started) / 1000;
    expect({ status: upload.complete.status, fast: seconds < 8 }).toEqual({ status: 422, fast: true });
    expect(errorOf(upload.complete)?.code).toBe('image.unreadable');
  });

  it('does not let one resident open unlimited 5 MB uploads (storage for anyone, never completed)', async () => {
    const { cid, resident } = await timebankCommunity();
    const statuses: number[] = [];
    for (let index = 0; index < 40; index += 1) {
      const reply = await send(contracts.requestImageUpload, {
        params: { cid },
        token: resident.token,
        body: { purpose: 'product', contentType: 'image/jpeg', bytes: MAX_IMAGE_BYTES },
      });
      statuses.push(reply.status);
      if (reply.status !== 201) {
        expect(errorOf(reply)?.code).toEqual(expect.any(String));
        break;
      }
    }
    expect(statuses.some((status) => status === 429 || status === 409)).toBe(true);
  });
});

describe('attack: who sees and who decides', () => {
  it('lets no staff member release their own held photo: the fund’s receipt waits for another staff member', async () => {
    const { cid, staff, otherStaff } = await timebankCommunity();
    const income = await send(contracts.recordFundIncome, {
      params: { cid },
      token: staff.token,
      body: { kind: 'stall', amountFen: 20_000, description: '十一月公益集市' },
    });
    expect(income.status).toBe(201);
    const receipt = await uploadPhoto({
      cid,
      token: staff.token,
      purpose: 'fund_receipt',
      bytes: await samplePhoto('image/png', 160, 240, 'LINLI-REVIEW'),
    });
    await eventually(
      async () => (await reviewQueue(cid, staff)).some((item) => item.id === receipt.id),
      'the review verdict',
    );
    const expense = await send(contracts.submitFundExpense, {
      params: { cid },
      token: staff.token,
      body: { amountFen: 5000, purpose: '慰问品', category: 'elderly_care', receiptImageId: receipt.id },
    });
    expect(expense.status).toBe(201);
    const approved = await send(contracts.approveFundExpense, {
      params: { cid, id: (expense.body as { id: string }).id },
      token: otherStaff.token,
    });
    expect(approved.status).toBe(200);
    const receipts = async () => Object.keys((await send(contracts.getFund, { params: { cid } })).body.receipts ?? {});
    expect(await receipts()).toEqual([]);

    const ownRelease = await send(contracts.releaseImage, { params: { cid, imageId: receipt.id }, token: staff.token });
    expect({ status: ownRelease.status, receipts: await receipts() }).toEqual({ status: 403, receipts: [] });
    const released = await send(contracts.releaseImage, {
      params: { cid, imageId: receipt.id },
      token: otherStaff.token,
    });
    expect(released.status).toBe(200);
    expect(await receipts()).toEqual([receipt.id]);
  });

  it('hides a held storefront and evidence photo from the public and residents until released; removed, gone everywhere', async () => {
    const { cid, staff, otherStaff, resident } = await timebankCommunity();
    const owner = await createMember(cid, ['resident'], 'owner');
    const merchant = await activeMerchant(cid, owner, staff);
    const storefront = await uploadPhoto({
      cid,
      token: owner.token,
      purpose: 'storefront',
      bytes: await samplePhoto('image/jpeg', 300, 200, 'LINLI-REVIEW'),
      contentType: 'image/jpeg',
    });
    const activity = await createActivityNow(cid, staff.token, {
      startsAt: minutesFromNow(-180),
      endsAt: minutesFromNow(-60),
    });
    const evidence = await uploadPhoto({
      cid,
      token: staff.token,
      purpose: 'activity_evidence',
      bytes: await samplePhoto('image/png', 200, 200, 'LINLI-REVIEW'),
    });
    await eventually(async () => {
      const held = (await reviewQueue(cid, staff)).map((item) => item.id);
      return held.includes(storefront.id) && held.includes(evidence.id);
    }, 'both review verdicts');

    const put = await send(contracts.putMerchantStorefront, {
      params: { cid, mid: merchant.id },
      token: owner.token,
      body: { imageId: storefront.id },
    });
    expect(put.status).toBe(200);
    const attached = await send(contracts.putActivityEvidence, {
      params: { cid, aid: activity.id },
      token: staff.token,
      body: { imageIds: [evidence.id] },
    });
    expect(attached.status).toBe(200);

    const publicStorefront = async () => {
      const one = (await send(contracts.getMerchant, { params: { cid, mid: merchant.id } })).body as {
        storefront?: ImageView;
      };
      const list = (await send(contracts.listMerchants, { params: { cid } })).body.items as {
        id: string;
        storefront?: ImageView;
      }[];
      return [one.storefront?.id, list.find((item) => item.id === merchant.id)?.storefront?.id];
    };
    const residentEvidence = async () =>
      (
        (await send(contracts.getActivity, { params: { cid, aid: activity.id }, token: resident.token })).body as {
          evidence?: ImageView[];
        }
      ).evidence?.map((image) => image.id);
    expect(await publicStorefront()).toEqual([undefined, undefined]);
    expect(await residentEvidence()).toEqual([]);

    for (const id of [storefront.id, evidence.id])
      expect(
        (await send(contracts.releaseImage, { params: { cid, imageId: id }, token: otherStaff.token })).status,
      ).toBe(200);
    expect(await publicStorefront()).toEqual([storefront.id, storefront.id]);
    expect(await residentEvidence()).toEqual([evidence.id]);

    for (const id of [storefront.id, evidence.id])
      expect(
        (
          await send(contracts.removeImage, {
            params: { cid, imageId: id },
            token: otherStaff.token,
            body: { reason: '与活动无关' },
          })
        ).status,
      ).toBe(200);
    expect(await publicStorefront()).toEqual([undefined, undefined]);
    expect(await residentEvidence()).toEqual([]);
    expect(await filesOf(cid, evidence.id)).toEqual({ original: null, thumbnail: null });
  });

  it('keeps a community’s photos in that community: attach, complete, release and remove from another one fail', async () => {
    const home = await shop();
    const away = await shop();
    const photo = await uploadPhoto({
      cid: home.cid,
      token: home.maker.token,
      purpose: 'product',
      bytes: await samplePhoto('image/png', 100, 100),
    });
    expect(photo.complete.status).toBe(200);
    const elsewhere = await send(contracts.createProduct, {
      params: { cid: away.cid },
      token: away.maker.token,
      body: { title: '木勺', description: '手工', priceFen: 900, stock: 1, images: [photo.id] },
    });
    expect(errorOf(elsewhere)?.code).toBe('image.not_found');
    const completeThere = await send(contracts.completeImageUpload, {
      params: { cid: away.cid, imageId: photo.id },
      token: away.maker.token,
    });
    expect(errorOf(completeThere)?.code).toBe('image.not_found');
    for (const [cid, expected] of [
      [away.cid, 404],
      [home.cid, 403],
    ] as const) {
      const release = await send(contracts.releaseImage, {
        params: { cid, imageId: photo.id },
        token: away.staff.token,
      });
      const remove = await send(contracts.removeImage, {
        params: { cid, imageId: photo.id },
        token: away.staff.token,
        body: { reason: '越权' },
      });
      expect([release.status, remove.status]).toEqual([expected, expected]);
    }
    expect((await filesOf(home.cid, photo.id)).original).not.toBeNull();
  });

  it('takes evidence only after an activity ended and never on a cancelled one', async () => {
    const { cid, staff } = await timebankCommunity();
    const evidence = await uploadPhoto({
      cid,
      token: staff.token,
      purpose: 'activity_evidence',
      bytes: await samplePhoto('image/png', 80, 80),
    });
    const ongoing = await createActivityNow(cid, staff.token);
    const ended = await createActivityNow(cid, staff.token, {
      startsAt: minutesFromNow(-180),
      endsAt: minutesFromNow(-60),
    });
    expect(
      (await send(contracts.cancelActivity, { params: { cid, aid: ended.id }, token: staff.token })).status,
    ).toBeLessThan(300);
    for (const aid of [ongoing.id, ended.id]) {
      const reply = await send(contracts.putActivityEvidence, {
        params: { cid, aid },
        token: staff.token,
        body: { imageIds: [evidence.id] },
      });
      expect([reply.status, errorOf(reply)?.code]).toEqual([409, 'activity.not_ended']);
    }
    const seen = (await send(contracts.getActivity, { params: { cid, aid: ended.id }, token: staff.token })).body as {
      evidence?: ImageView[];
    };
    expect(seen.evidence ?? []).toEqual([]);
  });
});

describe('attack: malformed input to the new routes', () => {
  const sign = (timestamp: string, nonce: string) =>
    createHash('sha1').update([process.env.WECHAT_PUSH_TOKEN!, timestamp, nonce].sort().join('')).digest('hex');
  const pushRaw = async (body: string, query?: Record<string, string>) => {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = randomBytes(6).toString('hex');
    const response = await fetch(
      urlOf(contracts.wechatPush, { query: query ?? { signature: sign(timestamp, nonce), timestamp, nonce } } as never),
      { method: 'POST', headers: { 'content-type': 'application/json' }, body },
    );
    return { status: response.status, text: await response.text() };
  };

  it('answers every hostile body with a 4xx JSON error and writes nothing', async () => {
    const { cid, staff, maker } = await shop();
    const activity = await createActivityNow(cid, staff.token, {
      startsAt: minutesFromNow(-180),
      endsAt: minutesFromNow(-60),
    });
    const owner = await createMember(cid, ['resident'], 'owner');
    const merchant = await activeMerchant(cid, owner, staff);
    const image = (n: number) => `img_${'x'.repeat(n)}`;
    const replies = {
      zeroBytes: await send(contracts.requestImageUpload, {
        params: { cid },
        token: maker.token,
        invalidBody: { purpose: 'product', contentType: 'image/png', bytes: 0 },
      }),
      fractionalBytes: await send(contracts.requestImageUpload, {
        params: { cid },
        token: maker.token,
        invalidBody: { purpose: 'product', contentType: 'image/png', bytes: 1.5 },
      }),
      bytesAsText: await send(contracts.requestImageUpload, {
        params: { cid },
        token: maker.token,
        invalidBody: { purpose: 'product', contentType: 'image/png', bytes: '100' },
      }),
      unknownPurpose: await send(contracts.requestImageUpload, {
        params: { cid },
        token: maker.token,
        invalidBody: { purpose: 'avatar', contentType: 'image/png', bytes: 100 },
      }),
      svg: await send(contracts.requestImageUpload, {
        params: { cid },
        token: maker.token,
        invalidBody: { purpose: 'product', contentType: 'image/svg+xml', bytes: 100 },
      }),
      extraKey: await send(contracts.requestImageUpload, {
        params: { cid },
        token: maker.token,
        invalidBody: { purpose: 'product', contentType: 'image/png', bytes: 100, key: 'images/other/x' },
      }),
      arrayBody: await send(contracts.requestImageUpload, { params: { cid }, token: maker.token, invalidBody: [] }),
      brokenJson: await send(contracts.requestImageUpload, {
        params: { cid },
        token: maker.token,
        rawBody: '{"purpose":',
      }),
      longImageId: await send(contracts.completeImageUpload, {
        params: { cid, imageId: image(80) },
        token: maker.token,
      }),
      unknownImage: await send(contracts.completeImageUpload, {
        params: { cid, imageId: image(8) },
        token: maker.token,
      }),
      emptyReason: await send(contracts.removeImage, {
        params: { cid, imageId: image(8) },
        token: staff.token,
        invalidBody: { reason: '   ' },
      }),
      longReason: await send(contracts.removeImage, {
        params: { cid, imageId: image(8) },
        token: staff.token,
        invalidBody: { reason: '长'.repeat(201) },
      }),
      releaseUnknown: await send(contracts.releaseImage, { params: { cid, imageId: image(8) }, token: staff.token }),
      evidenceNotList: await send(contracts.putActivityEvidence, {
        params: { cid, aid: activity.id },
        token: staff.token,
        invalidBody: { imageIds: image(8) },
      }),
      evidenceTen: await send(contracts.putActivityEvidence, {
        params: { cid, aid: activity.id },
        token: staff.token,
        invalidBody: { imageIds: Array.from({ length: 10 }, (_, index) => image(index + 1)) },
      }),
      evidenceNumbers: await send(contracts.putActivityEvidence, {
        params: { cid, aid: activity.id },
        token: staff.token,
        invalidBody: { imageIds: [1, 2] },
      }),
      evidenceUnknown: await send(contracts.putActivityEvidence, {
        params: { cid, aid: activity.id },
        token: staff.token,
        body: { imageIds: [image(8)] },
      }),
      storefrontNumber: await send(contracts.putMerchantStorefront, {
        params: { cid, mid: merchant.id },
        token: owner.token,
        invalidBody: { imageId: 5 },
      }),
      storefrontMissing: await send(contracts.putMerchantStorefront, {
        params: { cid, mid: merchant.id },
        token: owner.token,
        invalidBody: {},
      }),
      storefrontByOther: await send(contracts.putMerchantStorefront, {
        params: { cid, mid: merchant.id },
        token: maker.token,
        body: { imageId: null },
      }),
      productImagesNotList: await send(contracts.createProduct, {
        params: { cid },
        token: maker.token,
        invalidBody: { title: '木勺', description: '手工', priceFen: 900, stock: 1, images: image(8) },
      }),
      productImageUnknown: await send(contracts.createProduct, {
        params: { cid },
        token: maker.token,
        body: { title: '木勺', description: '手工', priceFen: 900, stock: 1, images: [image(8)] },
      }),
      receiptNotAnImage: await send(contracts.submitFundExpense, {
        params: { cid },
        token: staff.token,
        invalidBody: { amountFen: 100, purpose: '慰问品', category: 'other', receiptImageId: '../../etc/passwd' },
      }),
      receiptUnknown: await send(contracts.submitFundExpense, {
        params: { cid },
        token: staff.token,
        body: { amountFen: 100, purpose: '慰问品', category: 'other', receiptImageId: image(8) },
      }),
    };
    const failures = Object.entries(replies).flatMap(([name, reply]) => {
      const code = errorOf(reply)?.code;
      return reply.status >= 400 && reply.status < 500 && typeof code === 'string' ? [] : [`${name}: ${reply.status}`];
    });
    expect(failures).toEqual([]);

    // Nothing written: no listing, no expense, no evidence, no storefront, nothing queued.
    expect((await send(contracts.listMyProducts, { params: { cid }, token: maker.token })).body.items).toEqual([]);
    const expenses = await send(contracts.listFundExpenses, { params: { cid }, token: staff.token });
    expect(expenses.body.items).toEqual([]);
    const seen = (await send(contracts.getActivity, { params: { cid, aid: activity.id }, token: staff.token }))
      .body as {
      evidence?: ImageView[];
    };
    expect(seen.evidence ?? []).toEqual([]);
    expect((await send(contracts.getMerchant, { params: { cid, mid: merchant.id } })).body).not.toHaveProperty(
      'storefront',
    );
    expect(await reviewQueue(cid, staff)).toEqual([]);
  });

  it('refuses unsigned, stale and future pushes, and answers odd signed bodies without a 500', async () => {
    const now = Math.floor(Date.now() / 1000);
    const signedAt = (seconds: number) => {
      const timestamp = String(seconds);
      return { signature: sign(timestamp, 'n0nce'), timestamp, nonce: 'n0nce' };
    };
    const verdict = JSON.stringify({ Event: 'wxa_media_check', trace_id: 'x', result: { suggest: 'pass' } });
    const unsigned = await pushRaw(verdict, { timestamp: String(now), nonce: 'abc' });
    expect(unsigned.status >= 400 && unsigned.status < 500).toBe(true);
    expect((await pushRaw(verdict, signedAt(now - 3600))).status).toBe(401);
    expect((await pushRaw(verdict, signedAt(now + 3600))).status).toBe(401);
    expect((await pushRaw(verdict, { ...signedAt(now), signature: 'f'.repeat(40) })).status).toBe(401);
    expect((await pushRaw('<xml><Event>wxa_media_check</Event></xml>')).status).toBe(400);
    const answers: [string, number][] = [];
    for (const body of [
      'null',
      '[]',
      '"wxa_media_check"',
      '{"Event":"wxa_media_check","trace_id":{"$ne":null},"result":{"suggest":"pass"}}',
      '{"Event":"wxa_media_check","trace_id":"abc","result":"pass","errcode":"0"}',
      '{"Event":"wxa_media_check","trace_id":"","result":null}',
    ]) {
      const reply = await pushRaw(body);
      answers.push([body, reply.status]);
    }
    // WeChat never sends these: a 4xx or `success`, but never a 500 (WeChat would retry a 5xx for hours).
    expect(answers.filter(([, status]) => status >= 500)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------
// In-process: the routes run here, with a WeChat stand-in that decides each verdict but holds it until
// the test pushes it (so a verdict can arrive late, twice, or after the office or the job moved on).

const MEDIA_ROUTES = [
  'requestImageUpload',
  'completeImageUpload',
  'listImageReviews',
  'releaseImage',
  'removeImage',
  'wechatPush',
  'createProduct',
  'approveProduct',
  'getProduct',
];

describe('attack: WeChat’s verdicts arriving late, twice, or racing the office', () => {
  const SAVED = ['WECHAT_API_BASE', 'WECHAT_APP_ID', 'WECHAT_APP_SECRET'] as const;
  const saved: Record<string, string | undefined> = {};
  let wechat: WechatApi;

  beforeAll(async () => {
    await loadHandlers(routeTable().entries.filter((entry) => MEDIA_ROUTES.includes(entry.contract)));
    wechat = await startWechatApi({ appId: 'wx-attack-photos', appSecret: 'attack-photos-secret' });
    wechat.state.holdMediaVerdicts = true;
    for (const name of SAVED) saved[name] = process.env[name];
    Object.assign(process.env, {
      WECHAT_API_BASE: wechat.url,
      WECHAT_APP_ID: 'wx-attack-photos',
      WECHAT_APP_SECRET: 'attack-photos-secret',
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
  const codeOf = (reply: RouteReply) => (reply.json as { error?: { code?: string } } | undefined)?.error?.code;

  async function requestAndPut(cid: string, token: string, bytes: Buffer): Promise<string> {
    const asked = json<{ id: string; uploadUrl: string; headers: Record<string, string> }>(
      await callRoute('requestImageUpload', {
        token,
        params: { cid },
        body: { purpose: 'product', contentType: 'image/png', bytes: bytes.length },
      }),
    );
    const put = await fetch(asked.uploadUrl, { method: 'PUT', headers: asked.headers, body: new Uint8Array(bytes) });
    expect(put.status).toBe(200);
    return asked.id;
  }

  async function upload(cid: string, token: string, bytes: Buffer): Promise<{ id: string; view: ImageView }> {
    const id = await requestAndPut(cid, token, bytes);
    const completed = await callRoute('completeImageUpload', { token, params: { cid, imageId: id } });
    expect(completed.status).toBe(200);
    return { id, view: json<ImageView>(completed) };
  }

  const checksOf = (imageId: string) =>
    [...wechat.state.mediaChecks.values()].filter((check) => check.mediaUrl.includes(`/${imageId}/`));

  async function verdictFor(imageId: string): Promise<Record<string, unknown>> {
    for (let tries = 0; tries < 200; tries += 1) {
      const check = checksOf(imageId)[0];
      if (check?.verdict) return check.verdict;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`no verdict decided for ${imageId}`);
  }

  async function push(body: Record<string, unknown>): Promise<RouteReply> {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = randomBytes(6).toString('hex');
    const signature = createHash('sha1')
      .update([process.env.WECHAT_PUSH_TOKEN!, timestamp, nonce].sort().join(''))
      .digest('hex');
    return callRoute('wechatPush', { query: { signature, timestamp, nonce }, body });
  }

  async function setting() {
    const { cid, staff, otherStaff, maker, buyer } = await shop();
    const queue = async () =>
      json<{ items: ImageReview[] }>(
        await callRoute('listImageReviews', { token: staff.token, params: { cid } }),
      ).items.map((item) => item.id);
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
      ).images.map((image) => image.id);
    };
    return { cid, staff, otherStaff, maker, queue, seenByBuyer };
  }

  /** The overdue-verdict job, run an hour and a minute from now, for this photo only (others' tests untouched). */
  async function holdOverdue(imageId: string) {
    const store = stores.images();
    const onlyThis = Object.assign(Object.create(store) as ImageStore, {
      listOverdueChecks: async (before: string, limit: number) =>
        (await store.listOverdueChecks(before, limit)).filter((image) => image.id === imageId),
    });
    return holdOverdueChecks({ now: new Date(Date.now() + 61 * 60_000) }, onlyThis);
  }

  it('deletes a photo WeChat finds risky even when its verdict comes after the job put it in the office’s queue', async () => {
    const { cid, staff, maker, queue } = await setting();
    const { id, view } = await upload(cid, maker.token, await samplePhoto('image/png', 64, 64, 'LINLI-RISKY'));
    const risky = await verdictFor(id);
    expect(risky).toMatchObject({ result: { suggest: 'risky' } });
    expect((await holdOverdue(id)).held).toBe(1);
    expect(await queue()).toContain(id);

    expect((await push(risky)).text).toBe('success');
    // WeChat called it risky: out of the queue, its files gone, no staff member may now release it unknowingly.
    const queued = (await queue()).includes(id);
    const release = await callRoute('releaseImage', { token: staff.token, params: { cid, imageId: id } });
    expect({ queued, release: codeOf(release) ?? release.status, file: (await fetch(view.url)).status }).toEqual({
      queued: false,
      release: 'image.not_held',
      file: 404,
    });
  });

  it('changes nothing when WeChat re-sends a verdict in every later state, and always answers success', async () => {
    const { cid, staff, otherStaff, maker, queue, seenByBuyer } = await setting();
    const passed = await upload(cid, maker.token, await samplePhoto('image/png', 50, 50));
    const held = await upload(cid, maker.token, await samplePhoto('image/png', 52, 52, 'LINLI-REVIEW'));
    const removed = await upload(cid, maker.token, await samplePhoto('image/png', 54, 54));
    const risky = await upload(cid, maker.token, await samplePhoto('image/png', 56, 56, 'LINLI-RISKY'));
    const verdicts = {
      passed: await verdictFor(passed.id),
      held: await verdictFor(held.id),
      removed: await verdictFor(removed.id),
      risky: await verdictFor(risky.id),
    };
    for (const verdict of Object.values(verdicts)) expect((await push(verdict)).text).toBe('success');
    await callRoute('releaseImage', { token: otherStaff.token, params: { cid, imageId: held.id } });
    await callRoute('removeImage', {
      token: staff.token,
      params: { cid, imageId: removed.id },
      body: { reason: '重复' },
    });

    for (let round = 0; round < 2; round += 1)
      for (const verdict of Object.values(verdicts)) {
        const reply = await push(verdict);
        expect([reply.status, reply.text]).toEqual([200, 'success']);
      }
    expect(await queue()).toEqual([]);
    expect(await seenByBuyer(passed.id)).toEqual([passed.id]);
    expect(await seenByBuyer(held.id)).toEqual([held.id]);
    const relisted = await callRoute('createProduct', {
      token: maker.token,
      params: { cid },
      body: { title: '木勺', description: '手工', priceFen: 900, stock: 2, images: [removed.id] },
    });
    expect(codeOf(relisted)).toBe('image.gone');
    expect((await fetch(risky.view.url)).status).toBe(404);
    expect((await fetch(removed.view.thumbUrl)).status).toBe(404);
  });

  it('asks WeChat once when the uploader completes the same upload twice at the same time', async () => {
    const { cid, maker } = await setting();
    const id = await requestAndPut(cid, maker.token, await samplePhoto('image/png', 300, 300));
    const [first, second] = await Promise.all([
      callRoute('completeImageUpload', { token: maker.token, params: { cid, imageId: id } }),
      callRoute('completeImageUpload', { token: maker.token, params: { cid, imageId: id } }),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(checksOf(id)).toHaveLength(1);
  });

  it('leaves no file behind and answers image.gone when staff remove a photo while its upload is being completed', async () => {
    const { cid, staff, maker } = await setting();
    const deps = mediaDependencies({
      sniff: sniffImageType,
      dimensions: imageDimensions,
      thumbnail: (bytes, type) => makeThumbnail(bytes, type, THUMBNAIL_SIDE),
    });
    const outcomes: Record<string, unknown> = {};
    for (const step of ['head', 'get'] as const) {
      const id = await requestAndPut(cid, maker.token, await samplePhoto('image/png', 200, 160));
      // Staff take it down just after the completion's `step` of the file (another Lambda, the same moment).
      const racing = {
        ...deps,
        storage: {
          ...deps.storage,
          [step]: async (key: string) => {
            const result = await (deps.storage[step] as (key: string) => Promise<unknown>)(key);
            await callRoute('removeImage', {
              token: staff.token,
              params: { cid, imageId: id },
              body: { reason: '重复' },
            });
            return result;
          },
        },
      };
      const answer = await completeImageUpload({ communityId: cid, userId: maker.userId, imageId: id }, racing).then(
        (view) => `answered 200 (${view.status ?? 'visible'})`,
        (error: { code?: string; name?: string }) => error.code ?? `threw ${error.name}`,
      );
      outcomes[step] = { answer, files: await filesOf(cid, id) };
    }
    const clean = { answer: 'image.gone', files: { original: null, thumbnail: null } };
    expect(outcomes).toEqual({ head: clean, get: clean });
  });
});
