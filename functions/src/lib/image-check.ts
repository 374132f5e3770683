import { crc32, inflateSync } from 'node:zlib';

/**
 * Whether bytes are a whole, well-formed image of the kind they claim, read as a PDF writer will
 * read them — not just their first bytes: a PNG's chunks with their CRCs (IHDR first, IDAT that
 * inflates, IEND last; PNG spec, ISO/IEC 15948), a JPEG's marker segments up to a frame header
 * (SOFn) and the end-of-image marker (ITU-T T.81). Never throws.
 */
export function isWellFormedImage(bytes: Buffer, contentType: 'image/png' | 'image/jpeg'): boolean {
  try {
    return contentType === 'image/png' ? isPng(bytes) : isJpeg(bytes);
  } catch {
    return false;
  }
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const MAX_SIDE = 8000;

function isPng(bytes: Buffer): boolean {
  if (bytes.length < 57 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return false;
  const idat: Buffer[] = [];
  let offset = 8;
  let first = true;
  while (offset + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const end = offset + 12 + length;
    if (end > bytes.length) return false;
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    if (crc32(bytes.subarray(offset + 4, offset + 8 + length)) !== bytes.readUInt32BE(offset + 8 + length))
      return false;
    if (first && (type !== 'IHDR' || !validHeader(data))) return false;
    first = false;
    if (type === 'IDAT') idat.push(data);
    if (type === 'IEND') return idat.length > 0 && inflateSync(Buffer.concat(idat)).length > 0;
    offset = end;
  }
  return false;
}

function validHeader(header: Buffer): boolean {
  if (header.length !== 13) return false;
  const [width, height] = [header.readUInt32BE(0), header.readUInt32BE(4)];
  const [depth, colour] = [header[8]!, header[9]!];
  return (
    width > 0 &&
    height > 0 &&
    width <= MAX_SIDE &&
    height <= MAX_SIDE &&
    [1, 2, 4, 8, 16].includes(depth) &&
    [0, 2, 3, 4, 6].includes(colour)
  );
}

/** Start-of-frame markers a PDF's DCTDecode reads (baseline, extended, progressive). */
const FRAME_MARKERS = new Set([0xc0, 0xc1, 0xc2]);

function isJpeg(bytes: Buffer): boolean {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return false;
  if (bytes[bytes.length - 2] !== 0xff || bytes[bytes.length - 1] !== 0xd9) return false;
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return false;
    const marker = bytes[offset + 1]!;
    const length = bytes.readUInt16BE(offset + 2);
    if (length < 2 || offset + 2 + length > bytes.length) return false;
    if (FRAME_MARKERS.has(marker)) {
      const height = bytes.readUInt16BE(offset + 5);
      const width = bytes.readUInt16BE(offset + 7);
      return height > 0 && width > 0 && height <= MAX_SIDE && width <= MAX_SIDE;
    }
    offset += 2 + length;
  }
  return false;
}
