import CartCheckout from '../../components/cart-checkout';
import NavRow from '../../../components/nav-row';
import PageLayout from '../../../components/page-layout';
import { useSession } from '../../../state/session';
import { useI18n } from '../../../i18n';
import { ROUTES, openPage } from '../../../routes';

/** 购物车 of 微益坊: several products in one order, paid once. */
export default function CartPage() {
  const { t } = useI18n();
  const { communityId } = useSession();
  return (
    <PageLayout title="cart.title" requires="community">
      {communityId ? <CartCheckout communityId={communityId} /> : null}
      <NavRow id="cart-my-orders" label={t('shop.myOrders')} onClick={() => openPage(ROUTES.myOrders)} />
    </PageLayout>
  );
}
