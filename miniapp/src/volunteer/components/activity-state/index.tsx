import { Text, View } from '@tarojs/components';
import { contracts, type Activity, type MyAttendance } from '@linli/shared';
import { request, useApi } from '../../../api';
import { formatDateTime } from '../../../format/time';
import { useI18n } from '../../../i18n';

export type ActivityPhase = 'not_started' | 'running' | 'ended' | 'cancelled';

/** Where an activity stands at `now`: cancelled, not started, running (start ≤ now ≤ end) or ended. */
export function activityPhase(activity: Pick<Activity, 'status' | 'startsAt' | 'endsAt'>, now: number): ActivityPhase {
  if (activity.status === 'cancelled') return 'cancelled';
  if (now < Date.parse(activity.startsAt)) return 'not_started';
  return now <= Date.parse(activity.endsAt) ? 'running' : 'ended';
}

/**
 * 尚未开始 / 进行中 / 已结束 and, for the reader, 已签到 or 已签退 with the time (issue 21: after
 * checking in, a reload showed nothing of it). Read from the API, so a reload shows the truth;
 * refreshed after the check-in like every open screen (`dataChanged`).
 */
export default function ActivityState({ communityId, activity }: { communityId: string; activity: Activity }) {
  const { t, language } = useI18n();
  const mine = useApi(`my-signup:${communityId}:${activity.id}`, () =>
    request(contracts.getMySignup, { params: { cid: communityId, aid: activity.id } }),
  );
  const phase = activityPhase(activity, Date.now());
  const attendance: MyAttendance | null | undefined = mine.data?.attendance;
  return (
    <View className={`card activity-state activity-state--${phase}`} id="activity-state">
      <Text className="card__value" id="activity-phase">
        {t(`activity.phase.${phase}`)}
      </Text>
      {attendance ? (
        <Text className="badge" id="activity-my-attendance">
          {attendance.checkedOutAt
            ? t('activity.checkedOut', { time: formatDateTime(attendance.checkedOutAt, language) })
            : t('activity.checkedIn', { time: formatDateTime(attendance.checkedInAt, language) })}
        </Text>
      ) : null}
    </View>
  );
}
