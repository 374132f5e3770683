import { writeFileSync } from 'node:fs';
import qrcode from 'qrcode-generator';

/** The fake camera's picture size: VGA, what a phone's preview often is. */
const WIDTH = 640;
const HEIGHT = 480;

/**
 * `text` as a QR code (error correction M, bytes as UTF-8) in the middle of a white VGA picture, as
 * gray levels a pixel (0 black … 255 white): whole pixels a module and a quiet zone of at least four.
 * `undefined` gives the white picture alone (a camera pointed at nothing).
 */
export function qrFrame(text: string | undefined): Uint8Array {
  const frame = new Uint8Array(WIDTH * HEIGHT).fill(255);
  if (text === undefined) return frame;
  const code = qrcode(0, 'M');
  code.addData(Buffer.from(text, 'utf8').toString('latin1'), 'Byte');
  code.make();
  const count = code.getModuleCount();
  const modulePixels = Math.floor(HEIGHT / (count + 8));
  if (modulePixels < 2) throw new Error(`a QR code of ${count} modules does not fit ${HEIGHT} pixels`);
  const left = Math.floor((WIDTH - count * modulePixels) / 2);
  const top = Math.floor((HEIGHT - count * modulePixels) / 2);
  for (let row = 0; row < count; row += 1) {
    for (let column = 0; column < count; column += 1) {
      if (!code.isDark(row, column)) continue;
      for (let y = 0; y < modulePixels; y += 1) {
        const start = (top + row * modulePixels + y) * WIDTH + left + column * modulePixels;
        frame.fill(0, start, start + modulePixels);
      }
    }
  }
  return frame;
}

/**
 * Writes `file` as a YUV4MPEG2 video (the format Chromium's `--use-file-for-fake-video-capture` reads):
 * a header, then each frame as `FRAME` and its I420 planes — the gray levels as luma, both chroma planes
 * at 128 (no colour). A few identical frames: Chromium plays the file in a loop.
 */
export function writeQrVideo(file: string, text: string | undefined, frames = 3): void {
  const header = Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F10:1 Ip A1:1 C420jpeg\n`, 'latin1');
  const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n', 'latin1'), qrFrame(text), chroma]);
  writeFileSync(file, Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]));
}
