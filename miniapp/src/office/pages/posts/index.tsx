import { Button, Text } from '@tarojs/components';
import { useState } from 'react';
import { contracts, type Activity, type MerchantPost } from '@linli/shared';
import { request } from '../../../api';
import ActionOutcome from '../../../components/action-outcome';
import ActivityCard from '../../../components/activity-card';
import { ROUTES, openPage } from '../../../routes';
import ChoiceTabs from '../../../components/choice-tabs';
import PostCard from '../../../components/post-card';
import DecisionQueue, { type Decision } from '../../components/decision-queue';
import ImageReviewQueue from '../../components/image-review-queue';
import OfficeLayout from '../../components/office-layout';
import ReasonPrompt from '../../components/reason-prompt';
import { useI18n } from '../../../i18n';

type Board = 'held' | 'active' | 'images' | 'activities';

/**
 * The merchants' board: posts WeChat's content check held for review (release or take down), the
 * board as residents see it (take down a post that breaks the rules, with the reason), and photos
 * the check held (图片: release or delete), and team leaders' activities it held (活动: release, or open it to cancel).
 */
export default function OfficePostsPage() {
  const { t } = useI18n();
  const [board, setBoard] = useState<Board>('held');
  return (
    <OfficeLayout title="office.posts">
      {({ communityId }) => (
        <>
          <ChoiceTabs
            idPrefix="posts-board"
            value={board}
            onChange={setBoard}
            choices={[
              { value: 'held', label: t('posts.held') },
              { value: 'active', label: t('posts.onBoard') },
              { value: 'images', label: t('imageReview.tab') },
              { value: 'activities', label: t('activityReview.tab') },
            ]}
          />
          {board === 'activities' ? (
            <DecisionQueue
              communityId={communityId}
              listId="office-held-activities-list"
              listKey={`office-held-activities:${communityId}`}
              loadPage={(cursor) =>
                request(contracts.listActivityReviews, { params: { cid: communityId }, query: { cursor } })
              }
              empty="activityReview.empty"
              renderItem={(activity, decision) => <ActivityDecisionCard activity={activity} decision={decision} />}
            />
          ) : null}
          {board === 'images' ? <ImageReviewQueue communityId={communityId} /> : null}
          {board === 'held' ? (
            <DecisionQueue
              communityId={communityId}
              listId="office-held-posts-list"
              listKey={`office-held-posts:${communityId}`}
              loadPage={(cursor) =>
                request(contracts.listHeldPosts, { params: { cid: communityId }, query: { cursor } })
              }
              empty="posts.heldEmpty"
              renderItem={(post, decision) => <PostDecisionCard post={post} decision={decision} held />}
            />
          ) : null}
          {board === 'active' ? (
            <DecisionQueue
              communityId={communityId}
              listId="office-posts-list"
              listKey={`office-posts:${communityId}`}
              loadPage={(cursor) => request(contracts.listPosts, { params: { cid: communityId }, query: { cursor } })}
              empty="market.postsEmpty"
              renderItem={(post, decision) => <PostDecisionCard post={post} decision={decision} />}
            />
          ) : null}
        </>
      )}
    </OfficeLayout>
  );
}

/** A team leader's activity held for review: 放行 shows it to residents; to refuse it, open it and cancel it. */
function ActivityDecisionCard({ activity, decision }: { activity: Activity; decision: Decision }) {
  const { t } = useI18n();
  const release = () =>
    decision.decide(
      () => request(contracts.releaseActivity, { params: { cid: decision.communityId, aid: activity.id } }),
      t('activityReview.released'),
    );
  return (
    <ActivityCard activity={activity} onOpen={() => openPage(ROUTES.officeActivity, { id: activity.id })}>
      <Button id={`activity-release-${activity.id}`} className="button" onClick={release}>
        {t('posts.release')}
      </Button>
    </ActivityCard>
  );
}

function PostDecisionCard({ post, decision, held }: { post: MerchantPost; decision: Decision; held?: boolean }) {
  const { t } = useI18n();
  const params = { cid: decision.communityId, postId: post.id };
  const takeDown = (reason: string) =>
    decision.decide(() => request(contracts.takeDownPost, { params, body: { reason } }), t('posts.takenDown'));
  const release = () => decision.decide(() => request(contracts.releasePost, { params }), t('posts.released'));
  return (
    <PostCard post={post}>
      {held ? <Text className="tag tag--amber">{t('posts.heldTag')}</Text> : null}
      {held ? (
        <Button id={`post-release-${post.id}`} className="button" onClick={release}>
          {t('posts.release')}
        </Button>
      ) : null}
      <ReasonPrompt
        id={`post-take-down-${post.id}`}
        label={t('posts.takeDown')}
        placeholder={t('posts.reasonPlaceholder')}
        danger
        busy={decision.busy}
        onConfirm={takeDown}
      />
      <ActionOutcome id={`post-take-down-${post.id}`} outcome={decision.outcome} />
    </PostCard>
  );
}
