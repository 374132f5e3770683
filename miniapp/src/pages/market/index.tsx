import { Button, Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { contracts, type Good, type MerchantPost, type PublicMerchant, type PublicProduct } from '@linli/shared';
import { request, useApi, type ApiState } from '../../api';
import EmptyState from '../../components/empty-state';
import GoodCard from '../../components/good-card';
import MerchantCard from '../../components/merchant-card';
import NavRow from '../../components/nav-row';
import PageLayout from '../../components/page-layout';
import PostCard from '../../components/post-card';
import ProductCard from '../../components/product-card';
import RedeemForm from '../../components/redeem-form';
import { useMe } from '../../hooks/me';
import { useReloadOnShow } from '../../hooks/reload-on-show';
import { describeError, useI18n } from '../../i18n';
import { ROUTES, openPage } from '../../routes';
import { currencyOf } from '../../format/points';

/** How many board posts the hub shows; the posts page has them all. */
const POSTS_ON_HUB = 3;
/** How many 微益坊 products the hub shows; the shop page has them all. */
const PRODUCTS_ON_HUB = 3;

/**
 * 集市: the community's market in one place — 诚信超市 goods to redeem with points, the
 * alliance merchants and their volunteer discount, and the merchants' board.
 */
export default function MarketPage() {
  const { language } = useI18n();
  const me = useMe();
  const cid = me.communityId;
  const key = me.data ? cid : null;
  const goods = useApi(key && `goods:${key}`, () => request(contracts.listGoods, { params: { cid } }));
  const merchants = useApi(key && `merchants:${key}`, () => request(contracts.listMerchants, { params: { cid } }));
  const posts = useApi(key && `posts:${key}`, () => request(contracts.listPosts, { params: { cid } }));
  const products = useApi(key && `products:${key}`, () => request(contracts.listProducts, { params: { cid } }));
  useReloadOnShow(() => {
    me.reload();
    goods.reload();
    merchants.reload();
    posts.reload();
    products.reload();
  });
  const currency = me.data ? currencyOf(me.data.community, language) : '';
  const redeemed = () => {
    me.reload();
    goods.reload();
  };

  return (
    <PageLayout title="market.title" requires="community" loading={me.loading} error={me.error} onRetry={me.reload}>
      {me.data ? <MyMarketLinks currency={currency} balance={me.data.balancePoints} /> : null}
      <SupermarketSection communityId={cid} goods={goods} currency={currency} onRedeemed={redeemed} />
      <ShopSection communityId={cid} products={products} />
      <AllianceSection merchants={merchants} />
      <BoardSection posts={posts} />
    </PageLayout>
  );
}

/** My redemptions (with my balance) and the leaderboard. */
function MyMarketLinks({ currency, balance }: { currency: string; balance: number }) {
  const { t } = useI18n();
  return (
    <View className="card card--links">
      <NavRow
        id="market-my-redemptions"
        label={t('market.myRedemptions')}
        hint={t('market.balance', { currency, balance })}
        onClick={() => openPage(ROUTES.myRedemptions)}
      />
      <NavRow id="market-leaderboard" label={t('market.leaderboard')} onClick={() => openPage(ROUTES.leaderboard)} />
    </View>
  );
}

/** 诚信超市: every good, each with its redeem form. */
function SupermarketSection({
  communityId,
  goods,
  currency,
  onRedeemed,
}: {
  communityId: string;
  goods: ApiState<{ items: Good[] }>;
  currency: string;
  onRedeemed: () => void;
}) {
  const { t } = useI18n();
  return (
    <>
      <Text className="section-title">{t('market.supermarket')}</Text>
      <Section state={goods} id="market-goods" empty={t('market.goodsEmpty')} emptyHint={t('market.goodsEmptyHint')}>
        {goods.data?.items.map((good) => (
          <GoodCard
            key={good.id}
            good={good}
            currencyName={currency}
            onOpen={() => openPage(ROUTES.good, { id: good.id })}
          >
            <RedeemForm communityId={communityId} good={good} currencyName={currency} onRedeemed={onRedeemed} />
          </GoodCard>
        ))}
      </Section>
    </>
  );
}

/** 微益坊: the first products, then links to the shop and to the public fund. */
function ShopSection({
  communityId,
  products,
}: {
  communityId: string;
  products: ApiState<{ items: PublicProduct[] }>;
}) {
  const { t } = useI18n();
  return (
    <>
      <Text className="section-title">{t('shop.title')}</Text>
      <Section state={products} id="market-products" empty={t('shop.empty')} emptyHint={t('shop.emptyHint')}>
        {products.data?.items.slice(0, PRODUCTS_ON_HUB).map((product) => (
          <ProductCard key={product.id} product={product} onOpen={() => openPage(ROUTES.product, { id: product.id })} />
        ))}
      </Section>
      <View className="card card--links">
        <NavRow
          id="market-shop"
          label={t('market.shop')}
          hint={t('market.shopHint')}
          onClick={() => openPage(ROUTES.shop)}
        />
        <NavRow
          id="market-fund"
          label={t('fund.title')}
          hint={t('fund.linkHint')}
          onClick={() => openPage(ROUTES.fund, { cid: communityId })}
        />
      </View>
    </>
  );
}

/** The alliance's merchants, and how a shop applies to join. */
function AllianceSection({ merchants }: { merchants: ApiState<{ items: PublicMerchant[] }> }) {
  const { t } = useI18n();
  return (
    <>
      <Text className="section-title">{t('market.alliance')}</Text>
      <Section state={merchants} id="market-merchants" empty={t('market.merchantsEmpty')}>
        {merchants.data?.items.map((merchant) => (
          <MerchantCard
            key={merchant.id}
            merchant={merchant}
            onOpen={() => openPage(ROUTES.merchant, { id: merchant.id })}
          />
        ))}
      </Section>
      <NavRow
        id="market-apply"
        label={t('market.apply')}
        hint={t('market.applyHint')}
        onClick={() => openPage(ROUTES.merchantApply)}
      />
    </>
  );
}

/** The merchants' board: the latest posts, and all of them a tap away. */
function BoardSection({ posts }: { posts: ApiState<{ items: MerchantPost[] }> }) {
  const { t } = useI18n();
  return (
    <>
      <Text className="section-title">{t('market.board')}</Text>
      <Section state={posts} id="market-posts" empty={t('market.postsEmpty')}>
        {posts.data?.items.slice(0, POSTS_ON_HUB).map((post) => (
          <PostCard key={post.id} post={post} />
        ))}
      </Section>
      {(posts.data?.items.length ?? 0) > 0 ? (
        <NavRow id="market-all-posts" label={t('market.allPosts')} onClick={() => openPage(ROUTES.posts)} />
      ) : null}
    </>
  );
}

/** One part of the hub: loading, the error with a retry, empty, or its cards. */
function Section({
  id,
  state,
  empty,
  emptyHint,
  children,
}: {
  id: string;
  state: ApiState<{ items: unknown[] }>;
  empty: string;
  emptyHint?: string;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  if (state.loading) return <Text className="card__hint">{t('common.loading')}</Text>;
  if (state.error) {
    return (
      <View className="card" id={`${id}-error`}>
        <Text className="form-error">{describeError(t, state.error)}</Text>
        <Button className="button button--secondary" onClick={state.reload}>
          {t('common.retry')}
        </Button>
      </View>
    );
  }
  if (state.data?.items.length === 0) return <EmptyState id={`${id}-empty`} title={empty} hint={emptyHint} />;
  return (
    <View className="list" id={id}>
      {children}
    </View>
  );
}
