import { Image, Text } from '@tarojs/components';
import type { ImageStatus } from '@linli/shared';
import { useI18n } from '../../i18n';

export interface PictureProps {
  src: string;
  alt: string;
  className: string;
  id?: string;
  /** `cover` fills the box (thumbnails, banners); `contain` shows the whole picture (review, enlarged). */
  fit?: 'cover' | 'contain';
}

/**
 * One lazily loaded picture: in the browser a plain `<img loading="lazy">` with its alt text (what
 * screen readers and end-to-end tests see); in WeChat Taro's `Image` with `lazyLoad`.
 */
export function Picture({ src, alt, className, id, fit = 'cover' }: PictureProps) {
  if (process.env.TARO_ENV === 'h5') {
    return (
      <img
        id={id}
        className={`${className} picture picture--${fit}`}
        src={src}
        alt={alt}
        loading="lazy"
        decoding="async"
      />
    );
  }
  return (
    <Image
      id={id}
      className={`${className} picture`}
      src={src}
      mode={fit === 'cover' ? 'aspectFill' : 'aspectFit'}
      lazyLoad
      ariaLabel={alt}
    />
  );
}

/** 「审核中」 / 「待人工审核」 on a photo only its uploader and staff see yet; nothing once it may be seen. */
export function ImageStatusBadge({ status }: { status: ImageStatus | undefined }) {
  const { t } = useI18n();
  if (status !== 'checking' && status !== 'under_review') return null;
  return <Text className={`image-status image-status--${status}`}>{t(`photos.status.${status}`)}</Text>;
}
