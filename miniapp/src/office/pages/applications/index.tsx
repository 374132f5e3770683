import { contracts, type MerchantDetail } from '@linli/shared';
import { request } from '../../../api';
import ActionOutcome from '../../../components/action-outcome';
import MerchantCard, { MerchantRecord } from '../../../components/merchant-card';
import DecisionQueue, { ApproveOrReject, type Decision } from '../../components/decision-queue';
import OfficeLayout from '../../components/office-layout';
import { useI18n } from '../../../i18n';

/** Shops that applied to the alliance: check the licence and the offer, then approve or refuse with a reason. */
export default function OfficeApplicationsPage() {
  return (
    <OfficeLayout title="office.applications">
      {({ communityId }) => (
        <DecisionQueue
          communityId={communityId}
          listId="applications-list"
          listKey={`merchant-applications:${communityId}`}
          loadPage={(cursor) =>
            request(contracts.listMerchantApplications, {
              params: { cid: communityId },
              query: { status: 'pending', cursor },
            })
          }
          empty="applications.empty"
          renderItem={(application, decision) => <ApplicationCard application={application} decision={decision} />}
        />
      )}
    </OfficeLayout>
  );
}

function ApplicationCard({ application, decision }: { application: MerchantDetail; decision: Decision }) {
  const { t } = useI18n();
  const params = { cid: decision.communityId, id: application.id };
  return (
    <MerchantCard merchant={application}>
      <MerchantRecord merchant={application} />
      <ApproveOrReject
        name="application"
        itemId={application.id}
        labels={{
          approve: t('applications.approve'),
          reject: t('applications.reject'),
          rejectPlaceholder: t('applications.rejectPlaceholder'),
        }}
        busy={decision.busy}
        onApprove={() =>
          decision.decide(() => request(contracts.approveMerchantApplication, { params }), t('applications.approved'))
        }
        onReject={(reason) =>
          decision.decide(
            () => request(contracts.rejectMerchantApplication, { params, body: { reason } }),
            t('applications.rejected'),
          )
        }
      />
      <ActionOutcome id={`application-${application.id}`} outcome={decision.outcome} />
    </MerchantCard>
  );
}
