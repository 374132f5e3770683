import { contracts, type Redemption } from '@linli/shared';
import { request } from '../../../api';
import ActionOutcome from '../../../components/action-outcome';
import PageLayout from '../../../components/page-layout';
import PagedListView from '../../../components/paged-list';
import RedemptionCard from '../../../components/redemption-card';
import SubmitButton from '../../../components/submit-button';
import { useAction } from '../../../hooks/action';
import { useMe } from '../../../hooks/me';
import { usePagedList } from '../../../hooks/paged-list';
import { useI18n } from '../../../i18n';
import { currencyOf } from '../../../format/points';

/** What I redeemed: the pickup code big while it waits at the office, and 取消 until it is picked up. */
export default function MyRedemptionsPage() {
  const { t, language } = useI18n();
  const me = useMe();
  const cid = me.communityId;
  const redemptions = usePagedList(me.data ? `my-redemptions:${cid}` : null, (cursor) =>
    request(contracts.listMyRedemptions, { params: { cid }, query: { cursor } }),
  );
  const currency = me.data ? currencyOf(me.data.community, language) : '';
  const changed = () => {
    me.reload();
    redemptions.reload();
  };

  return (
    <PageLayout
      title="redemptions.title"
      requires="community"
      loading={me.loading}
      error={me.error}
      onRetry={me.reload}
    >
      {me.data ? (
        <PagedListView
          id="my-redemptions"
          list={redemptions}
          empty={t('redemptions.empty')}
          emptyHint={t('redemptions.emptyHint')}
          renderItem={(redemption) => (
            <RedemptionCard key={redemption.id} redemption={redemption} currencyName={currency} showCode>
              {redemption.status === 'reserved' ? (
                <CancelButton communityId={cid} redemption={redemption} onCancelled={changed} />
              ) : null}
            </RedemptionCard>
          )}
        />
      ) : null}
    </PageLayout>
  );
}

function CancelButton({
  communityId,
  redemption,
  onCancelled,
}: {
  communityId: string;
  redemption: Redemption;
  onCancelled: () => void;
}) {
  const { t } = useI18n();
  const action = useAction();
  const cancel = async () => {
    const done = await action.run(async (idempotencyKey) => {
      await request(contracts.cancelRedemption, {
        params: { cid: communityId, redemptionId: redemption.id },
        idempotencyKey,
      });
      return t('redemptions.cancelled');
    });
    if (done) onCancelled();
  };
  return (
    <>
      <SubmitButton
        id={`redemption-cancel-${redemption.id}`}
        busy={action.busy}
        className="button button--danger"
        onClick={cancel}
      >
        {t('redemptions.cancel')}
      </SubmitButton>
      <ActionOutcome id={`redemption-cancel-${redemption.id}`} outcome={action.outcome} />
    </>
  );
}
