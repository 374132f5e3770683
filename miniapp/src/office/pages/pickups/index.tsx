import { Text } from '@tarojs/components';
import { useState } from 'react';
import { contracts, type Redemption } from '@linli/shared';
import { request } from '../../../api';
import OfficeLayout from '../../components/office-layout';
import PagedListView from '../../../components/paged-list';
import PickupForm from '../../components/pickup-form';
import RedemptionCard from '../../../components/redemption-card';
import TextField from '../../../components/text-field';
import { usePagedList } from '../../../hooks/paged-list';
import { useI18n } from '../../../i18n';
import { currencyOf } from '../../../format/points';

/** Goods waiting at the office: find the resident, type the code they show, hand the goods over. */
export default function OfficePickupsPage() {
  const { language } = useI18n();
  return (
    <OfficeLayout title="office.pickups">
      {({ communityId, me }) => (
        <PickupQueue communityId={communityId} currencyName={currencyOf(me.community, language)} />
      )}
    </OfficeLayout>
  );
}

function PickupQueue({ communityId, currencyName }: { communityId: string; currencyName: string }) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const [handedOver, setHandedOver] = useState<Record<string, Redemption>>({});
  const reserved = usePagedList(`pickups:${communityId}`, (cursor) =>
    request(contracts.listRedemptions, { params: { cid: communityId }, query: { status: 'reserved', cursor } }),
  );
  const needle = search.trim().toLowerCase();
  const shown = needle
    ? {
        ...reserved,
        items: reserved.items.filter((item) => `${item.memberName} ${item.goodName}`.toLowerCase().includes(needle)),
      }
    : reserved;
  return (
    <>
      <Text className="notice">{t('pickup.intro')}</Text>
      <TextField
        id="pickup-search"
        label={t('pickup.search')}
        value={search}
        placeholder={t('office.memberSearch')}
        onChange={setSearch}
      />
      <PagedListView
        id="pickups-list"
        list={shown}
        empty={t('pickup.empty')}
        renderItem={(redemption) => (
          <RedemptionCard
            key={redemption.id}
            redemption={handedOver[redemption.id] ?? redemption}
            currencyName={currencyName}
            showMember
          >
            <PickupForm
              communityId={communityId}
              redemption={redemption}
              onHandedOver={(handed) => setHandedOver((previous) => ({ ...previous, [handed.id]: handed }))}
            />
          </RedemptionCard>
        )}
      />
    </>
  );
}
