import { contracts, type MerchantPost } from '@linli/shared';
import { request } from '../../../api';
import ActionOutcome from '../../../components/action-outcome';
import OfficeLayout from '../../components/office-layout';
import PagedListView from '../../../components/paged-list';
import PostCard from '../../../components/post-card';
import ReasonPrompt from '../../components/reason-prompt';
import { useAction } from '../../../hooks/action';
import { usePagedList } from '../../../hooks/paged-list';
import { useI18n } from '../../../i18n';

/** The merchants' board as residents see it; take down a post that breaks the rules, with the reason. */
export default function OfficePostsPage() {
  return (
    <OfficeLayout title="office.posts">{({ communityId }) => <PostBoard communityId={communityId} />}</OfficeLayout>
  );
}

function PostBoard({ communityId }: { communityId: string }) {
  const { t } = useI18n();
  const posts = usePagedList(`office-posts:${communityId}`, (cursor) =>
    request(contracts.listPosts, { params: { cid: communityId }, query: { cursor } }),
  );
  return (
    <PagedListView
      id="office-posts-list"
      list={posts}
      empty={t('market.postsEmpty')}
      renderItem={(post) => (
        <TakeDownCard
          key={post.id}
          communityId={communityId}
          post={post}
          onTakenDown={() => posts.removeWhere((item) => item.id === post.id)}
        />
      )}
    />
  );
}

function TakeDownCard({
  communityId,
  post,
  onTakenDown,
}: {
  communityId: string;
  post: MerchantPost;
  onTakenDown: () => void;
}) {
  const { t } = useI18n();
  const action = useAction();
  const takeDown = async (reason: string) => {
    const done = await action.run(async () => {
      await request(contracts.takeDownPost, { params: { cid: communityId, postId: post.id }, body: { reason } });
      return t('posts.takenDown');
    });
    if (done) onTakenDown();
  };
  return (
    <PostCard post={post}>
      <ReasonPrompt
        id={`post-take-down-${post.id}`}
        label={t('posts.takeDown')}
        placeholder={t('posts.reasonPlaceholder')}
        danger
        busy={action.busy}
        onConfirm={takeDown}
      />
      <ActionOutcome id={`post-take-down-${post.id}`} outcome={action.outcome} />
    </PostCard>
  );
}
