import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { COMPLAINT_OUTCOMES, contracts, type Complaint } from '@linli/shared';
import { request } from '../../../api';
import ActionOutcome from '../../../components/action-outcome';
import ChoiceTabs from '../../../components/choice-tabs';
import SubmitButton from '../../../components/submit-button';
import TextField from '../../../components/text-field';
import DecisionQueue, { type Decision } from '../../components/decision-queue';
import OfficeLayout from '../../components/office-layout';
import { formatDateTime } from '../../../format/time';
import { useI18n } from '../../../i18n';

type ComplaintOutcome = (typeof COMPLAINT_OUTCOMES)[number];

/** Residents' complaints about merchants (e.g. refused the discount): dismiss, warn, suspend or remove. */
export default function OfficeComplaintsPage() {
  return (
    <OfficeLayout title="office.complaints">
      {({ communityId }) => (
        <DecisionQueue
          communityId={communityId}
          listId="complaints-list"
          listKey={`complaints:${communityId}`}
          loadPage={(cursor) =>
            request(contracts.listComplaints, { params: { cid: communityId }, query: { status: 'open', cursor } })
          }
          empty="complaints.empty"
          renderItem={(complaint, decision) => <ComplaintCard complaint={complaint} decision={decision} />}
        />
      )}
    </OfficeLayout>
  );
}

function ComplaintCard({ complaint, decision }: { complaint: Complaint; decision: Decision }) {
  const { t, language } = useI18n();
  const [outcome, setOutcome] = useState<ComplaintOutcome>();
  const [note, setNote] = useState('');
  const resolve = async () => {
    if (!outcome) return decision.fail(t('complaints.outcomeRequired'));
    if (!note.trim()) return decision.fail(t('complaints.noteRequired'));
    await decision.decide(
      () =>
        request(contracts.resolveComplaint, {
          params: { cid: decision.communityId, complaintId: complaint.id },
          body: { outcome, note: note.trim() },
        }),
      t('complaints.resolved'),
    );
    return undefined;
  };
  return (
    <View className="card" id={`complaint-${complaint.id}`}>
      <Text className="card__value">{complaint.merchantName}</Text>
      <Text>{complaint.description}</Text>
      {complaint.contentHeld ? <Text className="tag tag--amber">{t('complaints.contentHeld')}</Text> : null}
      <Text className="card__hint">{formatDateTime(complaint.createdAt, language)}</Text>
      <ChoiceTabs
        idPrefix={`complaint-outcome-${complaint.id}`}
        value={outcome}
        onChange={setOutcome}
        choices={COMPLAINT_OUTCOMES.map((value) => ({ value, label: t(`complaints.outcome.${value}`) }))}
      />
      <TextField
        id={`complaint-note-${complaint.id}`}
        label={t('complaints.note')}
        value={note}
        maxlength={200}
        onChange={setNote}
      />
      <SubmitButton id={`complaint-resolve-${complaint.id}`} busy={decision.busy} onClick={resolve}>
        {t('complaints.resolve')}
      </SubmitButton>
      <ActionOutcome id={`complaint-${complaint.id}`} outcome={decision.outcome} />
    </View>
  );
}
