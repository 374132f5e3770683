import Taro from '@tarojs/taro';
import { Text } from '@tarojs/components';
import { useState, type ReactNode } from 'react';
import QrScanner from '../components/qr-scanner';
import type { CameraProblem } from '../components/qr-scanner/camera';
import { useI18n } from '../i18n';

/**
 * 扫码 the same way on every page: `scan()` resolves to the text of the QR code read, or undefined
 * when the person cancelled or there is no camera. On weapp it is `Taro.scanCode`; in a browser
 * `view` (render it under the scan button) is the full-screen camera while scanning, then a plain
 * message when the camera was refused or missing (`#{id}-problem`), so the page's typed code is the way.
 */
export function useQrScan(id: string): { scan: () => Promise<string | undefined>; view: ReactNode } {
  const { t } = useI18n();
  const [settle, setSettle] = useState<(text: string | undefined) => void>();
  const [problem, setProblem] = useState<CameraProblem>();

  const scan = (): Promise<string | undefined> => {
    // A build constant: in a browser the scanner is ours (camera + decoder), in WeChat it is WeChat's own.
    if (process.env.TARO_ENV !== 'h5') return scanWithWeChat();
    setProblem(undefined);
    return new Promise((resolve) => setSettle(() => resolve));
  };

  const close = (text: string | undefined, failure?: CameraProblem) => {
    settle?.(text);
    setSettle(undefined);
    setProblem(failure);
  };

  const view = settle ? (
    <QrScanner id={id} onScanned={(text) => close(text)} onClose={(failure) => close(undefined, failure)} />
  ) : problem ? (
    <Text id={`${id}-problem`} className="scan-problem">
      {t(`scan.${problem}`)}
    </Text>
  ) : null;
  return { scan, view };
}

/** WeChat's scanner, QR codes only, from the camera (not the album: a screenshot of a live pass is no pass). */
async function scanWithWeChat(): Promise<string | undefined> {
  try {
    return (await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })).result;
  } catch {
    return undefined; // the person closed the camera
  }
}
