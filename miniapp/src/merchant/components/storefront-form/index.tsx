import { View } from '@tarojs/components';
import { useState } from 'react';
import { contracts, type ImageView, type MerchantDetail } from '@linli/shared';
import { request } from '../../../api';
import ActionOutcome from '../../../components/action-outcome';
import ImageUploader from '../../../components/image-uploader';
import SubmitButton from '../../../components/submit-button';
import { useAction } from '../../../hooks/action';
import { useI18n } from '../../../i18n';

/**
 * The storefront photo (one): saved as soon as it has uploaded, or taken off with its × — no
 * separate save step. A failed save keeps the photo and offers 重试.
 */
export default function StorefrontForm({
  communityId,
  merchant,
  onSaved,
}: {
  communityId: string;
  merchant: MerchantDetail;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const [photos, setPhotos] = useState<ImageView[]>(() => (merchant.storefront ? [merchant.storefront] : []));
  const action = useAction();
  const save = async (next: readonly ImageView[]) => {
    const imageId = next[0]?.id ?? null;
    // A fresh idempotency key each time: setting the photo is idempotent, and the photo may differ.
    const done = await action.run(async () => {
      await request(contracts.putMerchantStorefront, {
        params: { cid: communityId, mid: merchant.id },
        body: { imageId },
      });
      return imageId ? t('photos.storefrontSaved') : t('photos.storefrontRemoved');
    });
    if (done) onSaved();
  };
  const failed = action.outcome && !action.outcome.ok;
  return (
    <View className="card" id="storefront-form">
      <ImageUploader
        id="storefront-photo"
        communityId={communityId}
        purpose="storefront"
        max={1}
        value={photos}
        onChange={(next) => {
          setPhotos(next);
          void save(next);
        }}
        label={t('photos.storefront')}
        hint={t('photos.storefrontHint')}
        subject={merchant.name}
      />
      <ActionOutcome id="storefront" outcome={action.outcome} />
      {failed ? (
        <SubmitButton id="storefront-retry" busy={action.busy} onClick={() => save(photos)}>
          {t('common.retry')}
        </SubmitButton>
      ) : null}
    </View>
  );
}
