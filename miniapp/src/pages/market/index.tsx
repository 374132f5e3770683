import EmptyState from '../../components/empty-state';
import PageLayout from '../../components/page-layout';
import { useI18n } from '../../i18n';

export default function MarketPage() {
  const { t } = useI18n();
  return (
    <PageLayout title="market.title">
      <EmptyState id="market-empty" title={t('market.empty')} hint={t('market.emptyHint')} />
    </PageLayout>
  );
}
