import { View } from '@tarojs/components';
import { contracts, type MerchantDetail } from '@linli/shared';
import { request } from '../../../api';
import ActionOutcome from '../../../components/action-outcome';
import MerchantCard, { MerchantRecord } from '../../../components/merchant-card';
import OfficeLayout from '../../components/office-layout';
import PagedListView from '../../../components/paged-list';
import SubmitButton from '../../../components/submit-button';
import ReasonPrompt from '../../components/reason-prompt';
import { useAction } from '../../../hooks/action';
import { usePagedList } from '../../../hooks/paged-list';
import { useI18n } from '../../../i18n';

/** Shops that applied to the alliance: check the licence and the offer, then approve or refuse with a reason. */
export default function OfficeApplicationsPage() {
  return (
    <OfficeLayout title="office.applications">
      {({ communityId }) => <ApplicationQueue communityId={communityId} />}
    </OfficeLayout>
  );
}

function ApplicationQueue({ communityId }: { communityId: string }) {
  const { t } = useI18n();
  const applications = usePagedList(`merchant-applications:${communityId}`, (cursor) =>
    request(contracts.listMerchantApplications, {
      params: { cid: communityId },
      query: { status: 'pending', cursor },
    }),
  );
  return (
    <PagedListView
      id="applications-list"
      list={applications}
      empty={t('applications.empty')}
      renderItem={(application) => (
        <ApplicationCard
          key={application.id}
          communityId={communityId}
          application={application}
          onDecided={() => applications.removeWhere((item) => item.id === application.id)}
        />
      )}
    />
  );
}

function ApplicationCard({
  communityId,
  application,
  onDecided,
}: {
  communityId: string;
  application: MerchantDetail;
  onDecided: () => void;
}) {
  const { t } = useI18n();
  const action = useAction();
  const params = { cid: communityId, id: application.id };
  const decide = async (call: () => Promise<unknown>, done: string) => {
    const decided = await action.run(async () => {
      await call();
      return done;
    });
    if (decided) onDecided();
  };
  return (
    <MerchantCard merchant={application}>
      <MerchantRecord merchant={application} />
      <View className="row">
        <ReasonPrompt
          id={`application-reject-${application.id}`}
          label={t('applications.reject')}
          placeholder={t('applications.rejectPlaceholder')}
          danger
          busy={action.busy}
          onConfirm={(reason) =>
            decide(
              () => request(contracts.rejectMerchantApplication, { params, body: { reason } }),
              t('applications.rejected'),
            )
          }
        />
        <SubmitButton
          id={`application-approve-${application.id}`}
          busy={action.busy}
          onClick={() =>
            decide(() => request(contracts.approveMerchantApplication, { params }), t('applications.approved'))
          }
        >
          {t('applications.approve')}
        </SubmitButton>
      </View>
      <ActionOutcome id={`application-${application.id}`} outcome={action.outcome} />
    </MerchantCard>
  );
}
