import EmptyState from '../../components/empty-state';
import PageLayout from '../../components/page-layout';
import { useI18n } from '../../i18n';

export default function ActivitiesPage() {
  const { t } = useI18n();
  return (
    <PageLayout title="activities.title">
      <EmptyState id="activities-empty" title={t('activities.empty')} hint={t('activities.emptyHint')} />
    </PageLayout>
  );
}
