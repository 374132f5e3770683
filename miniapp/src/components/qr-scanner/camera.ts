/**
 * The browser's camera and a QR decoder, for the H5 scanner (`index.tsx`). On weapp WeChat's own
 * scanner (`Taro.scanCode`) does all of this; nothing here runs there.
 */

/** Why the camera could not be used: the person (or the browser's settings) refused it, there is none, or it failed. */
export type CameraProblem = 'refused' | 'absent' | 'failed';

/** Reads the text of a QR code in the video's current frame, or undefined when there is none. */
export type FrameDecoder = (video: HTMLVideoElement) => Promise<string | undefined>;

/** The part of the Barcode Detection API we use (not yet in TypeScript's DOM library). */
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}
interface BarcodeDetectorClass {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats(): Promise<string[]>;
}

/** The back camera (a phone held up to the code), video only. */
export async function openCamera(): Promise<MediaStream> {
  return navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
}

/** Whether this browser can be asked for a camera at all (none over plain http, nor in old browsers). */
export function cameraAvailable(): boolean {
  return typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getUserMedia === 'function';
}

/** Turns the camera off (its light goes out): every track of the stream stopped. */
export function stopCamera(stream: MediaStream | undefined): void {
  stream?.getTracks().forEach((track) => track.stop());
}

/** getUserMedia's refusals by name (Media Capture and Streams, §9.2): what to tell the person. */
export function cameraProblem(error: unknown): CameraProblem {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') return 'refused';
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError') return 'absent';
  return 'failed';
}

/**
 * The browser's own BarcodeDetector when it reads QR codes (Chrome on Android and macOS, for one),
 * else jsQR, loaded only now (a chunk of its own, not in the app's bundle).
 */
export async function loadDecoder(): Promise<FrameDecoder> {
  const native = await nativeDecoder();
  if (native) return native;
  const jsQR = await importJsQr();
  if (!jsQR) throw new Error('The camera scanner is for browsers; weapp uses Taro.scanCode');
  const canvas = document.createElement('canvas');
  return async (video) => {
    const width = video.videoWidth;
    const height = video.videoHeight;
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!width || !height || !context) return undefined;
    canvas.width = width;
    canvas.height = height;
    context.drawImage(video, 0, 0, width, height);
    const image = context.getImageData(0, 0, width, height);
    return jsQR(image.data, width, height, { inversionAttempts: 'dontInvert' })?.data || undefined;
  };
}

/**
 * jsQR as a chunk of its own, on H5 only. The condition is a build constant and the function is not
 * `async` (Babel would turn its body into a state machine that webpack cannot prune): the weapp build,
 * where WeChat scans, does not even bundle jsQR.
 */
function importJsQr(): Promise<typeof import('jsqr').default> | undefined {
  return process.env.TARO_ENV === 'h5'
    ? import(/* webpackChunkName: "jsqr" */ 'jsqr').then((module) => module.default)
    : undefined;
}

async function nativeDecoder(): Promise<FrameDecoder | undefined> {
  const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (!Detector) return undefined;
  try {
    if (!(await Detector.getSupportedFormats()).includes('qr_code')) return undefined;
    const detector = new Detector({ formats: ['qr_code'] });
    return async (video) => {
      if (!video.videoWidth) return undefined;
      const [code] = await detector.detect(video);
      return code?.rawValue || undefined;
    };
  } catch {
    return undefined;
  }
}
