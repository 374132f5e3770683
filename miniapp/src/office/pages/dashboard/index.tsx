import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { contracts, formatFen, type StatsResponse, type TeamFigures as TeamRow } from '@linli/shared';
import { request, useApi } from '../../../api';
import EmptyState from '../../../components/empty-state';
import MonthRange from '../../components/month-range';
import MonthlyCharts from '../../components/monthly-charts';
import NavRow from '../../../components/nav-row';
import OfficeLayout from '../../components/office-layout';
import { formatHours, lastMonths } from '../../../format/office';
import { describeError, useI18n, type MessageKey, type Translate } from '../../../i18n';
import { ROUTES, openPage, type Route } from '../../../routes';
import './index.scss';

/** The console's other statistics pages, one line each: [id, label, hint, page]. */
const CONSOLE_LINKS: readonly [string, MessageKey, MessageKey, Route][] = [
  ['dashboard-exports', 'office.exports', 'office.exportsHint', ROUTES.officeExports],
  ['dashboard-audit', 'office.audit', 'office.auditHint', ROUTES.officeAudit],
  ['dashboard-policies', 'office.policies', 'office.policiesHint', ROUTES.officePolicies],
  ['dashboard-recognition', 'office.recognition', 'office.recognitionHint', ROUTES.officeRecognition],
  ['dashboard-proxies', 'office.proxies', 'office.proxiesHint', ROUTES.officeProxies],
];

/** 数据看板: the community at a glance (headline figures) and month by month (charts with tables). */
export default function OfficeDashboardPage() {
  return (
    <OfficeLayout title="office.dashboard">{({ communityId }) => <Dashboard communityId={communityId} />}</OfficeLayout>
  );
}

function Dashboard({ communityId }: { communityId: string }) {
  const { t } = useI18n();
  const [range, setRange] = useState(() => lastMonths(12));
  const stats = useApi(`stats:${communityId}:${range.from}:${range.to}`, () =>
    request(contracts.getStats, { params: { cid: communityId }, query: { from: range.from, to: range.to } }),
  );

  return (
    <>
      <MonthRange id="dashboard-range" range={range} onChange={setRange} />
      {stats.loading ? <EmptyState id="dashboard-loading" title={t('common.loading')} /> : null}
      {stats.error ? (
        <View className="card" id="dashboard-error">
          <Text className="form-error">{describeError(t, stats.error)}</Text>
        </View>
      ) : null}
      {stats.data ? (
        <>
          <Headlines stats={stats.data} t={t} />
          <MonthlyCharts months={stats.data.months} currencyName={stats.data.currencyName} />
          <TeamFigures teams={stats.data.teams ?? []} t={t} />
        </>
      ) : null}
      <Text className="section-title">{t('dashboard.more')}</Text>
      <View className="card card--links">
        {CONSOLE_LINKS.map(([id, label, hint, route]) => (
          <NavRow key={id} id={id} label={t(label)} hint={t(hint)} onClick={() => openPage(route)} />
        ))}
      </View>
    </>
  );
}

/** The figures the office is asked for most, as they stand today, and the recording queue (pending, overdue). */
function Headlines({ stats, t }: { stats: StatsResponse; t: Translate }) {
  const { current } = stats;
  const figures: [string, string, string][] = [
    ['members', t('dashboard.members'), String(current.members)],
    ['points', t('dashboard.pointsOutstanding', { currency: stats.currencyName }), String(current.pointsOutstanding)],
    ['certificates', t('dashboard.activeCertificates'), String(current.activeCertificates)],
    ['merchants', t('dashboard.activeMerchants'), String(current.activeMerchants)],
    ['fund', t('dashboard.fundBalance'), `¥${formatFen(current.fundBalanceFen)}`],
    ...(current.pendingClaims !== undefined
      ? ([
          ['pending-claims', t('dashboard.pendingClaims'), String(current.pendingClaims)],
          ['overdue-claims', t('dashboard.overdueClaims'), String(current.overdueClaims ?? 0)],
        ] as [string, string, string][])
      : []),
  ];
  return (
    <View className="headlines" id="dashboard-headlines">
      {figures.map(([key, label, value]) => (
        <View className="card headline" id={`headline-${key}`} key={key}>
          <Text className="card__label">{label}</Text>
          <Text className="headline__value">{value}</Text>
        </View>
      ))}
    </View>
  );
}

/** Each volunteer team's hours and visits over the months shown, most hours first (nothing without teams). */
function TeamFigures({ teams, t }: { teams: readonly TeamRow[]; t: Translate }) {
  if (teams.length === 0) return null;
  return (
    <>
      <Text className="section-title">{t('teams.dashboardTitle')}</Text>
      <View className="card" id="dashboard-teams">
        {teams.map((team) => (
          <View className="row" key={team.id} id={`dashboard-team-${team.id}`}>
            <Text className="row__text">{team.name}</Text>
            <Text className="card__label">
              {t('teams.dashboardRow', { hours: formatHours(team.volunteerMinutes), visits: team.volunteerVisits })}
            </Text>
          </View>
        ))}
      </View>
    </>
  );
}
