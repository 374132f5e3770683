import { act, fireEvent, render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { languagePreference } from '../../state/preferences';
import { useQrScan } from '../../hooks/qr-scan';

jest.mock('jsqr', () => jest.fn());
const jsQR: jest.Mock = jest.requireMock('jsqr');

/** A page with a scan button: shows what `scan()` resolved to (`#scanned`), or `cancelled`. */
function ScanPage() {
  const scanner = useQrScan('test-scanner');
  const [scanned, setScanned] = useState<string>();
  return (
    <div>
      <button id="scan" onClick={async () => setScanned((await scanner.scan()) ?? 'cancelled')} type="button">
        扫码
      </button>
      {scanner.view}
      <input id="typed-code" />
      {scanned ? <span id="scanned">{scanned}</span> : null}
    </div>
  );
}

/** A camera double: one video track whose `stop` is watched. */
function fakeCamera() {
  const track = { stop: jest.fn(), kind: 'video' };
  const stream = { getTracks: () => [track] } as unknown as MediaStream;
  const getUserMedia = jest.fn((_constraints: MediaStreamConstraints) => Promise.resolve(stream));
  Object.defineProperty(navigator, 'mediaDevices', { value: { getUserMedia }, configurable: true });
  return { track, getUserMedia };
}

function refusingCamera(name: string) {
  const getUserMedia = jest.fn(() => Promise.reject(new DOMException('camera says no', name)));
  Object.defineProperty(navigator, 'mediaDevices', { value: { getUserMedia }, configurable: true });
}

/** The browser's BarcodeDetector double: finds nothing in the first frame, then `text`. */
function fakeBarcodeDetector(text: string) {
  const detect = jest
    .fn()
    .mockResolvedValueOnce([])
    .mockResolvedValue([{ rawValue: text, format: 'qr_code' }]);
  const Detector = Object.assign(
    jest.fn(() => ({ detect })),
    { getSupportedFormats: () => Promise.resolve(['qr_code', 'ean_13']) },
  );
  (globalThis as { BarcodeDetector?: unknown }).BarcodeDetector = Detector;
  return { Detector, detect };
}

async function openScanner(container: HTMLElement) {
  await act(async () => fireEvent.click(container.querySelector('#scan')!));
}

describe('useQrScan in a browser (H5)', () => {
  beforeAll(() => {
    jest.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
    jest.spyOn(HTMLVideoElement.prototype, 'videoWidth', 'get').mockReturnValue(640);
    jest.spyOn(HTMLVideoElement.prototype, 'videoHeight', 'get').mockReturnValue(480);
  });

  beforeEach(() => {
    languagePreference.clear();
    delete (globalThis as { BarcodeDetector?: unknown }).BarcodeDetector;
  });

  afterEach(() => {
    Object.defineProperty(navigator, 'mediaDevices', { value: undefined, configurable: true });
  });

  it('opens the back camera full screen, reads the QR code with BarcodeDetector and turns the camera off', async () => {
    const { track, getUserMedia } = fakeCamera();
    const { Detector, detect } = fakeBarcodeDetector('v1.pass-token');
    const { container } = render(<ScanPage />);

    await openScanner(container);

    expect(getUserMedia).toHaveBeenCalledWith({ video: { facingMode: 'environment' }, audio: false });
    expect(container.querySelector('#test-scanner')?.getAttribute('role')).toBe('dialog');
    expect(container.querySelector('#test-scanner-cancel')?.textContent).toBe('取消');
    await waitFor(() => expect(container.querySelector('#scanned')?.textContent).toBe('v1.pass-token'));
    expect(Detector).toHaveBeenCalledWith({ formats: ['qr_code'] });
    expect(detect).toHaveBeenCalledTimes(2);
    expect(container.querySelector('#test-scanner')).toBeNull();
    expect(track.stop).toHaveBeenCalledTimes(1);
    expect(jsQR).not.toHaveBeenCalled();
  });

  it('reads the frame with jsQR where the browser has no BarcodeDetector', async () => {
    const { track } = fakeCamera();
    const drawImage = jest.fn();
    const pixels = new Uint8ClampedArray(640 * 480 * 4);
    const getContext = jest.fn(() => ({ drawImage, getImageData: () => ({ data: pixels }) }));
    jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(getContext as never);
    jsQR.mockReturnValueOnce(null).mockReturnValue({ data: 'linli-checkin:activity-1:58123456:c2ln' });
    const { container } = render(<ScanPage />);

    await openScanner(container);

    await waitFor(() =>
      expect(container.querySelector('#scanned')?.textContent).toBe('linli-checkin:activity-1:58123456:c2ln'),
    );
    const [data, ...size] = jsQR.mock.calls[1] as unknown[];
    expect(data).toBe(pixels);
    expect(size).toEqual([640, 480, { inversionAttempts: 'dontInvert' }]);
    expect(drawImage).toHaveBeenCalledWith(expect.any(HTMLVideoElement), 0, 0, 640, 480);
    expect(track.stop).toHaveBeenCalledTimes(1);
  });

  it('turns the camera off and resolves to nothing when the person presses 取消', async () => {
    const { track } = fakeCamera();
    const { detect } = fakeBarcodeDetector('never read');
    detect.mockReset().mockResolvedValue([]);
    const { container } = render(<ScanPage />);
    await openScanner(container);
    await waitFor(() => expect(container.querySelector('#test-scanner-status')?.textContent).toContain('自动识别'));

    await act(async () => fireEvent.click(container.querySelector('#test-scanner-cancel')!));

    expect(container.querySelector('#scanned')?.textContent).toBe('cancelled');
    expect(container.querySelector('#test-scanner')).toBeNull();
    expect(track.stop).toHaveBeenCalledTimes(1);
    expect(container.querySelector('#test-scanner-problem')).toBeNull();
  });

  it('turns the camera off even when 取消 comes before the camera has opened', async () => {
    const track = { stop: jest.fn() };
    let grant: (stream: MediaStream) => void = () => undefined;
    const getUserMedia = jest.fn(() => new Promise<MediaStream>((resolve) => (grant = resolve)));
    Object.defineProperty(navigator, 'mediaDevices', { value: { getUserMedia }, configurable: true });
    const { container } = render(<ScanPage />);
    await openScanner(container);

    await act(async () => fireEvent.click(container.querySelector('#test-scanner-cancel')!));
    await act(async () => grant({ getTracks: () => [track] } as unknown as MediaStream));

    expect(track.stop).toHaveBeenCalledTimes(1);
    expect(container.querySelector('#scanned')?.textContent).toBe('cancelled');
  });

  it.each([
    ['NotAllowedError', '没有打开摄像头：浏览器没有允许使用摄像头。可以在浏览器设置里允许后再扫，或在下面手动输入。'],
    ['NotFoundError', '这台设备找不到摄像头，请在下面手动输入。'],
    ['NotReadableError', '摄像头打不开，请在下面手动输入。'],
  ])('says so in plain words when getUserMedia fails with %s, and leaves the typed code', async (name, message) => {
    refusingCamera(name);
    const { container } = render(<ScanPage />);

    await openScanner(container);

    await waitFor(() => expect(container.querySelector('#test-scanner-problem')?.textContent).toBe(message));
    expect(container.querySelector('#test-scanner')).toBeNull();
    expect(container.querySelector('#scanned')?.textContent).toBe('cancelled');
    expect(container.querySelector('#typed-code')).not.toBeNull();
  });

  it('says there is no camera where the browser cannot ask for one (plain http, old browsers)', async () => {
    const { container } = render(<ScanPage />);

    await openScanner(container);

    await waitFor(() =>
      expect(container.querySelector('#test-scanner-problem')?.textContent).toBe(
        '这台设备找不到摄像头，请在下面手动输入。',
      ),
    );
  });

  it('speaks English to an English reader', async () => {
    languagePreference.set('en');
    refusingCamera('NotAllowedError');
    const { container } = render(<ScanPage />);

    await openScanner(container);

    await waitFor(() =>
      expect(container.querySelector('#test-scanner-problem')?.textContent).toContain('The camera is not allowed'),
    );
  });
});

describe('useQrScan in WeChat (weapp)', () => {
  it("uses WeChat's scanner and never the browser camera", async () => {
    const getUserMedia = jest.fn();
    Object.defineProperty(navigator, 'mediaDevices', { value: { getUserMedia }, configurable: true });
    jest.mocked(Taro.scanCode).mockResolvedValueOnce({ result: 'v1.pass-token' } as never);
    process.env.TARO_ENV = 'weapp';
    const scanned: (string | undefined)[] = [];
    function WeappPage() {
      const scanner = useQrScan('test-scanner');
      return (
        <button id="scan" type="button" onClick={async () => scanned.push(await scanner.scan())}>
          扫码
        </button>
      );
    }
    const { container } = render(<WeappPage />);

    await openScanner(container);
    process.env.TARO_ENV = 'h5';

    expect(scanned).toEqual(['v1.pass-token']);
    expect(Taro.scanCode).toHaveBeenCalledWith({ onlyFromCamera: true, scanType: ['qrCode'] });
    expect(getUserMedia).not.toHaveBeenCalled();
  });
});
