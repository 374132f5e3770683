import { View } from '@tarojs/components';
import { useState } from 'react';
import { contracts, type MerchantDetail } from '@linli/shared';
import { request } from '../../../api';
import ActionOutcome from '../../../components/action-outcome';
import ChoiceTabs from '../../../components/choice-tabs';
import MerchantCard, { MerchantRecord } from '../../../components/merchant-card';
import OfficeLayout from '../../components/office-layout';
import PagedListView from '../../../components/paged-list';
import ReasonPrompt from '../../components/reason-prompt';
import { useAction } from '../../../hooks/action';
import { usePagedList } from '../../../hooks/paged-list';
import { useI18n } from '../../../i18n';

const STATUSES = ['active', 'warned', 'suspended', 'removed'] as const;
type Status = (typeof STATUSES)[number];

/** What the office may do to a merchant in each state (reinstating sets it active again; removal is final). */
const ACTIONS: Record<Status, readonly Status[]> = {
  active: ['warned', 'suspended', 'removed'],
  warned: ['active', 'removed'],
  suspended: ['active', 'warned', 'removed'],
  removed: [],
};

/** Alliance merchants by state: warn, suspend, remove (e.g. refused the discount) or reinstate, with a reason. */
export default function OfficeMerchantsPage() {
  return (
    <OfficeLayout title="office.merchants">
      {({ communityId }) => <MerchantsByStatus communityId={communityId} />}
    </OfficeLayout>
  );
}

function MerchantsByStatus({ communityId }: { communityId: string }) {
  const { t } = useI18n();
  const [status, setStatus] = useState<Status>('active');
  const merchants = usePagedList(`office-merchants:${communityId}:${status}`, (cursor) =>
    request(contracts.listMerchantApplications, { params: { cid: communityId }, query: { status, cursor } }),
  );
  return (
    <>
      <ChoiceTabs
        idPrefix="merchants-status"
        value={status}
        onChange={setStatus}
        choices={STATUSES.map((value) => ({ value, label: t(`merchantStatus.${value}`) }))}
      />
      <PagedListView
        id="office-merchants-list"
        list={merchants}
        empty={t('merchants.empty')}
        renderItem={(merchant) => (
          <StatusCard
            key={merchant.id}
            communityId={communityId}
            merchant={merchant}
            onChanged={() => merchants.removeWhere((item) => item.id === merchant.id)}
          />
        )}
      />
    </>
  );
}

function StatusCard({
  communityId,
  merchant,
  onChanged,
}: {
  communityId: string;
  merchant: MerchantDetail;
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const action = useAction();
  const current = merchant.status as Status;
  const change = async (status: Status, reason: string) => {
    const changed = await action.run(async () => {
      await request(contracts.setMerchantStatus, {
        params: { cid: communityId, mid: merchant.id },
        body: { status, reason },
      });
      return t('merchants.changed', { name: merchant.name, status: t(`merchantStatus.${status}`) });
    });
    if (changed) onChanged();
  };
  return (
    <MerchantCard merchant={merchant}>
      <MerchantRecord merchant={merchant} />
      <View className="list">
        {(ACTIONS[current] ?? []).map((status) => (
          <ReasonPrompt
            key={status}
            id={`merchant-${status}-${merchant.id}`}
            label={t(`merchants.to.${status}`)}
            placeholder={t('merchants.reasonPlaceholder')}
            danger={status !== 'active'}
            busy={action.busy}
            onConfirm={(reason) => change(status, reason)}
          />
        ))}
      </View>
      <ActionOutcome id={`merchant-status-${merchant.id}`} outcome={action.outcome} />
    </MerchantCard>
  );
}
