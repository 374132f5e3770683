import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { COMPLAINT_OUTCOMES, contracts, type Complaint } from '@linli/shared';
import { request } from '../../../api';
import ActionOutcome from '../../../components/action-outcome';
import ChoiceTabs from '../../../components/choice-tabs';
import OfficeLayout from '../../components/office-layout';
import PagedListView from '../../../components/paged-list';
import SubmitButton from '../../../components/submit-button';
import TextField from '../../../components/text-field';
import { formatDateTime } from '../../../format/time';
import { useAction } from '../../../hooks/action';
import { usePagedList } from '../../../hooks/paged-list';
import { useI18n } from '../../../i18n';

type ComplaintOutcome = (typeof COMPLAINT_OUTCOMES)[number];

/** Residents' complaints about merchants (e.g. refused the discount): dismiss, warn, suspend or remove. */
export default function OfficeComplaintsPage() {
  return (
    <OfficeLayout title="office.complaints">
      {({ communityId }) => <ComplaintQueue communityId={communityId} />}
    </OfficeLayout>
  );
}

function ComplaintQueue({ communityId }: { communityId: string }) {
  const { t } = useI18n();
  const complaints = usePagedList(`complaints:${communityId}`, (cursor) =>
    request(contracts.listComplaints, { params: { cid: communityId }, query: { status: 'open', cursor } }),
  );
  return (
    <PagedListView
      id="complaints-list"
      list={complaints}
      empty={t('complaints.empty')}
      renderItem={(complaint) => (
        <ComplaintCard
          key={complaint.id}
          communityId={communityId}
          complaint={complaint}
          onResolved={() => complaints.removeWhere((item) => item.id === complaint.id)}
        />
      )}
    />
  );
}

function ComplaintCard({
  communityId,
  complaint,
  onResolved,
}: {
  communityId: string;
  complaint: Complaint;
  onResolved: () => void;
}) {
  const { t, language } = useI18n();
  const [outcome, setOutcome] = useState<ComplaintOutcome>();
  const [note, setNote] = useState('');
  const action = useAction();
  const resolve = async () => {
    if (!outcome) return action.fail(t('complaints.outcomeRequired'));
    if (!note.trim()) return action.fail(t('complaints.noteRequired'));
    const resolved = await action.run(async () => {
      await request(contracts.resolveComplaint, {
        params: { cid: communityId, complaintId: complaint.id },
        body: { outcome, note: note.trim() },
      });
      return t('complaints.resolved');
    });
    if (resolved) onResolved();
  };
  return (
    <View className="card" id={`complaint-${complaint.id}`}>
      <Text className="card__value">{complaint.merchantName}</Text>
      <Text>{complaint.description}</Text>
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
      <SubmitButton id={`complaint-resolve-${complaint.id}`} busy={action.busy} onClick={resolve}>
        {t('complaints.resolve')}
      </SubmitButton>
      <ActionOutcome id={`complaint-${complaint.id}`} outcome={action.outcome} />
    </View>
  );
}
