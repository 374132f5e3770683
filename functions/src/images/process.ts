import { createJimp } from '@jimp/core';
import jpeg from '@jimp/js-jpeg';
import png from '@jimp/js-png';
import { methods as resizeMethods } from '@jimp/plugin-resize';
import decodeWebp, { init as initWebp } from '@jsquash/webp/decode.js';
import { imageSize } from 'image-size';
import type { ImageContentType } from '@linli/shared';
import webpDecoderWasm from '@jsquash/webp/codec/dec/webp_dec.wasm';

/**
 * Photos as bytes (issue 19): what they are, how large, and their thumbnail — pure functions from
 * bytes to bytes, with well-kept libraries: `image-size` reads a header's dimensions without
 * decoding, jimp (pure JavaScript) decodes JPEG and PNG and resizes, Google's libwebp (Squoosh's
 * WebAssembly build, `@jsquash/webp`) decodes WebP.
 */

/** What the bytes are, by their signature (never by a name or a declared type); null: none of the three. */
export function sniffImageType(bytes: Uint8Array): ImageContentType | null {
  const starts = (signature: number[], offset = 0) =>
    bytes.length >= offset + signature.length && signature.every((byte, index) => bytes[offset + index] === byte);
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  // RIFF <size> WEBP
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return null;
}

/** More pixels than this (50 megapixels, ~200 MB decoded) is refused before decoding. */
export const MAX_IMAGE_PIXELS = 50_000_000;

export type ImageProblem = 'unreadable' | 'too_many_pixels';

/**
 * A progressive JPEG's scans (SOS markers, `FF DA`: never inside entropy-coded data, where `FF` is
 * stuffed as `FF 00`). Each scan walks the whole image again in a JavaScript decoder: a few hundred
 * bytes per scan can cost seconds (found by an outsider: 10,000 scans in 400 KB took 24 s). Ordinary
 * cameras write 1 (baseline) to about 12 (progressive).
 */
export const MAX_JPEG_SCANS = 64;

function jpegScans(bytes: Uint8Array): number {
  let scans = 0;
  for (let index = 0; index + 1 < bytes.length; index += 1) {
    if (bytes[index] === 0xff && bytes[index + 1] === 0xda) scans += 1;
  }
  return scans;
}

/**
 * Width and height from the header, or why not: `too_many_pixels` beyond {@link MAX_IMAGE_PIXELS},
 * `unreadable` for a header that does not parse or a JPEG of more than {@link MAX_JPEG_SCANS} scans
 * (checked before anything is decoded). Never throws.
 */
export function imageDimensions(bytes: Uint8Array): { width: number; height: number } | ImageProblem {
  try {
    if (sniffImageType(bytes) === 'image/jpeg' && jpegScans(bytes) > MAX_JPEG_SCANS) return 'unreadable';
    const { width, height } = imageSize(bytes);
    if (!width || !height) return 'unreadable';
    return width * height > MAX_IMAGE_PIXELS ? 'too_many_pixels' : { width, height };
  } catch {
    return 'unreadable';
  }
}

const Jimp = createJimp({ formats: [jpeg, png], plugins: [resizeMethods] });

let webpReady: Promise<unknown> | undefined;

/** Node's WebAssembly global (this project's TypeScript libs do not declare it). */
const wasm = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<unknown> } }).WebAssembly;

const decoders = { 'image/jpeg': jpeg().decode, 'image/png': png().decode };

/** RGBA pixels of the bytes, decoded as `type` (throws when they are not). */
async function decode(bytes: Buffer, type: ImageContentType) {
  let pixels: { width: number; height: number; data: Uint8Array | Uint8ClampedArray };
  if (type === 'image/webp') {
    webpReady ??= wasm.compile(webpDecoderWasm).then((module) => initWebp(module as never));
    await webpReady;
    pixels = await decodeWebp(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  } else {
    pixels = decoders[type](bytes, { maxResolutionInMP: MAX_IMAGE_PIXELS / 1_000_000 } as never);
  }
  const image = new Jimp({ width: pixels.width, height: pixels.height });
  image.bitmap.data = Buffer.from(pixels.data.buffer, pixels.data.byteOffset, pixels.data.byteLength);
  return image;
}

/**
 * A JPEG thumbnail whose longer side is at most `side` pixels (never enlarged); transparent pixels on
 * white. Throws when the bytes do not decode as `type`.
 *
 * @returns the thumbnail's bytes and the original's full dimensions
 */
export async function makeThumbnail(
  bytes: Buffer,
  type: ImageContentType,
  side: number,
): Promise<{ thumbnail: Buffer; width: number; height: number }> {
  const image = await decode(bytes, type);
  const { width, height } = image.bitmap;
  const scale = Math.min(1, side / Math.max(width, height));
  if (scale < 1)
    image.resize({ w: Math.max(1, Math.round(width * scale)), h: Math.max(1, Math.round(height * scale)) });
  const data = image.bitmap.data;
  for (let index = 0; index < data.length; index += 4) {
    const alpha = data[index + 3]! / 255;
    if (alpha === 1) continue;
    for (let channel = 0; channel < 3; channel += 1)
      data[index + channel] = Math.round(data[index + channel]! * alpha + 255 * (1 - alpha));
    data[index + 3] = 255;
  }
  const thumbnail = await image.getBuffer('image/jpeg', { quality: 80 });
  return { thumbnail, width, height };
}
