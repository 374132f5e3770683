import { View } from '@tarojs/components';
import { contracts } from '@linli/shared';
import { request, useApi } from '../../../api';
import EmptyState from '../../../components/empty-state';
import NavRow from '../../../components/nav-row';
import PageLayout from '../../../components/page-layout';
import ProductCard from '../../../components/product-card';
import { useCart } from '../../../hooks/cart';
import { useSession } from '../../../state/session';
import { useI18n } from '../../../i18n';
import { ROUTES, openPage } from '../../../routes';

/** 微益坊: residents' handmade goods; every sale returns a share to the community fund. */
export default function ShopPage() {
  const { t } = useI18n();
  const { communityId } = useSession();
  const cid = communityId ?? '';
  const cart = useCart(cid);
  const products = useApi(communityId && `products:${communityId}`, () =>
    request(contracts.listProducts, { params: { cid } }),
  );
  return (
    <PageLayout
      title="shop.title"
      requires="community"
      loading={products.loading}
      error={products.error}
      onRetry={products.reload}
    >
      <View className="card card--links">
        <NavRow
          id="shop-cart"
          label={cart.count > 0 ? t('cart.linkCount', { count: cart.count }) : t('cart.title')}
          onClick={() => openPage(ROUTES.cart)}
        />
        <NavRow id="shop-my-orders" label={t('shop.myOrders')} onClick={() => openPage(ROUTES.myOrders)} />
        <NavRow
          id="shop-maker"
          label={t('shop.makerConsole')}
          hint={t('shop.makerConsoleHint')}
          onClick={() => openPage(ROUTES.makerConsole)}
        />
        <NavRow
          id="shop-fund"
          label={t('fund.title')}
          hint={t('fund.linkHint')}
          onClick={() => openPage(ROUTES.fund, { cid })}
        />
      </View>
      {products.data?.items.length === 0 ? (
        <EmptyState id="shop-products-empty" title={t('shop.empty')} hint={t('shop.emptyHint')} />
      ) : null}
      <View className="list" id="shop-products">
        {products.data?.items.map((product) => (
          <ProductCard key={product.id} product={product} onOpen={() => openPage(ROUTES.product, { id: product.id })} />
        ))}
      </View>
    </PageLayout>
  );
}
