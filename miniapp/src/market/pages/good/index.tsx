import { useRouter } from '@tarojs/taro';
import { contracts } from '@linli/shared';
import { request, useApi } from '../../../api';
import EmptyState from '../../../components/empty-state';
import GoodCard from '../../../components/good-card';
import NavRow from '../../../components/nav-row';
import PageLayout from '../../../components/page-layout';
import RedeemForm from '../../../components/redeem-form';
import { useMe } from '../../../hooks/me';
import { useI18n } from '../../../i18n';
import { ROUTES, openPage } from '../../../routes';
import { currencyOf } from '../../../format/points';

/** One supermarket good: what it is, its price and stock, and 兑换 with a quantity. */
export default function GoodPage() {
  const { t, language } = useI18n();
  const goodId = useRouter().params.id ?? '';
  const me = useMe();
  const cid = me.communityId;
  const goods = useApi(me.data ? `goods:${cid}` : null, () => request(contracts.listGoods, { params: { cid } }));
  const good = goods.data?.items.find((item) => item.id === goodId);
  const currency = me.data ? currencyOf(me.data.community, language) : '';

  return (
    <PageLayout
      title="good.title"
      requires="community"
      loading={me.loading || goods.loading}
      error={me.error ?? goods.error}
      onRetry={() => {
        me.reload();
        goods.reload();
      }}
    >
      {good ? (
        <GoodCard good={good} currencyName={currency}>
          <RedeemForm
            communityId={cid}
            good={good}
            currencyName={currency}
            onRedeemed={() => {
              me.reload();
              goods.reload();
            }}
          />
        </GoodCard>
      ) : null}
      {goods.data && !good ? <EmptyState id="good-missing" title={t('good.missing')} /> : null}
      {me.data ? (
        <NavRow
          id="good-my-redemptions"
          label={t('market.myRedemptions')}
          hint={t('market.balance', { currency, balance: me.data.balancePoints })}
          onClick={() => openPage(ROUTES.myRedemptions)}
        />
      ) : null}
    </PageLayout>
  );
}
