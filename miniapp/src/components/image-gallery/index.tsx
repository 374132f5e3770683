import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import type { ImageView } from '@linli/shared';
import { useI18n } from '../../i18n';
import { ImageStatusBadge, Picture } from './picture';

export { ImageStatusBadge, Picture } from './picture';

/** `small`: a row of square thumbnails; `cover`: one wide banner; `large`: big enough to judge (the review queue). */
export type GallerySize = 'small' | 'cover' | 'large';

export interface ImageGalleryProps {
  images: readonly ImageView[];
  /** `#<id>` of the gallery. */
  id?: string;
  /** What the photos show, for their alt text (「手工草帽，第 1 张，共 3 张」); 「照片」 unless told. */
  subject?: string;
  size?: GallerySize;
}

/**
 * Photos as lazily loaded thumbnails (`.image-gallery__thumb`); a tap enlarges one: WeChat's own
 * viewer in the mini-program, a full-screen view in the browser (`.image-gallery__full`, a large
 * 关闭 `.image-gallery__close`, Escape closes, arrows or a swipe step through).
 */
export default function ImageGallery({ images, id, subject, size = 'small' }: ImageGalleryProps) {
  const { t } = useI18n();
  const [open, setOpen] = useState<number | null>(null);
  if (images.length === 0) return null;
  const altOf = (index: number) =>
    t('photos.alt', { subject: subject ?? t('photos.photo'), index: index + 1, count: images.length });
  const enlarge = (index: number) => {
    if (process.env.TARO_ENV === 'h5') setOpen(index);
    else void Taro.previewImage({ urls: images.map((image) => image.url), current: images[index]?.url });
  };
  return (
    <View className={`image-gallery image-gallery--${size}`} id={id}>
      {images.map((image, index) => (
        <View
          key={image.id}
          className="image-gallery__item"
          role="button"
          aria-label={t('photos.enlarge', { alt: altOf(index) })}
          onClick={(event) => {
            // Inside a card that opens or expands on a tap: enlarge the photo only.
            event.stopPropagation();
            enlarge(index);
          }}
        >
          <Picture
            className="image-gallery__thumb"
            src={image.thumbUrl}
            alt={altOf(index)}
            fit={size === 'large' ? 'contain' : 'cover'}
          />
          <ImageStatusBadge status={image.status} />
        </View>
      ))}
      {open !== null ? (
        <FullImage images={images} index={open} altOf={altOf} onShow={setOpen} onClose={() => setOpen(null)} />
      ) : null}
    </View>
  );
}

interface FullImageProps {
  images: readonly ImageView[];
  index: number;
  altOf: (index: number) => string;
  onShow: (index: number) => void;
  onClose: () => void;
}

const SWIPE_PIXELS = 50;

/** The browser's enlarged photo over the whole page: 关闭 at the top, ‹ › below when there are several. */
function FullImage({ images, index, altOf, onShow, onClose }: FullImageProps) {
  const { t } = useI18n();
  const count = images.length;
  const touchStart = useRef<number | null>(null);
  const step = (delta: number) => count > 1 && onShow((index + delta + count) % count);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
      else if (event.key === 'ArrowLeft' && count > 1) onShow((index - 1 + count) % count);
      else if (event.key === 'ArrowRight' && count > 1) onShow((index + 1) % count);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [count, index, onClose, onShow]);

  const image = images[index];
  if (!image) return null;
  return (
    <View
      className="image-gallery__overlay"
      role="dialog"
      aria-modal="true"
      aria-label={altOf(index)}
      onClick={(event) => event.stopPropagation()}
    >
      <Button className="button image-gallery__close" onClick={onClose}>
        {t('photos.close')}
      </Button>
      <img
        className="image-gallery__full"
        src={image.url}
        alt={altOf(index)}
        onTouchStart={(event) => (touchStart.current = event.touches[0]?.clientX ?? null)}
        onTouchEnd={(event) => {
          const moved = (event.changedTouches[0]?.clientX ?? 0) - (touchStart.current ?? 0);
          if (touchStart.current !== null && Math.abs(moved) > SWIPE_PIXELS) step(moved < 0 ? 1 : -1);
          touchStart.current = null;
        }}
      />
      {count > 1 ? (
        <View className="image-gallery__steps">
          <Button className="button button--secondary image-gallery__previous" onClick={() => step(-1)}>
            ‹ {t('photos.previous')}
          </Button>
          <Text className="image-gallery__position">
            {index + 1} / {count}
          </Text>
          <Button className="button button--secondary image-gallery__next" onClick={() => step(1)}>
            {t('photos.next')} ›
          </Button>
        </View>
      ) : null}
    </View>
  );
}
