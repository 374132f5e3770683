/**
 * Draws the tab bar icons (81×81 PNG, grey and green) from simple shapes, so they can be
 * changed in code review: `npx tsx miniapp/scripts/draw-tab-icons.ts` rewrites src/assets/tab/.
 * WeChat tab bars need PNG files (no SVG), and this keeps the repository free of binary sources.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';

const SIZE = 81;
const SAMPLES = 4;
const STROKE = 6;
const COLOURS = { normal: [0x4f, 0x5a, 0x55], active: [0x1f, 0x7a, 0x4d] } as const;

type Shape = (x: number, y: number) => boolean;

const segment =
  (ax: number, ay: number, bx: number, by: number): Shape =>
  (x, y) => {
    const dx = bx - ax;
    const dy = by - ay;
    const along = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
    return Math.hypot(x - (ax + along * dx), y - (ay + along * dy)) <= STROKE / 2;
  };
const ring =
  (cx: number, cy: number, radius: number, fromDegrees = 0, toDegrees = 360): Shape =>
  (x, y) => {
    const degrees = (Math.atan2(y - cy, x - cx) * 180) / Math.PI;
    const angle = degrees < 0 ? degrees + 360 : degrees;
    return Math.abs(Math.hypot(x - cx, y - cy) - radius) <= STROKE / 2 && angle >= fromDegrees && angle <= toDegrees;
  };
const polyline = (...points: number[]): Shape[] =>
  points
    .slice(0, -2)
    .flatMap((_, index) =>
      index % 2 === 0 ? [segment(points[index]!, points[index + 1]!, points[index + 2]!, points[index + 3]!)] : [],
    );

const ICONS: Record<string, Shape[]> = {
  home: [
    ...polyline(12, 38, 40.5, 13, 69, 38),
    ...polyline(20, 32, 20, 68, 61, 68, 61, 32),
    ...polyline(34, 68, 34, 50, 47, 50, 47, 68),
  ],
  activities: [
    ...polyline(14, 20, 67, 20, 67, 68, 14, 68, 14, 20),
    segment(14, 32, 67, 32),
    segment(27, 12, 27, 24),
    segment(54, 12, 54, 24),
    ...polyline(28, 50, 37, 58, 54, 42),
  ],
  market: [...polyline(14, 30, 67, 30, 62, 68, 19, 68, 14, 30), ring(40.5, 30, 13, 180, 360)],
  me: [ring(40.5, 27, 13), ring(40.5, 72, 26, 180, 360), segment(14.5, 72, 66.5, 72)],
};

function drawIcon(shapes: Shape[], colour: readonly number[]): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < SIZE; y += 1) {
    const row = Buffer.alloc(1 + SIZE * 4);
    for (let x = 0; x < SIZE; x += 1) {
      let covered = 0;
      for (let sy = 0; sy < SAMPLES; sy += 1) {
        for (let sx = 0; sx < SAMPLES; sx += 1) {
          const px = x + (sx + 0.5) / SAMPLES;
          const py = y + (sy + 0.5) / SAMPLES;
          if (shapes.some((shape) => shape(px, py))) covered += 1;
        }
      }
      row.set([...colour, Math.round((covered * 255) / (SAMPLES * SAMPLES))], 1 + x * 4);
    }
    rows.push(row);
  }
  return encodePng(Buffer.concat(rows));
}

function encodePng(scanlines: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(scanlines, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const checksum = Buffer.alloc(4);
  checksum.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, checksum]);
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit += 1) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

const directory = path.resolve(__dirname, '..', 'src', 'assets', 'tab');
for (const [name, shapes] of Object.entries(ICONS)) {
  writeFileSync(path.join(directory, `${name}.png`), drawIcon(shapes, COLOURS.normal));
  writeFileSync(path.join(directory, `${name}-active.png`), drawIcon(shapes, COLOURS.active));
}
