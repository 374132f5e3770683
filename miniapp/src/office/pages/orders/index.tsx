import { Button, Text, View } from '@tarojs/components';
import { useState, type ReactNode } from 'react';
import { contracts, type Order, type OrderStatus } from '@linli/shared';
import { request } from '../../../api';
import ActionOutcome from '../../../components/action-outcome';
import ChoiceTabs from '../../../components/choice-tabs';
import OfficeLayout from '../../components/office-layout';
import OrderSummary from '../../../components/order-summary';
import PagedListView from '../../../components/paged-list';
import ReasonPrompt from '../../components/reason-prompt';
import SubmitButton from '../../../components/submit-button';
import TextField from '../../../components/text-field';
import { useAction } from '../../../hooks/action';
import { usePagedList } from '../../../hooks/paged-list';
import { useI18n, type Language, type Translate } from '../../../i18n';
import DataTable, { type Column } from '../../../components/data-table';
import { fundShareOf } from '../../../components/order-summary';
import { formatYuan } from '../../../format/market';
import { formatDateTime } from '../../../format/time';

type FulfilStatus = 'ready_for_pickup' | 'shipped' | 'completed';

/** The statuses the office filters by, in the order an order goes through them; then the failed shipping uploads. */
type Filter = OrderStatus | 'shipping_failed';
const FILTERS: readonly Filter[] = [
  'paid',
  'ready_for_pickup',
  'shipped',
  'completed',
  'refunded',
  'pending_payment',
  'shipping_failed',
];

/** What may come next after each status (the server has the last word). */
const NEXT: Partial<Record<OrderStatus, readonly FulfilStatus[]>> = {
  paid: ['ready_for_pickup', 'shipped', 'completed'],
  ready_for_pickup: ['completed'],
  shipped: ['completed'],
};
/** A donation has nothing to hand over (the server refuses it): no 可以自提 / 已发货 / 已完成 for one. */
const nextFor = (order: Order): readonly FulfilStatus[] =>
  order.kind === 'donation' ? [] : (NEXT[order.status] ?? []);
const REFUNDABLE: readonly OrderStatus[] = ['paid', 'ready_for_pickup', 'shipped', 'completed'];

/** 微益坊 orders by status: hand over (ready for pickup / shipped / completed) or refund with a reason. */
export default function OfficeOrdersPage() {
  return (
    <OfficeLayout title="office.orders">
      {({ communityId, desk }) => <Orders communityId={communityId} desk={desk} />}
    </OfficeLayout>
  );
}

function Orders({ communityId, desk }: { communityId: string; desk: boolean }) {
  const { t, language } = useI18n();
  const [status, setStatus] = useState<Filter>('paid');
  const orders = usePagedList(`office-orders:${communityId}:${status}`, (cursor) =>
    request(contracts.listOrders, {
      params: { cid: communityId },
      query: status === 'shipping_failed' ? { shipping: 'failed', cursor } : { status, cursor },
    }),
  );
  const actionsFor = (order: Order) => (
    <>
      <ShippingState communityId={communityId} order={order} />
      <OrderActions
        communityId={communityId}
        order={order}
        onChanged={() => setTimeout(() => orders.removeWhere((item) => item.id === order.id), 800)}
      />
    </>
  );
  return (
    <>
      <ChoiceTabs
        idPrefix="orders-filter"
        choices={FILTERS.map((value) => ({
          value,
          label: value === 'shipping_failed' ? t('officeOrders.shippingFailed') : t(`order.status.${value}`),
        }))}
        value={status}
        onChange={setStatus}
      />
      {desk ? (
        <DataTable
          id="office-orders"
          caption={t('deskOrders.caption')}
          columns={orderColumns(t, language, actionsFor)}
          list={orders}
          rowKey={(order) => order.id}
          rowClassName={() => 'order'}
          empty={t('officeOrders.empty')}
          initialSort={{ key: 'created', direction: 'descending' }}
        />
      ) : (
        <PagedListView
          id="office-orders"
          list={orders}
          empty={t('officeOrders.empty')}
          renderItem={(order) => (
            <OrderSummary key={order.id} order={order} showBuyer>
              {actionsFor(order)}
            </OrderSummary>
          )}
        />
      )}
    </>
  );
}

/**
 * The orders table at a desk: buyer, items, total, the fund's share, status and when ordered (sortable
 * and filtered by), then the shipping upload and the actions.
 */
function orderColumns(t: Translate, language: Language, actions: (order: Order) => ReactNode): Column<Order>[] {
  const items = (order: Order) =>
    order.kind === 'donation'
      ? t('order.donation')
      : order.lines.map((line) => `${line.title} × ${line.quantity}`).join('，');
  const status = (order: Order) => t(`order.status.${order.status}`);
  return [
    { key: 'buyer', label: t('deskOrders.buyer'), value: (order) => order.buyerName, cell: (order) => order.buyerName },
    { key: 'items', label: t('deskOrders.items'), value: items, cell: items },
    {
      key: 'total',
      label: t('deskOrders.total'),
      numeric: true,
      value: (order) => order.totalFen,
      cell: (order) => formatYuan(order.totalFen),
    },
    {
      key: 'fund',
      label: t('deskOrders.fund'),
      numeric: true,
      value: fundShareOf,
      cell: (order) => formatYuan(fundShareOf(order)),
    },
    { key: 'status', label: t('deskOrders.status'), value: status, cell: status },
    {
      key: 'created',
      label: t('deskOrders.created'),
      value: (order) => order.createdAt,
      cell: (order) => formatDateTime(order.createdAt, language),
    },
    { key: 'actions', label: t('table.actions'), cell: actions },
  ];
}

