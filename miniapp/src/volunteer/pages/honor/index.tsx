import { useState } from 'react';
import { contracts } from '@linli/shared';
import { request, useApi } from '../../../api';
import HonorList from '../../../components/honor-list';
import MonthField from '../../../components/month-field';
import PageLayout from '../../../components/page-layout';
import TeamHours from '../../../components/team-hours';
import { monthOf } from '../../../format/market';
import { useSession } from '../../../state/session';

/** 光荣榜: the volunteers the community office recognised this month, with their citations. */
export default function HonorPage() {
  const { communityId, loggedIn } = useSession();
  const [month, setMonth] = useState(() => monthOf(new Date()));
  const page = useApi(loggedIn && communityId ? `honor:${communityId}:${month}` : null, () =>
    request(contracts.getRecognition, { params: { cid: communityId ?? '' }, query: { month } }),
  );
  return (
    <PageLayout title="honor.title" requires="community" error={page.error} onRetry={page.reload}>
      <MonthField idPrefix="honor-month" value={month} onChange={setMonth} />
      {page.data ? <HonorList id="honor-list" items={page.data.recognized} /> : null}
      {page.data ? <TeamHours id="honor-teams" teams={page.data.teams} /> : null}
    </PageLayout>
  );
}
