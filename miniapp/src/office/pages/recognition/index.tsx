import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { contracts, type RecognitionPage } from '@linli/shared';
import { request, useApi } from '../../../api';
import ActionOutcome from '../../../components/action-outcome';
import CheckRow from '../../../components/check-row';
import EmptyState from '../../../components/empty-state';
import HonorList from '../../../components/honor-list';
import MonthField from '../../../components/month-field';
import SubmitButton from '../../../components/submit-button';
import TeamHours from '../../../components/team-hours';
import OfficeLayout from '../../components/office-layout';
import TextField from '../../../components/text-field';
import { monthOf } from '../../../format/market';
import { formatHours } from '../../../format/office';
import { useAction } from '../../../hooks/action';
import { describeError, useI18n } from '../../../i18n';

/** 表彰志愿者: pick the month's volunteers (most hours first), write a citation, publish to 光荣榜. */
export default function OfficeRecognitionPage() {
  return (
    <OfficeLayout title="office.recognition">
      {({ communityId }) => <RecognitionConsole communityId={communityId} />}
    </OfficeLayout>
  );
}

function RecognitionConsole({ communityId }: { communityId: string }) {
  const { t } = useI18n();
  const [month, setMonth] = useState(() => monthOf(new Date()));
  const page = useApi(`recognition:${communityId}:${month}`, () =>
    request(contracts.getRecognition, { params: { cid: communityId }, query: { month } }),
  );
  return (
    <>
      <MonthField idPrefix="recognition-month" value={month} onChange={setMonth} />
      {page.loading ? <EmptyState title={t('common.loading')} /> : null}
      {page.error ? <Text className="form-error">{describeError(t, page.error)}</Text> : null}
      {page.data ? (
        <>
          <CandidatesForm communityId={communityId} page={page.data} onDone={page.reload} />
          <Text className="section-title">{t('recognition.recognized')}</Text>
          <HonorList id="recognition-recognized" items={page.data.recognized} />
          <TeamHours id="recognition-teams" teams={page.data.teams} />
        </>
      ) : null}
    </>
  );
}

function CandidatesForm({
  communityId,
  page,
  onDone,
}: {
  communityId: string;
  page: RecognitionPage;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const [chosen, setChosen] = useState<string[]>([]);
  const [citation, setCitation] = useState('');
  const action = useAction();
  const toggle = (memberId: string, on: boolean) =>
    setChosen((previous) => (on ? [...previous, memberId] : previous.filter((id) => id !== memberId)));

  const recognize = async () => {
    if (chosen.length === 0) return action.fail(t('recognition.chooseSomeone'));
    if (chosen.length > 10) return action.fail(t('recognition.tooMany'));
    if (!citation.trim()) return action.fail(t('recognition.citationRequired'));
    const done = await action.run(async (idempotencyKey) => {
      const answer = await request(contracts.recognize, {
        params: { cid: communityId },
        body: { month: page.month, memberIds: chosen, citation: citation.trim() },
        idempotencyKey,
      });
      return t('recognition.done', { count: answer.items.length });
    });
    if (done) {
      setChosen([]);
      setCitation('');
      onDone();
    }
  };

  if (page.candidates.length === 0) {
    return <EmptyState id="recognition-empty" title={t('recognition.noCandidates')} />;
  }
  return (
    <View className="card" id="recognition-form">
      <Text className="card__label">{t('recognition.candidates')}</Text>
      {page.candidates.map((candidate) => (
        <CandidateRow
          key={candidate.memberId}
          candidate={candidate}
          checked={chosen.includes(candidate.memberId)}
          onChange={(on) => toggle(candidate.memberId, on)}
        />
      ))}
      <TextField
        id="recognition-citation"
        label={t('recognition.citation')}
        placeholder={t('recognition.citationPlaceholder')}
        value={citation}
        maxlength={60}
        multiline
        onChange={setCitation}
      />
      <SubmitButton id="recognition-submit" busy={action.busy} onClick={recognize}>
        {t('recognition.submit', { count: chosen.length })}
      </SubmitButton>
      <ActionOutcome id="recognition" outcome={action.outcome} />
    </View>
  );
}

/** A candidate to tick (`#candidate-<memberId>`), with the hours served and points earned this month. */
function CandidateRow({
  candidate,
  checked,
  onChange,
}: {
  candidate: RecognitionPage['candidates'][number];
  checked: boolean;
  onChange: (on: boolean) => void;
}) {
  const { t } = useI18n();
  return (
    <View className="row">
      <CheckRow
        id={`candidate-${candidate.memberId}`}
        label={candidate.displayName}
        checked={checked}
        onChange={onChange}
      />
      <Text className="card__hint">
        {t('recognition.served', {
          hours: formatHours(candidate.volunteerMinutes),
          points: candidate.pointsEarned,
        })}
      </Text>
    </View>
  );
}
