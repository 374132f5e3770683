import { Button, Text, View } from '@tarojs/components';
import { useEffect, useRef } from 'react';
import { IMAGE_CONTENT_TYPES, type ImagePurpose, type ImageView } from '@linli/shared';
import type { ChosenImage } from '../../api/image-upload';
import { useI18n } from '../../i18n';
import { ImageStatusBadge, Picture } from '../image-gallery';
import { chooseInWeChat, chosenFromFiles, useUploads, type PendingPhoto } from './uploads';

export interface ImageUploaderProps {
  /** `#<id>` of the uploader; `#<id>-input` is the browser's file input, `#<id>-add` the 添加照片 tile. */
  id: string;
  communityId: string;
  purpose: ImagePurpose;
  max: number;
  /** The uploaded photos, in order: what the form sends (their ids). */
  value: readonly ImageView[];
  onChange: (images: ImageView[]) => void;
  /** Told whether photos are still on their way (or failed and not dropped), so the form can wait. */
  onBusyChange?: (busy: boolean) => void;
  label?: string;
  hint?: string;
  /** What the photos show, for their alt text. */
  subject?: string;
}

/**
 * Choose photos and upload them straight to storage: thumbnails with their review badge and a ×
 * each, a large 添加照片 tile while fewer than `max`, 上传中… per photo, and a failure with 重试.
 * JPEG, PNG or WebP of at most 5 MiB only — anything else is refused before a request is made.
 */
export default function ImageUploader(props: ImageUploaderProps) {
  const { id, value, max, label, hint, subject, onBusyChange } = props;
  const { t } = useI18n();
  const uploads = useUploads(props);
  const busy = uploads.pending.length > 0;
  useEffect(() => onBusyChange?.(busy), [busy, onBusyChange]);
  const altOf = (index: number) =>
    t('photos.alt', { subject: subject ?? t('photos.photo'), index: index + 1, count: value.length });
  return (
    <View className="field image-uploader" id={id}>
      {label ? <Text className="field__label">{label}</Text> : null}
      <View className="image-uploader__tiles">
        {value.map((image, index) => (
          <View className="image-uploader__tile image-uploader__photo" key={image.id}>
            <Picture className="image-uploader__thumb" src={image.thumbUrl} alt={altOf(index)} />
            <ImageStatusBadge status={image.status} />
            <RemoveButton label={t('photos.remove', { index: index + 1 })} onClick={() => uploads.remove(image.id)} />
          </View>
        ))}
        {uploads.pending.map((photo) => (
          <PendingTile
            key={photo.key}
            photo={photo}
            onRetry={() => uploads.retry(photo.key)}
            onDismiss={() => uploads.dismiss(photo.key)}
          />
        ))}
        {uploads.room > 0 ? <AddTile id={id} room={uploads.room} multiple={max > 1} onChoose={uploads.add} /> : null}
      </View>
      {uploads.notice ? (
        <Text className="form-error image-uploader__notice" id={`${id}-notice`}>
          {uploads.notice}
        </Text>
      ) : null}
      {hint ? <Text className="card__hint">{hint}</Text> : null}
      <Text className="card__hint">{t('photos.rules', { max })}</Text>
    </View>
  );
}

function RemoveButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <View className="image-uploader__remove" role="button" aria-label={label} onClick={onClick}>
      ×
    </View>
  );
}

function PendingTile({
  photo,
  onRetry,
  onDismiss,
}: {
  photo: PendingPhoto;
  onRetry: () => void;
  onDismiss: () => void;
}) {
  const { t } = useI18n();
  if (!photo.failure) {
    return (
      <View className="image-uploader__tile image-uploader__pending" aria-busy="true">
        <Text className="image-uploader__progress">{t('photos.uploading')}</Text>
      </View>
    );
  }
  return (
    <View className="image-uploader__failed" role="alert">
      <Text className="form-error image-uploader__error">{photo.failure.text}</Text>
      <View className="row">
        <Button className="button button--secondary image-uploader__dismiss" onClick={onDismiss}>
          {t('photos.dismiss')}
        </Button>
        {photo.failure.retryable ? (
          <Button className="button image-uploader__retry" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : null}
      </View>
    </View>
  );
}

/**
 * The 添加照片 tile: WeChat's album or camera in the mini-program; in the browser it opens a real
 * file input (`.image-uploader__input`, also where an end-to-end test sets its files).
 */
function AddTile({
  id,
  room,
  multiple,
  onChoose,
}: {
  id: string;
  room: number;
  multiple: boolean;
  onChoose: (images: ChosenImage[]) => unknown;
}) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const open = async () => {
    if (process.env.TARO_ENV === 'h5') input.current?.click();
    else onChoose(await chooseInWeChat(room));
  };
  return (
    <>
      <View className="image-uploader__tile image-uploader__add" id={`${id}-add`} role="button" onClick={open}>
        <Text className="image-uploader__plus">+</Text>
        <Text>{t('photos.add')}</Text>
      </View>
      {process.env.TARO_ENV === 'h5' ? (
        <input
          ref={input}
          id={`${id}-input`}
          className="image-uploader__input"
          type="file"
          accept={IMAGE_CONTENT_TYPES.join(',')}
          multiple={multiple}
          aria-label={t('photos.add')}
          onChange={(event) => {
            const files = Array.from(event.target.files ?? []);
            event.target.value = '';
            onChoose(chosenFromFiles(files));
          }}
        />
      ) : null}
    </>
  );
}
