import Taro, { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { contracts, dayOf, quarterOf, type FundDisclosure } from '@linli/shared';
import { request, useApi } from '../../../api';
import { downloadFundDisclosure } from '../../../api/download';
import ActionOutcome from '../../../components/action-outcome';
import ChoiceTabs from '../../../components/choice-tabs';
import EmptyState from '../../../components/empty-state';
import ImageGallery from '../../../components/image-gallery';
import PageLayout from '../../../components/page-layout';
import SubmitButton from '../../../components/submit-button';
import { formatYuan } from '../../../format/market';
import { useAction } from '../../../hooks/action';
import { useI18n, type MessageKey } from '../../../i18n';
import { useSession } from '../../../state/session';
import { ROUTES, restartAt } from '../../../routes';
import './index.scss';

const QUARTERS = ['', '-Q1', '-Q2', '-Q3', '-Q4'] as const;
const YEARS_SHOWN = 5;

/** The periods that may be chosen at `now`: this year and the four before, whole or by quarter, none not yet begun. */
export function periodChoices(now: Date = new Date()): { years: string[]; current: string } {
  const current = quarterOf(now);
  const year = Number(current.slice(0, 4));
  return { years: Array.from({ length: YEARS_SHOWN }, (_, index) => String(year - index)), current };
}

/** `2026-Q3` has begun by `current` (`2026-Q4`)? Quarters compare as text within a year; a year has begun once its Q1 has. */
export const hasBegun = (period: string, current: string) => (period.length === 4 ? `${period}-Q1` : period) <= current;

/** The quarter before the current one: the latest that is complete, chosen first. */
export function latestComplete(current: string): string {
  const year = Number(current.slice(0, 4));
  const quarter = Number(current.slice(6));
  return quarter === 1 ? `${year - 1}-Q4` : `${year}-Q${quarter - 1}`;
}

function goBack(): void {
  Taro.navigateBack().catch(() => restartAt(ROUTES.fund));
}

/**
 * 信息公开 (issue 20; 慈善组织信息公开办法): the fund's disclosure of a China-time quarter or year —
 * opening and closing balance, income by source, expenses by purpose with each receipt, the chain's
 * head — public, laid out to print on A4 (`@media print` in index.scss), with the same as Excel.
 */
export default function FundDisclosurePage() {
  const { t } = useI18n();
  const { communityId } = useSession();
  const cid = useRouter().params.cid ?? communityId ?? '';
  const { years, current } = periodChoices();
  const [period, setPeriod] = useState(latestComplete(current));
  const pack = useApi(cid ? `disclosure:${cid}:${period}` : null, () =>
    request(contracts.getFundDisclosure, { params: { cid, period } }),
  );
  return (
    <PageLayout
      title="disclosure.title"
      loading={Boolean(cid) && pack.loading}
      error={pack.error}
      onRetry={pack.reload}
    >
      {!cid ? <EmptyState id="disclosure-no-community" title={t('fund.noCommunity')} /> : null}
      <PeriodPicker years={years} current={current} period={period} onChoose={setPeriod} />
      {pack.data ? <DisclosureSheet pack={pack.data} /> : null}
      {cid ? <DisclosureActions communityId={cid} period={period} /> : null}
    </PageLayout>
  );
}

/** Year, then the whole year or a quarter of it (large buttons); periods not yet begun are not offered. */
function PeriodPicker(props: { years: string[]; current: string; period: string; onChoose: (period: string) => void }) {
  const { t } = useI18n();
  const year = props.period.slice(0, 4);
  const suffix = props.period.slice(4);
  // Another year keeps the quarter chosen, unless that quarter has not begun: then the whole year.
  const chooseYear = (chosen: string) =>
    props.onChoose(hasBegun(chosen + suffix, props.current) ? chosen + suffix : chosen);
  const quarters = QUARTERS.filter((quarter) => hasBegun(year + quarter, props.current)).map((quarter) => ({
    value: quarter ? quarter.slice(1) : 'year',
    label: t(`disclosure.quarter.${quarter ? quarter.slice(1) : 'year'}` as MessageKey),
  }));
  return (
    <View className="card disclosure-controls" id="disclosure-picker">
      <Text className="card__label">{t('disclosure.chooseYear')}</Text>
      <ChoiceTabs
        idPrefix="disclosure-year"
        choices={props.years.map((each) => ({ value: each, label: each }))}
        value={year}
        onChange={chooseYear}
      />
      <Text className="card__label">{t('disclosure.chooseQuarter')}</Text>
      <ChoiceTabs
        idPrefix="disclosure-quarter"
        choices={quarters}
        value={suffix ? suffix.slice(1) : 'year'}
        onChange={(value) => props.onChoose(value === 'year' ? year : `${year}-${value}`)}
      />
    </View>
  );
}

function DisclosureSheet({ pack }: { pack: FundDisclosure }) {
  const { t } = useI18n();
  const figure = (id: string, label: MessageKey, amountFen: number) => (
    <View className="disclosure-row" id={`disclosure-${id}`}>
      <Text className="disclosure-row__label">{t(label)}</Text>
      <Text className="disclosure-row__amount">{formatYuan(amountFen)}</Text>
    </View>
  );
  return (
    <View className="disclosure-sheet" id="disclosure-sheet">
      <Text className="disclosure-sheet__title">
        {t('disclosure.heading', { period: periodLabel(pack.period, t) })}
      </Text>
      <Text className="disclosure-sheet__hint" id="disclosure-dates">
        {t(pack.complete ? 'disclosure.dates' : 'disclosure.datesSoFar', { from: pack.firstDay, to: pack.lastDay })}
      </Text>
      <View className="disclosure-section" id="disclosure-figures">
        {figure('opening', 'disclosure.opening', pack.openingBalanceFen)}
        {figure('income', 'disclosure.income', pack.incomeFen)}
        {figure('expense', 'disclosure.expense', pack.expenseFen)}
        {figure('closing', 'disclosure.closing', pack.closingBalanceFen)}
      </View>
      <IncomeTable pack={pack} />
      <ExpenseTable pack={pack} />
      <View className="disclosure-section" id="disclosure-chain">
        <Text className="disclosure-section__title">{t('disclosure.chainHead')}</Text>
        <Text className="disclosure-sheet__hint">
          {t('disclosure.chainHeadHint', { sequence: pack.chainHead.sequence, count: pack.entryCount })}
        </Text>
        <Text className="hash disclosure-hash" id="disclosure-chain-hash" userSelect>
          {pack.chainHead.hash}
        </Text>
      </View>
    </View>
  );
}

function periodLabel(period: string, t: ReturnType<typeof useI18n>['t']): string {
  if (period.length === 4) return t('disclosure.periodYear', { year: period });
  return t('disclosure.periodQuarter', { year: period.slice(0, 4), quarter: period.slice(6) });
}

function IncomeTable({ pack }: { pack: FundDisclosure }) {
  const { t } = useI18n();
  return (
    <View className="disclosure-section" id="disclosure-income-table">
      <Text className="disclosure-section__title">{t('disclosure.incomeBySource')}</Text>
      {pack.incomeBySource.length === 0 ? <Text className="disclosure-sheet__hint">{t('disclosure.none')}</Text> : null}
      {pack.incomeBySource.map((source) => (
        <View className="disclosure-row" key={source.kind} id={`disclosure-income-${source.kind}`}>
          <Text className="disclosure-row__label">{t(`fund.kind.${source.kind}` as MessageKey)}</Text>
          <Text className="disclosure-row__count">{t('disclosure.count', { count: source.count })}</Text>
          <Text className="disclosure-row__amount">{formatYuan(source.amountFen)}</Text>
        </View>
      ))}
    </View>
  );
}

function ExpenseTable({ pack }: { pack: FundDisclosure }) {
  const { t } = useI18n();
  const label = (category: string) =>
    t((category === 'refund' ? 'fund.kind.refund' : `fund.category.${category}`) as MessageKey);
  return (
    <View className="disclosure-section" id="disclosure-expense-table">
      <Text className="disclosure-section__title">{t('disclosure.expensesByPurpose')}</Text>
      {pack.expensesByPurpose.length === 0 ? (
        <Text className="disclosure-sheet__hint">{t('disclosure.none')}</Text>
      ) : null}
      {pack.expensesByPurpose.map((purpose) => (
        <View className="disclosure-purpose" key={purpose.category} id={`disclosure-purpose-${purpose.category}`}>
          <View className="disclosure-row disclosure-row--total">
            <Text className="disclosure-row__label">{label(purpose.category)}</Text>
            <Text className="disclosure-row__count">{t('disclosure.count', { count: purpose.count })}</Text>
            <Text className="disclosure-row__amount">{formatYuan(purpose.amountFen)}</Text>
          </View>
          {purpose.entries.map((entry) => {
            const receipt = entry.receiptImageId ? pack.receipts[entry.receiptImageId] : undefined;
            return (
              <View className="disclosure-expense" key={entry.sequence} id={`disclosure-expense-${entry.sequence}`}>
                <View className="disclosure-row">
                  <Text className="disclosure-row__label">
                    #{entry.sequence} {entry.description}
                  </Text>
                  <Text className="disclosure-row__amount">{formatYuan(entry.amountFen)}</Text>
                </View>
                <Text className="disclosure-sheet__hint">{dayOf(entry.createdAt)}</Text>
                {receipt ? (
                  <ImageGallery
                    id={`disclosure-receipt-${entry.sequence}`}
                    images={[receipt]}
                    subject={t('photos.receipt')}
                  />
                ) : null}
              </View>
            );
          })}
        </View>
      ))}
    </View>
  );
}

function DisclosureActions({ communityId, period }: { communityId: string; period: string }) {
  const { t } = useI18n();
  const action = useAction();
  const download = () =>
    action.run(async () => {
      await downloadFundDisclosure(communityId, period);
      return t('disclosure.downloaded');
    });
  return (
    <View className="card disclosure-controls" id="disclosure-actions">
      <SubmitButton id="disclosure-download" busy={action.busy} onClick={() => void download()}>
        {t('disclosure.download')}
      </SubmitButton>
      {process.env.TARO_ENV === 'h5' ? (
        <Button id="disclosure-print" className="button button--secondary" onClick={() => window.print()}>
          {t('disclosure.print')}
        </Button>
      ) : null}
      <ActionOutcome id="disclosure-download" outcome={action.outcome} />
      <Button id="disclosure-back" className="button button--secondary" onClick={goBack}>
        {t('disclosure.back')}
      </Button>
    </View>
  );
}
