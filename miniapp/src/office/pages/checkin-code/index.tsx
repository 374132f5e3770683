import { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { useCallback, useState } from 'react';
import { contracts } from '@linli/shared';
import { request, useApi } from '../../../api';
import LiveQr from '../../../components/live-qr';
import OfficeLayout from '../../components/office-layout';
import Projector from '../../components/projector';
import QrView from '../../../components/qr-view';
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
  const [projecting, setProjecting] = useState(false);
  const stopProjecting = useCallback(() => setProjecting(false), []);

  if (projecting && live.code && !stale) {
    return (
      <Projector
        id="checkin-projector"
        title={activity.data?.title ?? t('checkinCode.title')}
        onExit={stopProjecting}
        aside={
          <>
            <Text className="card__label">{t('checkinCode.orType')}</Text>
            <Text className="checkin-screen__digits" id="checkin-projector-digits">
              {live.code.code}
            </Text>
            <Text className="live-qr__countdown">
              {live.secondsLeft > 0 ? t('live.refreshesIn', { seconds: live.secondsLeft }) : t('live.refreshing')}
            </Text>
          </>
        }
      >
        <QrView id="checkin-qr" value={live.code.qr} />
      </Projector>
    );
  }

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
      {live.code && !stale ? (
        <Button id="checkin-projector-open" className="button button--secondary" onClick={() => setProjecting(true)}>
          {t('projector.open')}
        </Button>
      ) : null}
      <Text className="card__hint">{t('checkinCode.hint')}</Text>
    </View>
  );
}
