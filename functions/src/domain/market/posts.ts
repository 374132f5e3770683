import type { MerchantDetail, MerchantPost, PostRequest } from '@linli/shared';
import { AppError } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { ALLIANCE_STATUSES } from './merchants';
import type { PostStore } from './ports';

/** Recruitment and promotions, shown on the community board until they expire. */
/**
 * A merchant's post on the board. Its title and body go through the content check first
 * (`screening`: `hold` → it waits hidden, `under_review`, for staff to release or take down).
 */
export async function createPost(
  input: {
    communityId: string;
    merchant: MerchantDetail;
    request: PostRequest;
    screening: 'pass' | 'hold';
    now?: Date;
  },
  posts: PostStore,
): Promise<MerchantPost> {
  if (!ALLIANCE_STATUSES.includes(input.merchant.status)) {
    throw new AppError('merchant.inactive', 'Only alliance merchants in good standing may post');
  }
  const now = input.now ?? new Date();
  const post: MerchantPost = {
    id: newId(now.getTime()),
    merchantId: input.merchant.id,
    merchantName: input.merchant.name,
    kind: input.request.kind,
    title: input.request.title,
    body: input.request.body,
    expiresAt: new Date(input.request.expiresAt).toISOString(),
    status: input.screening === 'hold' ? 'under_review' : 'active',
    createdAt: now.toISOString(),
  };
  await posts.createPost(input.communityId, post);
  return post;
}

export async function takeDownPost(
  input: { communityId: string; postId: string; actorId: string; reason: string },
  posts: PostStore,
): Promise<MerchantPost> {
  const post = await posts.takeDown(
    input.communityId,
    input.postId,
    { by: input.actorId, at: new Date().toISOString(), reason: input.reason },
    {
      audit: {
        communityId: input.communityId,
        action: 'post.take_down',
        objectType: 'post',
        objectId: input.postId,
        after: { status: 'taken_down', reason: input.reason },
      },
    },
  );
  if (!post) throw new AppError('post.not_active', 'No such post on the board');
  return post;
}

/** Staff release a post the content check held (404-like `post.not_held` when it is not held). */
export async function releasePost(input: { communityId: string; postId: string; actorId: string }, posts: PostStore) {
  const post = await posts.release(input.communityId, input.postId, {
    audit: {
      communityId: input.communityId,
      action: 'post.release',
      objectType: 'post',
      objectId: input.postId,
      before: { status: 'under_review' },
      after: { status: 'active' },
      actorId: input.actorId,
    },
  });
  if (!post) throw new AppError('post.not_held', 'This post is not waiting for review');
  return post;
}
