import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { contracts, type Activity, type DonationMessage, type MerchantPost } from '@linli/shared';
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
import { formatYuan } from '../../../format/market';
import { formatDateTime } from '../../../format/time';

type Board = 'held' | 'active' | 'images' | 'activities' | 'messages';

/**
 * The merchants' board: posts WeChat's content check held for review (release or take down), the
 * board as residents see it (take down a post that breaks the rules, with the reason), and photos
 * the check held (图片: release or delete), team leaders' activities it held (活动: release, or open it to
 * cancel) and donors' messages it held (捐赠留言: release onto the fund page, or remove).
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
              { value: 'messages', label: t('messageReview.tab') },
            ]}
          />
          {board === 'messages' ? <DonationMessageQueue communityId={communityId} /> : null}
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

/** Donors' messages WeChat's check held (待审核), oldest first, and those shown now (已公示: still removable). */
function DonationMessageQueue({ communityId }: { communityId: string }) {
  const { t } = useI18n();
  const [status, setStatus] = useState<'under_review' | 'released'>('under_review');
  return (
    <>
      <ChoiceTabs
        idPrefix="messages-status"
        value={status}
        onChange={setStatus}
        choices={[
          { value: 'under_review', label: t('posts.held') },
          { value: 'released', label: t('messageReview.shown') },
        ]}
      />
      <DecisionQueue
        key={status}
        communityId={communityId}
        listId={`office-messages-${status}-list`}
        listKey={`office-messages:${status}:${communityId}`}
        loadPage={(cursor) =>
          request(contracts.listDonationMessageReviews, { params: { cid: communityId }, query: { status, cursor } })
        }
        empty={status === 'released' ? 'messageReview.shownEmpty' : 'messageReview.empty'}
        renderItem={(message, decision) => <MessageDecisionCard message={message} decision={decision} />}
      />
    </>
  );
}

/** A donor's message held for review: 放行 shows it beside the donation on the fund page; 移除 with a reason. */
function MessageDecisionCard({ message, decision }: { message: DonationMessage; decision: Decision }) {
  const { t, language } = useI18n();
  const params = { cid: decision.communityId, messageId: message.id };
  const release = () =>
    decision.decide(() => request(contracts.releaseDonationMessage, { params }), t('messageReview.released'));
  const remove = (reason: string) =>
    decision.decide(
      () => request(contracts.removeDonationMessage, { params, body: { reason } }),
      t('messageReview.removed'),
    );
  return (
    <View className="card" id={`donation-message-${message.id}`}>
      <Text className="card__value">
        {t('messageReview.donation', { name: message.donorName, amount: formatYuan(message.amountFen) })}
      </Text>
      {message.anonymous ? <Text className="card__hint">{t('messageReview.anonymous')}</Text> : null}
      <Text className="ledger-row__memo">{message.text}</Text>
      <Text className="card__hint">{formatDateTime(message.createdAt, language)}</Text>
      {message.status === 'under_review' ? (
        <Button id={`message-release-${message.id}`} className="button" onClick={release}>
          {t('posts.release')}
        </Button>
      ) : null}
      <ReasonPrompt
        id={`message-remove-${message.id}`}
        label={t('messageReview.remove')}
        placeholder={t('messageReview.reasonPlaceholder')}
        danger
        busy={decision.busy}
        onConfirm={remove}
      />
      <ActionOutcome id={`message-remove-${message.id}`} outcome={decision.outcome} />
    </View>
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
