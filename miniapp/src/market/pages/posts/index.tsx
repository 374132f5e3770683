import { contracts } from '@linli/shared';
import { request } from '../../../api';
import PageLayout from '../../../components/page-layout';
import PagedListView from '../../../components/paged-list';
import PostCard from '../../../components/post-card';
import { usePagedList } from '../../../hooks/paged-list';
import { useSession } from '../../../state/session';
import { useI18n } from '../../../i18n';

/** The merchants' board: recruitment and promotions, newest first. */
export default function PostsPage() {
  const { t } = useI18n();
  const { token, communityId } = useSession();
  const posts = usePagedList(token && communityId ? `posts:${communityId}:${token}` : null, (cursor) =>
    request(contracts.listPosts, { params: { cid: communityId ?? '' }, query: { cursor } }),
  );
  return (
    <PageLayout title="posts.title" requires="community">
      <PagedListView
        id="posts-list"
        list={posts}
        empty={t('market.postsEmpty')}
        renderItem={(post) => <PostCard key={post.id} post={post} />}
      />
    </PageLayout>
  );
}
