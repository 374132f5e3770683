import type { NotificationMessageSpec } from './index';

const FEN = { amountFen: 'fen' } as const;
const ORDER_LINES = { lines: 'list' } as const;
const MAKER_REFUND = { lines: 'list', makerFen: 'fen' } as const;

/** The artisan shop's notices: orders paid, handed over, refunded; makers' refunds and payouts; donations received. */
export const SHOP_MESSAGES = {
  'order.paid': { values: FEN, title: '订单已付款', body: '订单 {amountFen} 元已付款，手作人正在准备' },
  'order.ready_for_pickup': { values: ORDER_LINES, title: '订单可以取货了', body: '{lines}' },
  'order.shipped': { values: ORDER_LINES, title: '订单已发货', body: '{lines}' },
  'order.completed': { values: ORDER_LINES, title: '订单已完成', body: '{lines}' },
  'order.refunded': {
    values: { amountFen: 'fen', reason: 'text' },
    title: '订单已退款',
    body: '{amountFen} 元将原路退回：{reason}',
  },
  'order.payment_returned_closed': {
    values: FEN,
    title: '付款将原路退回',
    body: '订单已关闭，您付的 {amountFen} 元将原路退回',
  },
  'order.payment_returned_ended': {
    values: FEN,
    title: '付款将原路退回',
    body: '订单已结束，您付的 {amountFen} 元将原路退回',
  },
  'sale.refunded': {
    values: MAKER_REFUND,
    title: '售出的作品已退款',
    body: '{lines} 已退款，{makerFen} 元从您的收入中扣回；若已结算给您，将从下次结算中抵扣',
  },
  'sale.refunded_child': {
    values: MAKER_REFUND,
    title: '售出的作品已退款',
    body: '{lines} 已退款，{makerFen} 元从孩子的收入中扣回；若已结算给您，将从下次结算中抵扣',
  },
  'payout.to_guardian': {
    values: { maker: 'text', amountFen: 'fen', note: 'text' },
    title: '孩子的作品收入已结算给您',
    body: '{maker} 的作品收入 {amountFen} 元已结算给您（监护人）：{note}',
  },
  'donation.received': {
    values: FEN,
    title: '感谢您的捐款',
    body: '{amountFen} 元已计入社区公益基金，可在基金公示中查看',
  },
} as const satisfies Record<string, NotificationMessageSpec>;
