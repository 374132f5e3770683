import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { contracts, type DistrictStatsResponse, type DistrictTotals } from '@linli/shared';
import { request, useApi } from '../../../api';
import { downloadDistrictExport, type ExportFormat } from '../../../api/download';
import ActionOutcome from '../../../components/action-outcome';
import ChoiceTabs from '../../../components/choice-tabs';
import EmptyState from '../../../components/empty-state';
import PageLayout from '../../../components/page-layout';
import SubmitButton from '../../../components/submit-button';
import { formatYuan } from '../../../format/market';
import { lastMonths } from '../../../format/office';
import { useAction } from '../../../hooks/action';
import { useI18n, type Translate } from '../../../i18n';
import { useSession } from '../../../state/session';
import MonthRange from '../../components/month-range';
import MonthlyCharts from '../../components/monthly-charts';

/** WeChat's document viewer reads xlsx, not CSV (as on the exports page). */
const FORMATS: readonly ExportFormat[] = process.env.TARO_ENV === 'weapp' ? ['xlsx'] : ['xlsx', 'csv'];
/** The chart chooser's value for the district's sums. */
const ALL = 'all';

/**
 * 街道概览: a district's officers (and platform operators) see its communities' figures over a
 * range of months — totals per community and for the district, the office dashboard's charts for
 * the district or one community, and an export (`#/office/pages/district/index?did=jiefanglu`).
 */
export default function DistrictPage() {
  const { t } = useI18n();
  const asked = useRouter().params.did ?? '';
  const { loggedIn, token } = useSession();
  const [range, setRange] = useState(() => lastMonths(12));
  // Which districts the caller may see, first: nobody else asks for a district's figures.
  const mine = useApi(loggedIn ? `my-districts:${token}` : null, () => request(contracts.listMyDistricts));
  const did = asked || mine.data?.items[0]?.id || '';
  const allowed = mine.data?.items.some((district) => district.id === did) ?? false;
  const stats = useApi(allowed ? `district:${did}:${range.from}:${range.to}:${token}` : null, () =>
    request(contracts.getDistrictStats, { params: { did }, query: { from: range.from, to: range.to } }),
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
      {allowed ? <MonthRange id="district-range-picker" range={range} onChange={setRange} /> : null}
      {stats.data ? <DistrictView stats={stats.data} /> : null}
    </PageLayout>
  );
}

function DistrictView({ stats }: { stats: DistrictStatsResponse }) {
  const { t } = useI18n();
  const [shown, setShown] = useState(ALL);
  const community = stats.communities.find((one) => one.id === shown);
  return (
    <>
      <Text className="card__hint" id="district-range">
        {t('district.range', { name: stats.name, from: stats.from, to: stats.to })}
      </Text>
      <TotalsCard id="district-total" title={t('district.total')} totals={stats.totals} />
      {stats.communities.map((one) => (
        <TotalsCard
          key={one.id}
          id={`district-community-${one.id}`}
          title={`${one.name}（${one.currencyName}）`}
          totals={one.totals}
        />
      ))}
      <Text className="section-title">{t('district.chartsOf')}</Text>
      <ChoiceTabs
        idPrefix="district-charts"
        choices={[
          { value: ALL, label: t('district.total') },
          ...stats.communities.map((one) => ({ value: one.id, label: one.name })),
        ]}
        value={community ? shown : ALL}
        onChange={setShown}
      />
      <MonthlyCharts
        months={community?.months ?? stats.months}
        currencyName={community?.currencyName ?? t('district.points')}
      />
      <DistrictExport stats={stats} />
    </>
  );
}

function DistrictExport({ stats }: { stats: DistrictStatsResponse }) {
  const { t } = useI18n();
  const [format, setFormat] = useState<ExportFormat>('xlsx');
  const action = useAction();
  const download = () =>
    action.run(async () => {
      await downloadDistrictExport({ districtId: stats.districtId, from: stats.from, to: stats.to, format });
      return t('district.exported', { from: stats.from, to: stats.to });
    });
  return (
    <View className="card" id="district-export">
      <Text className="card__label">{t('district.export')}</Text>
      <Text className="card__hint">{t('district.exportHint')}</Text>
      {FORMATS.length > 1 ? (
        <ChoiceTabs
          idPrefix="district-export-format"
          choices={FORMATS.map((value) => ({ value, label: t(`exports.format.${value}`) }))}
          value={format}
          onChange={setFormat}
        />
      ) : null}
      <SubmitButton id="district-export-download" busy={action.busy} onClick={download}>
        {action.busy ? t('exports.downloading') : t('exports.download')}
      </SubmitButton>
      <ActionOutcome id="district-export" outcome={action.outcome} />
    </View>
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
