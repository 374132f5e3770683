import type { NotificationMessageSpec } from './index';

/** The charity fund's notices: monthly pledges due, donation receipts. */
export const FUND_MESSAGES = {
  'pledge.due': {
    values: { amountFen: 'fen', days: 'count' },
    title: '本月月捐待支付',
    body: '您的月月捐 {amountFen} 元已生成，请在 {days} 天内完成支付。',
  },
  'receipt.issued': {
    values: { donatedOn: 'date', amountFen: 'fen', holder: 'text', receiptNo: 'text' },
    title: '捐赠票据已开具',
    body: '您 {donatedOn} 捐赠的 {amountFen} 元，捐赠票据（{holder}）已开具，票据号码 {receiptNo}。',
  },
  'receipt.rejected': {
    values: { donatedOn: 'date', amountFen: 'fen', reason: 'text' },
    title: '捐赠票据申请未通过',
    body: '您 {donatedOn} 捐赠的 {amountFen} 元的捐赠票据申请未通过：{reason}',
  },
} as const satisfies Record<string, NotificationMessageSpec>;
