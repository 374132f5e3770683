import { View } from '@tarojs/components';
import { useState } from 'react';
import { contracts, MAX_EVIDENCE_IMAGES, type Activity, type ImageView } from '@linli/shared';
import { request } from '../../../api';
import ActionOutcome from '../../../components/action-outcome';
import ImageUploader from '../../../components/image-uploader';
import SubmitButton from '../../../components/submit-button';
import { useAction } from '../../../hooks/action';
import { useI18n } from '../../../i18n';

/**
 * Photos of the event, attached by staff once the activity has ended (the API answers
 * `activity.not_ended` before): 保存 replaces the earlier set with the photos shown.
 */
export default function EvidenceForm({ activity, onSaved }: { activity: Activity; onSaved: () => void }) {
  const { t } = useI18n();
  const [photos, setPhotos] = useState<ImageView[]>(() => activity.evidence ?? []);
  const [uploading, setUploading] = useState(false);
  const action = useAction();
  const save = async () => {
    if (uploading) return action.fail(t('photos.stillUploading'));
    const done = await action.run(async (idempotencyKey) => {
      await request(contracts.putActivityEvidence, {
        params: { cid: activity.communityId, aid: activity.id },
        body: { imageIds: photos.map((photo) => photo.id) },
        idempotencyKey,
      });
      return t('photos.evidenceSaved');
    });
    if (done) onSaved();
  };
  return (
    <View className="card" id="manage-evidence">
      <ImageUploader
        id="evidence-photos"
        communityId={activity.communityId}
        purpose="activity_evidence"
        max={MAX_EVIDENCE_IMAGES}
        value={photos}
        onChange={setPhotos}
        onBusyChange={setUploading}
        label={t('photos.evidence')}
        hint={t('photos.evidenceHint')}
        subject={activity.title}
      />
      <ActionOutcome id="evidence" outcome={action.outcome} />
      <SubmitButton id="evidence-save" busy={action.busy} onClick={save}>
        {t('photos.evidenceSave')}
      </SubmitButton>
    </View>
  );
}
