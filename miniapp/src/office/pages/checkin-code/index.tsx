import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { contracts } from '@linli/shared';
import { request, useApi } from '../../../api';
import LiveQr from '../../../components/live-qr';
import OfficeLayout from '../../components/office-layout';
import { useLiveCode } from '../../../hooks/live-code';
import { describeError, useI18n } from '../../../i18n';

/** How often the screen asks for the current code; the server rotates it every `stepSeconds` (30 s). */
const REFRESH_EVERY_MS = 10_000;

/** The screen at the activity: a rotating QR to scan and the same code as 6 big digits. */
export default function CheckinCodePage() {
  const activityId = useRouter().params.id ?? '';
  return (
    <OfficeLayout title="checkinCode.title">
      {({ communityId }) => <CheckinCode communityId={communityId} activityId={activityId} />}
    </OfficeLayout>
  );
}

function CheckinCode({ communityId, activityId }: { communityId: string; activityId: string }) {
  const { t } = useI18n();
  const params = { cid: communityId, aid: activityId };
  const activity = useApi(`activity:${communityId}:${activityId}`, () => request(contracts.getActivity, { params }));
  const live = useLiveCode(
    `checkin-code:${communityId}:${activityId}`,
    () => request(contracts.getCheckinCode, { params }),
    REFRESH_EVERY_MS,
  );
  const stale = live.error !== undefined && live.secondsLeft === 0;

  return (
    <View className="checkin-screen">
      {activity.data ? (
        <Text className="checkin-screen__title" id="checkin-activity-title">
          {activity.data.title}
        </Text>
      ) : null}
      {live.code && !stale ? (
        <LiveQr id="checkin-qr" value={live.code.qr} secondsLeft={live.secondsLeft}>
          <Text className="card__label">{t('checkinCode.orType')}</Text>
          <Text className="checkin-screen__digits" id="checkin-code-digits">
            {live.code.code}
          </Text>
        </LiveQr>
      ) : (
        <View className="card" id="checkin-code-waiting">
          <Text className={live.error ? 'form-error' : ''}>
            {live.error ? describeError(t, live.error) : t('common.loading')}
          </Text>
        </View>
      )}
      <Text className="card__hint">{t('checkinCode.hint')}</Text>
    </View>
  );
}
