import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { contracts, parseCheckinQr, type Attendance, type Claim } from '@linli/shared';
import { request } from '../../../api';
import { useAction } from '../../../hooks/action';
import { useQrScan } from '../../../hooks/qr-scan';
import { useSubscribeMessages } from '../../../hooks/subscribe-messages';
import { useI18n, type Translate } from '../../../i18n';
import ActionOutcome from '../../../components/action-outcome';
import ChoiceTabs from '../../../components/choice-tabs';
import SubmitButton from '../../../components/submit-button';
import { accessibleName } from '../../../components/accessible-name';

type Direction = 'in' | 'out';

/**
 * 签到 / 签退 for one activity: scan the rotating QR (WeChat's scanner on weapp, the camera in a
 * browser), or type the 6-digit code shown beside it (everywhere, and the way without a camera). The answer is told in plain words, errors included.
 */
export default function CheckinForm({ communityId, activityId }: { communityId: string; activityId: string }) {
  const { t } = useI18n();
  const [direction, setDirection] = useState<Direction>('in');
  const [code, setCode] = useState('');
  const action = useAction();
  const askToNotify = useSubscribeMessages();
  const scanner = useQrScan('checkin-scanner');

  const send = async (proof: { token: string } | { code: string }) => {
    if (action.busy) return;
    if (direction === 'out') askToNotify(['claim_decided', 'certificate_issued']);
    const done = await action.run(async () => {
      const answer = await request(contracts.checkin, {
        params: { cid: communityId },
        body: { activityId, direction, ...proof },
      });
      return successText(t, direction, answer);
    });
    if (done) setCode('');
  };

  const submitCode = () => {
    if (!/^\d{6}$/.test(code)) {
      action.fail(t('checkin.codeRequired'));
      return;
    }
    void send({ code });
  };

  const scan = async () => {
    const scanned = await scanner.scan();
    if (scanned === undefined) return; // the person closed the camera
    const parsed = parseCheckinQr(scanned);
    if (!parsed) action.fail(t('checkin.notACheckinQr'));
    else if (parsed.activityId !== activityId) action.fail(t('checkin.otherActivity'));
    else void send({ token: parsed.token });
  };

  return (
    <View className="card" id="checkin-form">
      <Text className="card__label">{t('checkin.direction')}</Text>
      <ChoiceTabs
        idPrefix="checkin-direction"
        value={direction}
        onChange={(value) => {
          setDirection(value);
          action.clear();
        }}
        choices={[
          { value: 'in', label: t('checkin.in') },
          { value: 'out', label: t('checkin.out') },
        ]}
      />
      <Button id="checkin-scan" className="button" onClick={scan}>
        {direction === 'in' ? t('checkin.scanIn') : t('checkin.scanOut')}
      </Button>
      {scanner.view}
      <CodeField code={code} onChange={setCode} onConfirm={submitCode} />
      <SubmitButton
        id="checkin-submit"
        busy={action.busy}
        className={action.busy ? 'button' : 'button button--secondary'}
        onClick={submitCode}
      >
        {action.busy ? t('checkin.sending') : direction === 'in' ? t('checkin.submitIn') : t('checkin.submitOut')}
      </SubmitButton>
      <ActionOutcome id="checkin" outcome={action.outcome} />
    </View>
  );
}

/** The 6-digit code shown beside the QR (`#checkin-code`): digits only; Enter sends it. */
function CodeField({
  code,
  onChange,
  onConfirm,
}: {
  code: string;
  onChange: (code: string) => void;
  onConfirm: () => void;
}) {
  const { t } = useI18n();
  return (
    <View className="field">
      <Text className="field__label">{t('checkin.codeOrScan')}</Text>
      <Input
        {...accessibleName(t('checkin.codeOrScan'))}
        id="checkin-code"
        className="field__input code-input"
        type="number"
        value={code}
        placeholder="000000"
        maxlength={6}
        onInput={(event) => onChange(event.detail.value.replace(/\D/g, '').slice(0, 6))}
        onConfirm={onConfirm}
      />
    </View>
  );
}

function successText(t: Translate, direction: Direction, answer: { attendance: Attendance; claim: Claim | null }) {
  if (direction === 'in') return t('checkin.doneIn');
  if (answer.claim) return t('checkin.doneOutClaim', { minutes: answer.claim.minutes, points: answer.claim.points });
  return t('checkin.doneOut');
}
