import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { contracts, type DistrictTotals } from '@linli/shared';
import { request, useApi } from '../../api';
import EmptyState from '../../components/empty-state';
import PageLayout from '../../components/page-layout';
import { formatYuan } from '../../format/market';
import { useI18n, type Translate } from '../../i18n';
import { useSession } from '../../state/session';

/**
 * 街道概览: a district's officers (and platform operators) see each of its communities' figures over
 * the last twelve months and the district's total (`#/pages/district/index?did=jiefanglu`).
 */
export default function DistrictPage() {
  const { t } = useI18n();
  const asked = useRouter().params.did ?? '';
  const { loggedIn, token } = useSession();
  // Which districts the caller may see, first: nobody else asks for a district's figures.
  const mine = useApi(loggedIn ? `my-districts:${token}` : null, () => request(contracts.listMyDistricts));
  const did = asked || mine.data?.items[0]?.id || '';
  const allowed = mine.data?.items.some((district) => district.id === did) ?? false;
  const stats = useApi(allowed ? `district:${did}:${token}` : null, () =>
    request(contracts.getDistrictStats, { params: { did } }),
  );
  return (
    <PageLayout
      title="district.title"
      requires="session"
      loading={mine.loading || stats.loading}
      error={mine.error ?? stats.error}
      onRetry={stats.error ? stats.reload : mine.reload}
    >
      {mine.data && !allowed ? (
        <EmptyState id="district-officers-only" title={t('district.officersOnly')} hint={t('district.noDistrict')} />
      ) : null}
      {stats.data ? (
        <>
          <Text className="card__hint" id="district-range">
            {t('district.range', { name: stats.data.name, from: stats.data.from, to: stats.data.to })}
          </Text>
          <TotalsCard id="district-total" title={t('district.total')} totals={stats.data.totals} />
          {stats.data.communities.map((community) => (
            <TotalsCard
              key={community.id}
              id={`district-community-${community.id}`}
              title={`${community.name}（${community.currencyName}）`}
              totals={community.totals}
            />
          ))}
        </>
      ) : null}
    </PageLayout>
  );
}

function lines(t: Translate, totals: DistrictTotals): [string, string][] {
  return [
    [t('district.members'), String(totals.members)],
    [t('district.activities'), String(totals.activities)],
    [t('district.visits'), String(totals.volunteerVisits)],
    [t('district.hours'), (totals.volunteerMinutes / 60).toFixed(1)],
    [t('district.pointsIssued'), String(totals.pointsIssued)],
    [t('district.pointsRedeemed'), String(totals.pointsRedeemed)],
    [t('district.certificates'), String(totals.activeCertificates)],
    [t('district.shopSales'), formatYuan(totals.shopSalesFen)],
    [t('district.fundBalance'), formatYuan(totals.fundBalanceFen)],
  ];
}

function TotalsCard({ id, title, totals }: { id: string; title: string; totals: DistrictTotals }) {
  const { t } = useI18n();
  return (
    <View className="card" id={id}>
      <Text className="card__value">{title}</Text>
      {lines(t, totals).map(([label, value]) => (
        <View className="row" key={label}>
          <Text className="row__text">{label}</Text>
          <Text className="card__value">{value}</Text>
        </View>
      ))}
    </View>
  );
}
