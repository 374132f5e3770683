import { contracts, type MerchantPost } from '@linli/shared';
import { request } from '../../../api';
import ActionOutcome from '../../../components/action-outcome';
import PostCard from '../../../components/post-card';
import DecisionQueue, { type Decision } from '../../components/decision-queue';
import OfficeLayout from '../../components/office-layout';
import ReasonPrompt from '../../components/reason-prompt';
import { useI18n } from '../../../i18n';

/** The merchants' board as residents see it; take down a post that breaks the rules, with the reason. */
export default function OfficePostsPage() {
  return (
    <OfficeLayout title="office.posts">
      {({ communityId }) => (
        <DecisionQueue
          communityId={communityId}
          listId="office-posts-list"
          listKey={`office-posts:${communityId}`}
          loadPage={(cursor) => request(contracts.listPosts, { params: { cid: communityId }, query: { cursor } })}
          empty="market.postsEmpty"
          renderItem={(post, decision) => <TakeDownCard post={post} decision={decision} />}
        />
      )}
    </OfficeLayout>
  );
}

function TakeDownCard({ post, decision }: { post: MerchantPost; decision: Decision }) {
  const { t } = useI18n();
  const takeDown = (reason: string) =>
    decision.decide(
      () =>
        request(contracts.takeDownPost, { params: { cid: decision.communityId, postId: post.id }, body: { reason } }),
      t('posts.takenDown'),
    );
  return (
    <PostCard post={post}>
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
