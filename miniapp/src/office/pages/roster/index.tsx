import { useRouter } from '@tarojs/taro';
import ActivityRoster from '../../../components/activity-roster';
import OfficeLayout from '../../components/office-layout';

/** 报名名单 in the office console: the roster, live, with its Excel export. */
export default function OfficeRosterPage() {
  const activityId = useRouter().params.activityId ?? '';
  return (
    <OfficeLayout title="roster.title">
      {({ communityId }) => <ActivityRoster communityId={communityId} activityId={activityId} exportable />}
    </OfficeLayout>
  );
}
