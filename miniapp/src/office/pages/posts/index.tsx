import { Button, Text } from '@tarojs/components';
import { useState } from 'react';
import { contracts, type MerchantPost } from '@linli/shared';
import { request } from '../../../api';
import ActionOutcome from '../../../components/action-outcome';
import ChoiceTabs from '../../../components/choice-tabs';
import PostCard from '../../../components/post-card';
import DecisionQueue, { type Decision } from '../../components/decision-queue';
import ImageReviewQueue from '../../components/image-review-queue';
import OfficeLayout from '../../components/office-layout';
import ReasonPrompt from '../../components/reason-prompt';
import { useI18n } from '../../../i18n';

type Board = 'held' | 'active' | 'images';

/**
 * The merchants' board: posts WeChat's content check held for review (release or take down), the
 * board as residents see it (take down a post that breaks the rules, with the reason), and photos
 * the check held (图片: release or delete).
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
            ]}
          />
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
