import { readFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { createJimp } from '@jimp/core';
import jpeg from '@jimp/js-jpeg';
import png from '@jimp/js-png';
import encodeWebp, { init as initWebpEncoder } from '@jsquash/webp/encode.js';
import { contracts, type ImagePurpose, type ImageView } from '@linli/shared';
import { randomUUID } from 'node:crypto';
import { DynamoImageStore } from '../../functions/src/store/media/image-store';
import { documentClient, send, type ApiReply } from './api';
import { tableName } from './factories';

const Jimp = createJimp({ formats: [jpeg, png] });

let webpEncoder: Promise<unknown> | undefined;

/** A WeChat stand-in rule (shared/API.md, "Content security"): a photo carrying this text is `risky` / `review`. */
export type PhotoMarker = 'LINLI-RISKY' | 'LINLI-REVIEW';

/**
 * A real photo for tests: a colour gradient of `width` × `height` in the type asked, optionally
 * carrying a stand-in marker as metadata (a JPEG comment segment, a PNG tEXt chunk) that decoders ignore.
 */
export async function samplePhoto(
  type: 'image/jpeg' | 'image/png' | 'image/webp',
  width = 800,
  height = 600,
  marker?: PhotoMarker,
): Promise<Buffer> {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y += 1)
    for (let x = 0; x < width; x += 1) {
      const offset = (y * width + x) * 4;
      data[offset] = (x * 255) / width;
      data[offset + 1] = (y * 255) / height;
      data[offset + 2] = 160;
      data[offset + 3] = 255;
    }
  if (type === 'image/webp') {
    const wasm = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<unknown> } })
      .WebAssembly;
    webpEncoder ??= wasm
      .compile(
        readFileSync(
          require.resolve('@jsquash/webp/codec/enc/webp_enc.wasm', { paths: [__dirname + '/../../functions'] }),
        ),
      )
      .then((module) => initWebpEncoder(module as never));
    await webpEncoder;
    return Buffer.from(await encodeWebp({ width, height, data: new Uint8ClampedArray(data), colorSpace: 'srgb' }));
  }
  const image = new Jimp({ width, height });
  image.bitmap.data = data;
  const bytes = type === 'image/png' ? await image.getBuffer('image/png') : await image.getBuffer('image/jpeg');
  return marker ? withMarker(bytes, type, marker) : bytes;
}

function withMarker(bytes: Buffer, type: 'image/jpeg' | 'image/png', marker: string): Buffer {
  if (type === 'image/jpeg') {
    const text = Buffer.from(marker, 'latin1');
    const segment = Buffer.alloc(4);
    segment.writeUInt16BE(0xfffe, 0);
    segment.writeUInt16BE(text.length + 2, 2);
    return Buffer.concat([bytes.subarray(0, 2), segment, text, bytes.subarray(2)]);
  }
  const body = Buffer.concat([Buffer.from('tEXt', 'latin1'), Buffer.from(`Comment\0${marker}`, 'latin1')]);
  const chunk = Buffer.alloc(body.length + 8);
  chunk.writeUInt32BE(body.length - 4, 0);
  body.copy(chunk, 4);
  chunk.writeUInt32BE(crc32(body), body.length + 4);
  const afterHeader = 8 + 25;
  return Buffer.concat([bytes.subarray(0, afterHeader), chunk, bytes.subarray(afterHeader)]);
}

/** A photo through the whole upload: the URL asked for, the bytes `PUT` to storage, the upload completed. */
export async function uploadPhoto(input: {
  cid: string;
  token: string;
  purpose: ImagePurpose;
  bytes: Buffer;
  contentType?: 'image/jpeg' | 'image/png' | 'image/webp';
}): Promise<{ id: string; complete: ApiReply<ImageView>; put: number }> {
  const contentType = input.contentType ?? 'image/png';
  const upload = await send(contracts.requestImageUpload, {
    params: { cid: input.cid },
    token: input.token,
    body: { purpose: input.purpose, contentType, bytes: input.bytes.length },
  });
  if (upload.status !== 201) throw new Error(`requestImageUpload → ${upload.status} ${JSON.stringify(upload.body)}`);
  const put = await fetch(upload.body.uploadUrl, {
    method: 'PUT',
    headers: upload.body.headers,
    body: new Uint8Array(input.bytes),
  });
  const complete = await send(contracts.completeImageUpload, {
    params: { cid: input.cid, imageId: upload.body.id },
    token: input.token,
  });
  return { id: upload.body.id, complete, put: put.status };
}

/** Waits until `check` is true (WeChat's verdict arrives by push, a moment after the upload). */
export async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A photo waiting in the office's review queue (as WeChat's `review` verdict leaves one), written through the store. */
export async function heldImage(communityId: string, uploadedBy: string): Promise<string> {
  const images = new DynamoImageStore(documentClient(), tableName());
  const image = {
    id: `img_${randomUUID().slice(0, 12)}`,
    communityId,
    purpose: 'product' as const,
    contentType: 'image/png' as const,
    declaredBytes: 100,
    uploadedBy,
    status: 'awaiting_upload' as const,
    createdAt: new Date().toISOString(),
  };
  await images.createImage(image, 1000);
  await images.transition(image, ['awaiting_upload'], {
    status: 'under_review',
    heldBecause: 'review',
    width: 8,
    height: 8,
  });
  return image.id;
}
