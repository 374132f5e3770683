import { useRouter } from '@tarojs/taro';
import { contracts } from '@linli/shared';
import { request, useApi } from '../../../api';
import ActivityRoster from '../../../components/activity-roster';
import EmptyState from '../../../components/empty-state';
import PageLayout from '../../../components/page-layout';
import { isOffice, useMe } from '../../../hooks/me';
import { useI18n } from '../../../i18n';
import { useSession } from '../../../state/session';

/**
 * 报名名单 for a team leader: the roster of their team's activity, live (the export stays with the
 * office). Asked for only once the caller is known to lead the activity's team or to be staff.
 */
export default function LeaderRosterPage() {
  const { t } = useI18n();
  const activityId = useRouter().params.activityId ?? '';
  const { communityId, loggedIn } = useSession();
  const cid = communityId ?? '';
  const me = useMe();
  const activity = useApi(loggedIn && cid ? `activity:${cid}:${activityId}` : null, () =>
    request(contracts.getActivity, { params: { cid, aid: activityId } }),
  );
  const teamId = activity.data?.teamId;
  const team = useApi(teamId ? `team:${cid}:${teamId}` : null, () =>
    request(contracts.getTeam, { params: { cid, tid: teamId ?? '' } }),
  );
  const office = me.data ? isOffice(me.data) : false;
  const allowed = office || team.data?.canManage === true;
  const decided =
    me.data !== undefined && activity.data !== undefined && (office || !teamId || team.data !== undefined);
  return (
    <PageLayout
      title="roster.title"
      requires="community"
      loading={activity.loading || team.loading}
      error={activity.error ?? team.error}
      onRetry={activity.reload}
    >
      {decided && allowed ? <ActivityRoster communityId={cid} activityId={activityId} exportable={false} /> : null}
      {decided && !allowed ? <EmptyState id="roster-leaders-only" title={t('roster.leadersOnly')} /> : null}
    </PageLayout>
  );
}
