import { contracts } from '@linli/shared';
import { request } from '../../api';
import ActivityCard from '../../components/activity-card';
import PageLayout from '../../components/page-layout';
import PagedListView from '../../components/paged-list';
import { usePagedList } from '../../hooks/paged-list';
import { useReloadOnShow } from '../../hooks/reload-on-show';
import { useSession } from '../../state/session';
import { useI18n } from '../../i18n';
import { ROUTES, openPage } from '../../routes';

/** Upcoming and recent volunteer activities of my community, soonest first; tap one to check in. */
export default function ActivitiesPage() {
  const { t } = useI18n();
  const { token, communityId } = useSession();
  const activities = usePagedList(token && communityId ? `activities:${communityId}:${token}` : null, (cursor) =>
    request(contracts.listActivities, { params: { cid: communityId ?? '' }, query: { cursor } }),
  );
  useReloadOnShow(activities.reload);

  return (
    <PageLayout title="activities.title" requires="community">
      <PagedListView
        id="activities-list"
        list={activities}
        empty={t('activities.empty')}
        emptyHint={t('activities.emptyHint')}
        renderItem={(activity) => (
          <ActivityCard
            key={activity.id}
            activity={activity}
            onOpen={() => openPage(ROUTES.activity, { id: activity.id })}
          />
        )}
      />
    </PageLayout>
  );
}
