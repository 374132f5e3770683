import { Button, View } from '@tarojs/components';
import { contracts } from '@linli/shared';
import { request } from '../../../api';
import ActivityCard from '../../../components/activity-card';
import OfficeLayout from '../../components/office-layout';
import PagedListView from '../../../components/paged-list';
import { usePagedList } from '../../../hooks/paged-list';
import { useI18n } from '../../../i18n';
import { ROUTES, openPage } from '../../../routes';

/** Staff's activity list: show the rotating check-in code, record hours for someone who could not scan, change or cancel. */
export default function OfficeActivitiesPage() {
  return (
    <OfficeLayout title="office.activities">
      {({ communityId }) => <OfficeActivities communityId={communityId} />}
    </OfficeLayout>
  );
}

function OfficeActivities({ communityId }: { communityId: string }) {
  const { t } = useI18n();
  const activities = usePagedList(`office-activities:${communityId}`, (cursor) =>
    request(contracts.listActivities, { params: { cid: communityId }, query: { cursor } }),
  );
  return (
    <>
      <Button id="office-activities-new" className="button" onClick={() => openPage(ROUTES.officeNewActivity)}>
        {t('office.newActivity')}
      </Button>
      <PagedListView
        id="office-activities-list"
        list={activities}
        empty={t('activities.empty')}
        renderItem={(activity) => (
          <ActivityCard key={activity.id} activity={activity}>
            <Button
              id={`roster-${activity.id}`}
              className="button button--secondary"
              onClick={() => openPage(ROUTES.officeRoster, { activityId: activity.id })}
            >
              {t('office.roster')}
            </Button>
            {activity.status === 'scheduled' ? (
              <View className="row">
                <Button
                  id={`show-code-${activity.id}`}
                  className="button show-code"
                  onClick={() => openPage(ROUTES.officeCheckinCode, { id: activity.id })}
                >
                  {t('office.showCode')}
                </Button>
                <Button
                  id={`record-hours-${activity.id}`}
                  className="button button--secondary record-hours"
                  onClick={() => openPage(ROUTES.officeAttendance, { activityId: activity.id })}
                >
                  {t('office.recordHours')}
                </Button>
                <Button
                  id={`manage-${activity.id}`}
                  className="button button--secondary manage-activity"
                  onClick={() => openPage(ROUTES.officeActivity, { id: activity.id })}
                >
                  {t('manage.open')}
                </Button>
              </View>
            ) : null}
          </ActivityCard>
        )}
      />
    </>
  );
}
