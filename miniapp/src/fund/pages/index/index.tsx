import Taro, { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { contracts, fillPath, type FundPage } from '@linli/shared';
import { request } from '../../../api';
import EmptyState from '../../../components/empty-state';
import FundEntryRow from '../../../components/fund-entry-row';
import FundHolderCard from '../../../components/fund-holder-card';
import PageLayout from '../../../components/page-layout';
import PagedListView from '../../../components/paged-list';
import { formatYuan } from '../../../format/market';
import { usePagedList } from '../../../hooks/paged-list';
import { useSession } from '../../../state/session';
import { useI18n } from '../../../i18n';
import { ROUTES, openPage } from '../../../routes';

type FundSummary = Omit<FundPage, 'entries' | 'nextCursor' | 'receipts' | 'messages' | 'donors'>;

/** The CSV of every entry: a plain download link, no login. */
export function fundCsvUrl(communityId: string): string {
  return LINLI_API_BASE + fillPath(contracts.exportFundCsv.path, { cid: communityId });
}

/**
 * 社区基金, open to everyone without logging in (`?cid=` names the community, else the one I chose):
 * the balance, income and expense, monthly totals, every entry with its running balance and hash,
 * and the latest hash to keep and compare later.
 */
export default function FundPublicPage() {
  const { t } = useI18n();
  const { communityId } = useSession();
  const cid = useRouter().params.cid ?? communityId ?? '';
  const [summary, setSummary] = useState<FundSummary>();
  const entries = usePagedList(cid ? `fund:${cid}` : null, async (cursor) => {
    const { entries, receipts, messages, donors, nextCursor, ...rest } = await request(contracts.getFund, {
      params: { cid },
      query: { cursor },
    });
    if (!cursor) setSummary(rest);
    // An expense's receipt photo, where it may be shown (the entry itself keeps only its id: it is hashed),
    // a donor's message the office released after WeChat's check held it, and the donor's name if they chose
    // to be named (both beside the entry, not in it).
    const items = entries.map((entry) => {
      const receipt = entry.receiptImageId ? receipts?.[entry.receiptImageId] : undefined;
      const message = messages?.[entry.id];
      const donor = donors?.[entry.id] ?? entry.donorName;
      return {
        ...entry,
        ...(receipt ? { receipt } : {}),
        ...(message ? { message } : {}),
        ...(donor ? { donor } : {}),
      };
    });
    return { items, nextCursor };
  });

  return (
    <PageLayout title="fund.title" requires="none">
      {!cid ? <EmptyState id="fund-no-community" title={t('fund.noCommunity')} /> : null}
      {summary && cid ? <FundOverview summary={summary} communityId={cid} /> : null}
      {cid ? (
        <>
          <Button id="fund-donate" className="button" onClick={() => openPage(ROUTES.donate)}>
            {t('fund.donate')}
          </Button>
          <Text className="section-title">{t('fund.entries')}</Text>
          <PagedListView
            id="fund-entries"
            list={entries}
            empty={t('fund.empty')}
            renderItem={(entry) => <FundEntryRow key={entry.id} entry={entry} />}
          />
        </>
      ) : null}
    </PageLayout>
  );
}

function FundOverview({ summary, communityId }: { summary: FundSummary; communityId: string }) {
  const { t } = useI18n();
  const download = () => {
    const url = fundCsvUrl(communityId);
    if (process.env.TARO_ENV === 'h5') window.open(url, '_blank');
    else void Taro.setClipboardData({ data: url });
  };
  return (
    <>
      <FundHolderCard holder={summary.holder} open={summary.donationsOpen} />
      <View className="card fund-overview">
        <Text className="card__label">{t('fund.balance')}</Text>
        <Text className="fund-overview__balance" id="fund-balance">
          {formatYuan(summary.balanceFen)}
        </Text>
        <View className="row">
          <View className="row__text">
            <Text className="card__label">{t('fund.income')}</Text>
            <Text className="card__value ledger-row__amount--in" id="fund-income">
              {formatYuan(summary.incomeFen)}
            </Text>
          </View>
          <View className="row__text">
            <Text className="card__label">{t('fund.expense')}</Text>
            <Text className="card__value ledger-row__amount--out" id="fund-expense">
              {formatYuan(summary.expenseFen)}
            </Text>
          </View>
        </View>
        <Text className="card__hint">{t('fund.entryCount', { count: summary.entryCount })}</Text>
      </View>

      <View className="card fund-hash" id="fund-latest-hash-card">
        <Text className="card__label">{t('fund.latestHash')}</Text>
        <Text className="hash fund-hash__value" id="fund-latest-hash" userSelect>
          {summary.latestHash}
        </Text>
        <Text className="card__hint">{t('fund.latestHashHint')}</Text>
      </View>

      {summary.months.length > 0 ? (
        <View className="card" id="fund-months">
          <Text className="card__label">{t('fund.months')}</Text>
          {summary.months.map((month) => (
            <View className="row fund-month" key={month.month} id={`fund-month-${month.month}`}>
              <Text className="row__text">{month.month}</Text>
              <Text className="ledger-row__amount--in">+{formatYuan(month.incomeFen)}</Text>
              <Text className="ledger-row__amount--out">-{formatYuan(month.expenseFen)}</Text>
            </View>
          ))}
        </View>
      ) : null}

      <Button
        id="fund-disclosure"
        className="button button--secondary"
        onClick={() => openPage(ROUTES.fundDisclosure, { cid: communityId })}
      >
        {t('fund.disclosure')}
      </Button>

      <View className="card">
        <Button id="fund-csv" className="button button--secondary" onClick={download}>
          {t('fund.csv')}
        </Button>
        <Text className="card__hint hash" id="fund-csv-url">
          {fundCsvUrl(communityId)}
        </Text>
      </View>
    </>
  );
}
