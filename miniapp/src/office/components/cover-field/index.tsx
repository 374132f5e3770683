import type { ImageView } from '@linli/shared';
import ImageUploader from '../../../components/image-uploader';
import { useI18n } from '../../../i18n';

/** An activity's cover photo (none or one), on 发布活动 and when an activity is changed. */
export default function CoverField({
  id,
  communityId,
  title,
  value,
  onChange,
  onBusyChange,
}: {
  id: string;
  communityId: string;
  /** The activity's title as typed, for the photo's alt text. */
  title: string;
  value: ImageView[];
  onChange: (cover: ImageView[]) => void;
  onBusyChange: (busy: boolean) => void;
}) {
  const { t } = useI18n();
  return (
    <ImageUploader
      id={id}
      communityId={communityId}
      purpose="activity_cover"
      max={1}
      value={value}
      onChange={onChange}
      onBusyChange={onBusyChange}
      label={t('photos.cover')}
      hint={t('photos.coverHint')}
      subject={title.trim() || undefined}
    />
  );
}
