import { Button, View } from '@tarojs/components';
import { useState } from 'react';
import { contracts, type Order, type OrderStatus } from '@linli/shared';
import { request } from '../../../api';
import ActionOutcome from '../../../components/action-outcome';
import ChoiceTabs from '../../../components/choice-tabs';
import OfficeLayout from '../../components/office-layout';
import OrderSummary from '../../../components/order-summary';
import PagedListView from '../../../components/paged-list';
import ReasonPrompt from '../../components/reason-prompt';
import { useAction } from '../../../hooks/action';
import { usePagedList } from '../../../hooks/paged-list';
import { useI18n } from '../../../i18n';

type FulfilStatus = 'ready_for_pickup' | 'shipped' | 'completed';

/** The statuses the office filters by, in the order an order goes through them. */
const FILTERS: readonly OrderStatus[] = [
  'paid',
  'ready_for_pickup',
  'shipped',
  'completed',
  'refunded',
  'pending_payment',
];

/** What may come next after each status (the server has the last word). */
const NEXT: Partial<Record<OrderStatus, readonly FulfilStatus[]>> = {
  paid: ['ready_for_pickup', 'shipped', 'completed'],
  ready_for_pickup: ['completed'],
  shipped: ['completed'],
};
const REFUNDABLE: readonly OrderStatus[] = ['paid', 'ready_for_pickup', 'shipped', 'completed'];

/** 微益坊 orders by status: hand over (ready for pickup / shipped / completed) or refund with a reason. */
export default function OfficeOrdersPage() {
  return <OfficeLayout title="office.orders">{({ communityId }) => <Orders communityId={communityId} />}</OfficeLayout>;
}

function Orders({ communityId }: { communityId: string }) {
  const { t } = useI18n();
  const [status, setStatus] = useState<OrderStatus>('paid');
  const orders = usePagedList(`office-orders:${communityId}:${status}`, (cursor) =>
    request(contracts.listOrders, { params: { cid: communityId }, query: { status, cursor } }),
  );
  return (
    <>
      <ChoiceTabs
        idPrefix="orders-filter"
        choices={FILTERS.map((value) => ({ value, label: t(`order.status.${value}`) }))}
        value={status}
        onChange={setStatus}
      />
      <PagedListView
        id="office-orders"
        list={orders}
        empty={t('officeOrders.empty')}
        renderItem={(order) => (
          <OrderSummary key={order.id} order={order} showBuyer>
            <OrderActions
              communityId={communityId}
              order={order}
              onChanged={() => setTimeout(() => orders.removeWhere((item) => item.id === order.id), 800)}
            />
          </OrderSummary>
        )}
      />
    </>
  );
}

function OrderActions({ communityId, order, onChanged }: { communityId: string; order: Order; onChanged: () => void }) {
  const { t } = useI18n();
  const action = useAction();
  const params = { cid: communityId, oid: order.id };
  const act = async (call: () => Promise<Order>) => {
    const done = await action.run(async () => {
      const changed = await call();
      return t('officeOrders.changed', { status: t(`order.status.${changed.status}`) });
    });
    if (done) onChanged();
  };
  return (
    <View className="order-actions">
      <View className="row">
        {(NEXT[order.status] ?? []).map((next) => (
          <Button
            key={next}
            id={`order-${next}-${order.id}`}
            className="button button--secondary button--small"
            onClick={() => act(() => request(contracts.fulfilOrder, { params, body: { status: next } }))}
          >
            {t(`officeOrders.mark.${next}`)}
          </Button>
        ))}
      </View>
      {REFUNDABLE.includes(order.status) ? (
        <ReasonPrompt
          id={`order-refund-${order.id}`}
          label={t('officeOrders.refund')}
          placeholder={t('officeOrders.refundPlaceholder')}
          danger
          busy={action.busy}
          onConfirm={(reason) => act(() => request(contracts.refundOrder, { params, body: { reason } }))}
        />
      ) : null}
      <ActionOutcome id={`order-action-${order.id}`} outcome={action.outcome} />
    </View>
  );
}
