import { contracts, type Order } from '@linli/shared';
import { request } from '../../../api';
import DonationReceipt from '../../../components/donation-receipt';
import OrderPayment from '../../../components/order-payment';
import OrderSummary from '../../../components/order-summary';
import PageLayout from '../../../components/page-layout';
import PagedListView from '../../../components/paged-list';
import { usePagedList } from '../../../hooks/paged-list';
import { useSession } from '../../../state/session';
import { useI18n } from '../../../i18n';

/**
 * 我的订单: my purchases and donations, newest first; an unpaid one can still be paid or cancelled, a
 * paid donation offers 申请捐赠票据 and then shows the request's status.
 */
export default function MyOrdersPage() {
  const { t } = useI18n();
  const { communityId } = useSession();
  const cid = communityId ?? '';
  const orders = usePagedList(communityId && `my-orders:${communityId}`, (cursor) =>
    request(contracts.listMyOrders, { params: { cid }, query: { cursor } }),
  );
  const changed = (_order: Order) => orders.reload();
  return (
    <PageLayout title="shop.myOrders" requires="community">
      <PagedListView
        id="my-orders"
        list={orders}
        empty={t('orders.empty')}
        renderItem={(order) => (
          <OrderSummary key={order.id} order={order}>
            <OrderPayment communityId={cid} order={order} onChanged={changed} />
            <DonationReceipt communityId={cid} order={order} onChanged={orders.reload} />
          </OrderSummary>
        )}
      />
    </PageLayout>
  );
}
