import { Text, View } from '@tarojs/components';
import { contracts } from '@linli/shared';
import { request } from '../../../api';
import MerchantLayout from '../../components/merchant-layout';
import PagedListView from '../../../components/paged-list';
import { formatYuan } from '../../../format/market';
import { formatDateTime } from '../../../format/time';
import { usePagedList } from '../../../hooks/paged-list';
import { useI18n } from '../../../i18n';

/** The discounts given at this merchant, newest first. */
export default function MerchantUsesPage() {
  return (
    <MerchantLayout title="merchantConsole.uses">
      {({ communityId, merchant }) => <UsesList communityId={communityId} merchantId={merchant.id} />}
    </MerchantLayout>
  );
}

function UsesList({ communityId, merchantId }: { communityId: string; merchantId: string }) {
  const { t, language } = useI18n();
  const uses = usePagedList(`merchant-uses:${communityId}:${merchantId}`, (cursor) =>
    request(contracts.listMerchantUses, { params: { cid: communityId, mid: merchantId }, query: { cursor } }),
  );
  return (
    <PagedListView
      id="merchant-uses-list"
      list={uses}
      empty={t('uses.empty')}
      renderItem={(use) => (
        <View className="card" key={use.id} id={`use-${use.id}`}>
          <Text className="card__value">{use.memberName}</Text>
          <View className="tags">
            {use.billFen !== undefined ? <Text className="tag tag--plain">{formatYuan(use.billFen)}</Text> : null}
            {use.flagged ? <Text className="tag tag--danger">{t('uses.flagged')}</Text> : null}
          </View>
          <Text className="card__hint">{formatDateTime(use.at, language)}</Text>
        </View>
      )}
    />
  );
}