/** The order's shipping upload to WeChat (发货信息): uploaded, waiting, or failed with the error and a retry. */
function ShippingState({ communityId, order }: { communityId: string; order: Order }) {
  const { t } = useI18n();
  const action = useAction();
  const [shipping, setShipping] = useState(order.shipping);
  if (!shipping) return null;
  const retry = () =>
    action.run(async () => {
      const after = await request(contracts.retryShippingUpload, { params: { cid: communityId, oid: order.id } });
      setShipping(after.shipping);
      return t('officeOrders.shippingRetried', {
        status: t(`officeOrders.shippingStatus.${after.shipping?.status ?? 'pending'}`),
      });
    });
  return (
    <View className="order-shipping" id={`order-shipping-${order.id}`}>
      {shipping.status === 'uploaded' ? (
        <View className="hint">{t('officeOrders.shippingUploaded')}</View>
      ) : shipping.status === 'pending' ? (
        <View className="hint">{t('officeOrders.shippingPending', { attempts: shipping.attempts })}</View>
      ) : (
        <View className="error">{t('officeOrders.shippingFailedHint', { error: shipping.lastError ?? '' })}</View>
      )}
      {shipping.status !== 'uploaded' ? (
        <Button
          id={`order-shipping-retry-${order.id}`}
          className="button button--secondary button--small"
          disabled={action.busy}
          onClick={retry}
        >
          {t('officeOrders.shippingRetry')}
        </Button>
      ) : null}
      <ActionOutcome id={`order-shipping-outcome-${order.id}`} outcome={action.outcome} />
    </View>
  );
}

export function OrderActions({
  communityId,
  order,
  onChanged,
}: {
  communityId: string;
  order: Order;
  onChanged: () => void;
}) {
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
        {nextFor(order)
          .filter((next) => next !== 'shipped')
          .map((next) => (
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
      {nextFor(order).includes('shipped') ? (
        <ShipForm
          orderId={order.id}
          busy={action.busy}
          onShip={(courier) =>
            act(() => request(contracts.fulfilOrder, { params, body: { status: 'shipped', ...courier } }))
          }
        />
      ) : null}
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

/** WeChat's courier codes for the couriers a community uses most (order-shipping API's delivery_id list). */
const COURIERS = ['SF', 'ZTO', 'YTO', 'YD', 'STO', 'JD', 'EMS'] as const;

/**
 * 已发货: by a courier with its tracking number (uploaded to WeChat as express), or handed over in
 * the neighbourhood without one (same-city). One button opens the choice; the form checks the number.
 */
export function ShipForm(props: {
  orderId: string;
  busy: boolean;
  onShip: (courier: { expressCompany: string; trackingNo: string } | Record<string, never>) => void;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [courier, setCourier] = useState<(typeof COURIERS)[number]>('SF');
  const [trackingNo, setTrackingNo] = useState('');
  const [problem, setProblem] = useState(false);
  const id = `order-shipped-${props.orderId}`;
  if (!open)
    return (
      <Button id={id} className="button button--secondary button--small" onClick={() => setOpen(true)}>
        {t('officeOrders.mark.shipped')}
      </Button>
    );
  const byCourier = () => {
    const number = trackingNo.trim();
    setProblem(!/^[0-9A-Za-z-]{4,64}$/.test(number));
    if (/^[0-9A-Za-z-]{4,64}$/.test(number)) props.onShip({ expressCompany: courier, trackingNo: number });
  };
  return (
    <View className="field" id={`${id}-form`}>
      <ChoiceTabs
        idPrefix={`${id}-courier`}
        value={courier}
        onChange={setCourier}
        choices={COURIERS.map((code) => ({ value: code, label: t(`officeOrders.courier.${code}`) }))}
      />
      <TextField
        id={`${id}-tracking`}
        label={t('officeOrders.trackingNo')}
        value={trackingNo}
        maxlength={64}
        onChange={setTrackingNo}
      />
      {problem ? <Text className="form-error">{t('officeOrders.trackingInvalid')}</Text> : null}
      <View className="row">
        <Button className="button button--secondary" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </Button>
        <SubmitButton id={`${id}-courier-submit`} busy={props.busy} onClick={byCourier}>
          {t('officeOrders.shipByCourier')}
        </SubmitButton>
      </View>
      <Button id={`${id}-local`} className="button button--secondary" onClick={() => props.onShip({})}>
        {t('officeOrders.shipLocally')}
      </Button>
    </View>
  );
}
