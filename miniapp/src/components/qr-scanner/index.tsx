import { Button, Text, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n';
import { cameraAvailable, cameraProblem, loadDecoder, openCamera, stopCamera, type CameraProblem } from './camera';
import type { FrameDecoder } from './camera';
import './index.scss';

/** How often a frame is read: often enough to feel instant, rarely enough for an old phone's CPU. */
const FRAME_INTERVAL_MS = 150;

interface ScanEvents {
  onWatching: () => void;
  onScanned: (text: string) => void;
  onProblem: (problem: CameraProblem) => void;
}

/**
 * 扫码 in a browser (H5): the back camera over the whole screen, in large text, with a big 取消. The
 * first QR code read is handed to `onScanned`; a refused or missing camera goes to `onClose` with
 * the reason (the page's typed-code box is the way then). The camera is off once it is closed.
 */
export default function QrScanner({
  id,
  onScanned,
  onClose,
}: {
  id: string;
  onScanned: (text: string) => void;
  onClose: (problem?: CameraProblem) => void;
}) {
  const { t } = useI18n();
  const video = useRef<HTMLVideoElement>(null);
  const [watching, setWatching] = useState(false);
  const events = useRef<ScanEvents>({ onWatching: () => undefined, onScanned, onProblem: onClose });

  useEffect(() => {
    events.current = { onWatching: () => setWatching(true), onScanned, onProblem: onClose };
  });

  useEffect(() => {
    if (!video.current) return undefined;
    return watchForCode(video.current, {
      onWatching: () => events.current.onWatching(),
      onScanned: (text) => events.current.onScanned(text),
      onProblem: (problem) => events.current.onProblem(problem),
    });
  }, []);

  return (
    <View className="qr-scanner" id={id} role="dialog" aria-label={t('scan.title')}>
      <Text className="qr-scanner__title">{t('scan.title')}</Text>
      <View className="qr-scanner__frame">
        <video ref={video} className="qr-scanner__video" autoPlay muted playsInline />
      </View>
      <Text className="qr-scanner__hint" id={`${id}-status`}>
        {watching ? t('scan.hint') : t('scan.starting')}
      </Text>
      <Button id={`${id}-cancel`} className="button qr-scanner__cancel" onClick={() => onClose()}>
        {t('scan.cancel')}
      </Button>
    </View>
  );
}

/**
 * Opens the back camera into `video` and reads a frame every FRAME_INTERVAL_MS until one holds a
 * QR code. Returns the function that stops it all (the camera too), whenever it is called.
 */
export function watchForCode(video: HTMLVideoElement, events: ScanEvents): () => void {
  let stream: MediaStream | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const stop = () => {
    stopped = true;
    clearTimeout(timer);
    stopCamera(stream);
    stream = undefined;
    video.srcObject = null;
  };
  const look = async (decode: FrameDecoder) => {
    const text = await decode(video).catch(() => undefined);
    if (stopped) return;
    if (!text) {
      timer = setTimeout(() => void look(decode), FRAME_INTERVAL_MS);
      return;
    }
    stop();
    events.onScanned(text);
  };
  const start = async () => {
    if (!cameraAvailable()) return events.onProblem('absent');
    try {
      stream = await openCamera();
    } catch (error) {
      return stopped ? undefined : events.onProblem(cameraProblem(error));
    }
    if (stopped) return stopCamera(stream);
    video.srcObject = stream;
    await Promise.resolve(video.play()).catch(() => undefined); // autoPlay plays it anyway
    const decode = await loadDecoder();
    if (stopped) return undefined;
    events.onWatching();
    return look(decode);
  };
  start().catch(() => {
    if (!stopped) events.onProblem('failed');
  });
  return stop;
}
