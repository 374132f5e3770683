import { useRouter } from '@tarojs/taro';
import { contracts } from '@linli/shared';
import { request, useApi } from '../../../api';
import BuyForm from '../../components/buy-form';
import NavRow from '../../../components/nav-row';
import PageLayout from '../../../components/page-layout';
import ProductCard from '../../../components/product-card';
import { useSession } from '../../../state/session';
import { useI18n } from '../../../i18n';
import { ROUTES, openPage } from '../../../routes';

/** One 微益坊 product (`?id=`): what it is, who made it, and 购买 with the quantity. */
export default function ProductPage() {
  const { t } = useI18n();
  const productId = useRouter().params.id ?? '';
  const { communityId } = useSession();
  const cid = communityId ?? '';
  const product = useApi(communityId && productId ? `product:${communityId}:${productId}` : null, () =>
    request(contracts.getProduct, { params: { cid, pid: productId } }),
  );
  return (
    <PageLayout
      title="product.title"
      requires="community"
      loading={product.loading}
      error={product.error}
      onRetry={product.reload}
    >
      {product.data ? (
        <ProductCard product={product.data}>
          <BuyForm communityId={cid} product={product.data} />
        </ProductCard>
      ) : null}
      <NavRow id="product-cart" label={t('cart.title')} onClick={() => openPage(ROUTES.cart)} />
      <NavRow id="product-my-orders" label={t('shop.myOrders')} onClick={() => openPage(ROUTES.myOrders)} />
    </PageLayout>
  );
}
