import { deflateSync } from 'node:zlib';
import qrcode from 'qrcode-generator';

/** The 8 bytes every PNG file starts with (PNG spec, 5.2 "PNG signature"). */
export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** CRC-32 (ISO 3309, polynomial 0xEDB88320) as the PNG spec's annex D computes it over a chunk's type and data. */
const CRC_TABLE = Array.from({ length: 256 }, (_, index) => {
  let value = index;
  for (let bit = 0; bit < 8; bit += 1) value = value & 1 ? 0xedb88320 ^ (value >>> 1) : value >>> 1;
  return value >>> 0;
});

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** One chunk: length (4 bytes, big-endian), type, data, CRC of type + data. */
function chunk(type: string, data: Buffer): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/**
 * A grayscale PNG (8 bits a pixel, no interlace, filter 0 on every row) of `width` × `height`
 * pixels, `pixel(x, y)` giving each one's gray level (0 black … 255 white).
 */
export function grayscalePng(width: number, height: number, pixel: (x: number, y: number) => number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8); // bit depth 8, colour type 0 (grayscale), deflate, filter 0, no interlace
  const rows = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y += 1) {
    const start = y * (width + 1);
    rows[start] = 0; // filter type None
    for (let x = 0; x < width; x += 1) rows[start + 1 + x] = pixel(x, y);
  }
  return Buffer.concat([
    PNG_SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * `text` as a QR code (error correction M, the smallest version that fits, bytes as UTF-8) drawn
 * as a square PNG about `width` pixels wide: whole pixels a module, with a quiet zone of at least
 * four modules (ISO/IEC 18004) — a stand-in for the round mini-program code WeChat draws.
 */
export function qrPng(text: string, width: number): Buffer {
  const code = qrcode(0, 'M');
  code.addData(Buffer.from(text, 'utf8').toString('latin1'), 'Byte');
  code.make();
  const modules = code.getModuleCount();
  const scale = Math.max(1, Math.floor(width / (modules + 8)));
  const size = Math.max(width, (modules + 8) * scale);
  const offset = Math.floor((size - modules * scale) / 2);
  return grayscalePng(size, size, (x, y) => {
    const column = Math.floor((x - offset) / scale);
    const row = Math.floor((y - offset) / scale);
    const inside = x >= offset && y >= offset && column < modules && row < modules;
    return inside && code.isDark(row, column) ? 0 : 255;
  });
}
