import { Text, View } from '@tarojs/components';
import { contracts, type ImageReview } from '@linli/shared';
import { request } from '../../../api';
import ActionOutcome from '../../../components/action-outcome';
import ImageGallery from '../../../components/image-gallery';
import SubmitButton from '../../../components/submit-button';
import { formatDateTime } from '../../../format/time';
import { useI18n } from '../../../i18n';
import DecisionQueue, { type Decision } from '../decision-queue';
import ReasonPrompt from '../reason-prompt';

/**
 * Photos WeChat's check held for a person (it asked for a review, or could not be reached), oldest
 * first: each large enough to judge (tap to enlarge), what it is for, who uploaded it and why it is
 * held, with 放行 and 删除 (with a reason).
 */
export default function ImageReviewQueue({ communityId }: { communityId: string }) {
  return (
    <DecisionQueue
      communityId={communityId}
      listId="office-image-reviews"
      listKey={`office-image-reviews:${communityId}`}
      loadPage={(cursor) => request(contracts.listImageReviews, { params: { cid: communityId }, query: { cursor } })}
      empty="imageReview.empty"
      leaveAfterMilliseconds={800}
      renderItem={(image, decision) => <ImageReviewCard image={image} decision={decision} />}
    />
  );
}

function ImageReviewCard({ image, decision }: { image: ImageReview; decision: Decision }) {
  const { t, language } = useI18n();
  const params = { cid: decision.communityId, imageId: image.id };
  const purpose = t(`imageReview.purpose.${image.purpose}`);
  const release = () => decision.decide(() => request(contracts.releaseImage, { params }), t('imageReview.released'));
  const remove = (reason: string) =>
    decision.decide(() => request(contracts.removeImage, { params, body: { reason } }), t('imageReview.removed'));
  return (
    <View className="card image-review" id={`image-review-${image.id}`}>
      <ImageGallery id={`image-review-${image.id}-photo`} images={[image]} subject={purpose} size="large" />
      <View className="tags">
        <Text className="tag">{purpose}</Text>
        <Text className="tag tag--amber" id={`image-review-${image.id}-held`}>
          {t(`imageReview.held.${image.heldBecause}`)}
        </Text>
      </View>
      <Text className="card__hint">
        {t('imageReview.uploadedBy', { member: image.uploaderName ?? image.uploadedBy })}
      </Text>
      <Text className="card__hint">
        {t('imageReview.uploadedAt', { time: formatDateTime(image.createdAt, language) })}
      </Text>
      <View className="row">
        <ReasonPrompt
          id={`image-remove-${image.id}`}
          label={t('imageReview.remove')}
          placeholder={t('imageReview.removePlaceholder')}
          danger
          busy={decision.busy}
          onConfirm={remove}
        />
        <SubmitButton id={`image-release-${image.id}`} busy={decision.busy} onClick={release}>
          {t('imageReview.release')}
        </SubmitButton>
      </View>
      <ActionOutcome id={`image-review-${image.id}`} outcome={decision.outcome} />
    </View>
  );
}
