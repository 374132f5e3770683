import Taro from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { contracts, parseCheckinQr, type Attendance, type Claim } from '@linli/shared';
import { request } from '../../../api';
import { useSubscribeMessages } from '../../../hooks/subscribe-messages';
import { describeError, useI18n, type Translate } from '../../../i18n';
import ChoiceTabs from '../../../components/choice-tabs';
import SubmitButton from '../../../components/submit-button';

type Direction = 'in' | 'out';
type Outcome = { ok: true; text: string } | { ok: false; text: string };

/** Scanning needs the WeChat camera; on H5 (office PC, browser) the 6-digit code is the way. */
const CAN_SCAN = process.env.TARO_ENV === 'weapp';

/**
 * 签到 / 签退 for one activity: scan the rotating QR on weapp, or type the 6-digit code shown
 * beside it (everywhere). The answer is told in plain words, errors included.
 */
export default function CheckinForm({ communityId, activityId }: { communityId: string; activityId: string }) {
  const { t } = useI18n();
  const [direction, setDirection] = useState<Direction>('in');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const askToNotify = useSubscribeMessages();

  const send = async (proof: { token: string } | { code: string }) => {
    if (busy) return;
    if (direction === 'out') askToNotify(['claim_decided', 'certificate_issued']);
    setBusy(true);
    setOutcome(undefined);
    try {
      const answer = await request(contracts.checkin, {
        params: { cid: communityId },
        body: { activityId, direction, ...proof },
      });
      setOutcome({ ok: true, text: successText(t, direction, answer) });
      setCode('');
    } catch (error) {
      setOutcome({ ok: false, text: describeError(t, error) });
    } finally {
      setBusy(false);
    }
  };

  const submitCode = () => {
    if (!/^\d{6}$/.test(code)) {
      setOutcome({ ok: false, text: t('checkin.codeRequired') });
      return;
    }
    void send({ code });
  };

  const scan = async () => {
    let scanned: string;
    try {
      scanned = (await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })).result;
    } catch {
      return; // the person closed the camera
    }
    const parsed = parseCheckinQr(scanned);
    if (!parsed) setOutcome({ ok: false, text: t('checkin.notACheckinQr') });
    else if (parsed.activityId !== activityId) setOutcome({ ok: false, text: t('checkin.otherActivity') });
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
          setOutcome(undefined);
        }}
        choices={[
          { value: 'in', label: t('checkin.in') },
          { value: 'out', label: t('checkin.out') },
        ]}
      />
      {CAN_SCAN ? (
        <Button id="checkin-scan" className="button" onClick={scan}>
          {direction === 'in' ? t('checkin.scanIn') : t('checkin.scanOut')}
        </Button>
      ) : null}
      <View className="field">
        <Text className="field__label">{CAN_SCAN ? t('checkin.codeOrScan') : t('checkin.codeLabel')}</Text>
        <Input
          id="checkin-code"
          className="field__input code-input"
          type="number"
          value={code}
          placeholder="000000"
          maxlength={6}
          onInput={(event) => setCode(event.detail.value.replace(/\D/g, '').slice(0, 6))}
          onConfirm={submitCode}
        />
      </View>
      <SubmitButton
        id="checkin-submit"
        busy={busy}
        className={CAN_SCAN && !busy ? 'button button--secondary' : 'button'}
        onClick={submitCode}
      >
        {busy ? t('checkin.sending') : direction === 'in' ? t('checkin.submitIn') : t('checkin.submitOut')}
      </SubmitButton>
      {outcome ? (
        <Text
          id={outcome.ok ? 'checkin-result' : 'checkin-error'}
          className={outcome.ok ? 'result-good' : 'result-bad'}
        >
          {outcome.text}
        </Text>
      ) : null}
    </View>
  );
}

function successText(t: Translate, direction: Direction, answer: { attendance: Attendance; claim: Claim | null }) {
  if (direction === 'in') return t('checkin.doneIn');
  if (answer.claim) return t('checkin.doneOutClaim', { minutes: answer.claim.minutes, points: answer.claim.points });
  return t('checkin.doneOut');
}
