import { Text, View } from '@tarojs/components';
import { contracts } from '@linli/shared';
import { request } from '../../../api';
import LedgerRow from '../../components/ledger-list';
import PageLayout from '../../../components/page-layout';
import PagedListView from '../../../components/paged-list';
import { useMe } from '../../../hooks/me';
import { usePagedList } from '../../../hooks/paged-list';
import { useSession } from '../../../state/session';
import { useI18n } from '../../../i18n';
import { currencyOf } from '../../../format/points';

/** Every movement of my points, newest first, with the balance on top. */
export default function MyLedgerPage() {
  const { t, language } = useI18n();
  const { token, communityId } = useSession();
  const me = useMe();
  const ledger = usePagedList(token && communityId ? `my-ledger:${communityId}:${token}` : null, (cursor) =>
    request(contracts.getMyLedger, { params: { cid: communityId ?? '' }, query: { cursor } }),
  );
  const currency = me.data ? currencyOf(me.data.community, language) : '';

  return (
    <PageLayout title="ledger.title" requires="community" loading={me.loading} error={me.error} onRetry={me.reload}>
      {me.data ? (
        <View className="card">
          <Text className="card__label">{t('me.balanceLabel')}</Text>
          <Text className="points" id="ledger-balance">
            {t('me.balance', { currency, balance: me.data.balancePoints })}
          </Text>
        </View>
      ) : null}
      <PagedListView
        id="ledger-list"
        list={ledger}
        empty={t('ledger.empty')}
        emptyHint={t('ledger.emptyHint')}
        renderItem={(entry) => <LedgerRow key={entry.transferId} entry={entry} currency={currency} />}
      />
    </PageLayout>
  );
}
