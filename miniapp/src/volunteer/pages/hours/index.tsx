import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { CLAIM_STATUSES, contracts, type Claim, type ClaimStatus } from '@linli/shared';
import { request } from '../../../api';
import ChoiceTabs from '../../../components/choice-tabs';
import PageLayout from '../../../components/page-layout';
import PagedListView from '../../../components/paged-list';
import { splitMinutes } from '../../../format/points';
import { formatDateTime } from '../../../format/time';
import { usePagedList } from '../../../hooks/paged-list';
import { useSession } from '../../../state/session';
import { useI18n } from '../../../i18n';

/** My volunteer hours: waiting for the office, approved (points paid), or rejected (with the reason). */
export default function MyHoursPage() {
  const { t } = useI18n();
  const { token, communityId } = useSession();
  const [status, setStatus] = useState<ClaimStatus>('pending');
  const claims = usePagedList(token && communityId ? `my-claims:${communityId}:${status}:${token}` : null, (cursor) =>
    request(contracts.listMyClaims, { params: { cid: communityId ?? '' }, query: { status, cursor } }),
  );

  return (
    <PageLayout title="hours.title" requires="community">
      <ChoiceTabs
        idPrefix="hours-status"
        value={status}
        onChange={setStatus}
        choices={CLAIM_STATUSES.map((value) => ({ value, label: t(`hours.status.${value}`) }))}
      />
      <PagedListView
        id="hours-list"
        list={claims}
        empty={t(`hours.empty.${status}`)}
        renderItem={(claim) => <MyClaim key={claim.id} claim={claim} />}
      />
    </PageLayout>
  );
}

function MyClaim({ claim }: { claim: Claim }) {
  const { t, language } = useI18n();
  const { hours, minutes } = splitMinutes(claim.minutes);
  return (
    <View className="card" id={`my-claim-${claim.id}`}>
      <Text className="card__value">{claim.activityTitle}</Text>
      <View className="tags">
        <Text className="tag">{t('claims.duration', { hours, minutes })}</Text>
        <Text className="tag tag--amber">{t('claims.points', { points: claim.points })}</Text>
      </View>
      {claim.status === 'rejected' && claim.reason ? (
        <Text className="status-bad">{t('hours.rejectedReason', { reason: claim.reason })}</Text>
      ) : null}
      <Text className="card__hint">{formatDateTime(claim.createdAt, language)}</Text>
    </View>
  );
}
