import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { contracts } from '@linli/shared';
import { request, useApi } from '../../../api';
import ActivityCard from '../../../components/activity-card';
import ActivityState from '../../components/activity-state';
import ImageGallery from '../../../components/image-gallery';
import CheckinForm from '../../components/checkin-form';
import SignupPanel from '../../components/signup-panel';
import PageLayout from '../../../components/page-layout';
import { useSession } from '../../../state/session';
import { useI18n } from '../../../i18n';

/** One activity: when and where, what it is about, 报名 (places per position), 签到 / 签退 and, after it, photos of the event. */
export default function ActivityPage() {
  const { t } = useI18n();
  const activityId = useRouter().params.id ?? '';
  const { token, communityId } = useSession();
  const activity = useApi(token && communityId && activityId ? `activity:${communityId}:${activityId}` : null, () =>
    request(contracts.getActivity, { params: { cid: communityId ?? '', aid: activityId } }),
  );

  return (
    <PageLayout
      title="activity.title"
      requires="community"
      loading={activity.loading}
      error={activity.error}
      onRetry={activity.reload}
    >
      {activity.data ? (
        <>
          <ActivityState communityId={communityId ?? ''} activity={activity.data} />
          <ActivityCard activity={activity.data}>
            {activity.data.description ? <Text>{activity.data.description}</Text> : null}
          </ActivityCard>
          {activity.data.evidence?.length ? (
            <View className="card" id="activity-evidence">
              <Text className="card__label">{t('photos.evidence')}</Text>
              <ImageGallery
                id="activity-evidence-photos"
                images={activity.data.evidence}
                subject={t('photos.evidence')}
              />
            </View>
          ) : null}
          {activity.data.status === 'cancelled' ? (
            <View className="notice" id="activity-cancelled">
              {t('activity.cancelledHint')}
            </View>
          ) : (
            <>
              <SignupPanel communityId={communityId ?? ''} activity={activity.data} onChanged={activity.reload} />
              <CheckinForm communityId={communityId ?? ''} activityId={activity.data.id} />
            </>
          )}
        </>
      ) : null}
    </PageLayout>
  );
}
