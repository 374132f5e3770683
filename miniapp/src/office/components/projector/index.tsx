import { Button, Text, View } from '@tarojs/components';
import { useEffect, useRef, type ReactNode } from 'react';
import { useI18n } from '../../../i18n';
import './index.scss';

/**
 * The browser's full-screen mode around projector mode (H5 only): entered when the browser allows it,
 * left with it. `onLeft` runs when the browser leaves full screen by itself (it takes Esc for that).
 */
function useFullscreen(onLeft: () => void) {
  const latest = useRef(onLeft);
  useEffect(() => {
    latest.current = onLeft;
  });
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return undefined;
    let entered = false;
    const changed = () => {
      if (document.fullscreenElement) entered = true;
      else if (entered) latest.current();
    };
    document.addEventListener('fullscreenchange', changed);
    document.documentElement.requestFullscreen?.().catch(() => undefined);
    return () => {
      document.removeEventListener('fullscreenchange', changed);
      if (document.fullscreenElement) document.exitFullscreen?.().catch(() => undefined);
    };
  }, []);
}

/** Esc leaves projector mode (H5: a keyboard at the desk or the presenter's clicker). */
function useEscape(onEscape: () => void) {
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return undefined;
    const keydown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onEscape();
    };
    document.addEventListener('keydown', keydown);
    return () => document.removeEventListener('keydown', keydown);
  }, [onEscape]);
}

/**
 * Projector mode: `children` (a QR code) as the largest square that fits the window, under `title`, with a
 * big exit button in the corner; Esc exits too, and on H5 the browser goes full screen when it may.
 */
export default function Projector({
  id,
  title,
  aside,
  onExit,
  children,
}: {
  id: string;
  title: string;
  /** Beside the square when the screen is wider than tall (the code as digits, the countdown). */
  aside?: ReactNode;
  onExit: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  useFullscreen(onExit);
  useEscape(onExit);
  return (
    <View className="projector" id={id} role="dialog" aria-modal="true" aria-label={title}>
      <View className="projector__header">
        <Text className="projector__title" id={`${id}-title`}>
          {title}
        </Text>
        <Button id={`${id}-exit`} className="projector__exit" onClick={onExit}>
          {`✕ ${t('projector.exit')}`}
        </Button>
      </View>
      <View className="projector__body">
        <View className="projector__square">{children}</View>
        {aside ? <View className="projector__aside">{aside}</View> : null}
      </View>
      <Text className="projector__escape">{t('projector.escape')}</Text>
    </View>
  );
}
