import { useRouter } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { contracts, type MemberView } from '@linli/shared';
import { request, useApi } from '../../../api';
import ActionOutcome from '../../../components/action-outcome';
import ActivityCard from '../../../components/activity-card';
import SubmitButton from '../../../components/submit-button';
import MemberPicker from '../../components/member-picker';
import OfficeLayout from '../../components/office-layout';
import { useAction } from '../../../hooks/action';
import { describeError, useI18n } from '../../../i18n';
import { accessibleName } from '../../../components/accessible-name';

const MAX_MINUTES = 24 * 60;

/** Office entry: hours for a resident who could not scan; another staff member approves them. */
export default function OfficeAttendancePage() {
  const activityId = useRouter().params.activityId ?? '';
  return (
    <OfficeLayout title="attendance.title">
      {({ communityId }) => <AttendanceForm communityId={communityId} activityId={activityId} />}
    </OfficeLayout>
  );
}

function AttendanceForm({ communityId, activityId }: { communityId: string; activityId: string }) {
  const { t } = useI18n();
  const params = { cid: communityId, aid: activityId };
  const activity = useApi(`activity:${communityId}:${activityId}`, () => request(contracts.getActivity, { params }));
  const [member, setMember] = useState<MemberView>();
  const [minutes, setMinutes] = useState('');
  const [note, setNote] = useState('');
  const action = useAction();

  const submit = async () => {
    if (action.busy) return;
    const minutesNumber = Number(minutes);
    if (!member) return action.fail(t('attendance.memberRequired'));
    if (!Number.isInteger(minutesNumber) || minutesNumber < 1 || minutesNumber > MAX_MINUTES) {
      return action.fail(t('attendance.minutesInvalid'));
    }
    const trimmedNote = note.trim();
    const done = await action.run(async (idempotencyKey) => {
      await request(contracts.recordOfficeAttendance, {
        params,
        body: { memberId: member.id, minutes: minutesNumber, ...(trimmedNote ? { note: trimmedNote } : {}) },
        idempotencyKey,
      });
      return t('attendance.done', { name: member.displayName, minutes: minutesNumber });
    });
    if (done) {
      setMember(undefined);
      setMinutes('');
      setNote('');
    }
  };

  return (
    <>
      {activity.data ? <ActivityCard activity={activity.data} /> : null}
      {activity.error ? <Text className="form-error">{describeError(t, activity.error)}</Text> : null}
      <View className="card" id="attendance-form">
        <MemberPicker communityId={communityId} selected={member} onSelect={setMember} />
        <View className="field">
          <Text className="field__label">{t('attendance.minutes')}</Text>
          <Input
            {...accessibleName(t('attendance.minutes'))}
            id="attendance-minutes"
            className="field__input"
            type="number"
            value={minutes}
            placeholder={t('attendance.minutesPlaceholder')}
            maxlength={4}
            onInput={(event) => setMinutes(event.detail.value.replace(/\D/g, ''))}
          />
        </View>
        <View className="field">
          <Text className="field__label">{t('attendance.note')}</Text>
          <Input
            {...accessibleName(t('attendance.note'))}
            id="attendance-note"
            className="field__input"
            value={note}
            placeholder={t('attendance.notePlaceholder')}
            maxlength={200}
            onInput={(event) => setNote(event.detail.value)}
          />
        </View>
        <Text className="card__hint">{t('attendance.secondStaff')}</Text>
        <SubmitButton id="attendance-submit" busy={action.busy} onClick={submit}>
          {t('attendance.submit')}
        </SubmitButton>
        <ActionOutcome id="attendance" outcome={action.outcome} />
      </View>
    </>
  );
}
