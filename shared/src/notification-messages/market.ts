import type { NotificationMessageSpec } from './index';

const COMPLAINT = { merchant: 'text', note: 'text' } as const;
const COMPLAINT_TITLE = '您对「{merchant}」的投诉已处理';

/** The points supermarket's and the merchant alliance's notices: redemptions, complaints, applications. */
export const MARKET_MESSAGES = {
  'redemption.ready': {
    values: { good: 'text', pickupCode: 'text' },
    title: '{good} 可以领取了',
    body: '凭取货码 {pickupCode} 到社区诚信超市领取',
  },
  'redemption.reversed': {
    values: { points: 'count', good: 'text', reason: 'text' },
    currency: true,
    title: '兑换已撤销，退回 {points} {currency}',
    body: '{good}：{reason}',
  },
  'complaint.dismissed': { values: COMPLAINT, title: COMPLAINT_TITLE, body: '不予处理：{note}' },
  'complaint.warned': { values: COMPLAINT, title: COMPLAINT_TITLE, body: '已警告商家：{note}' },
  'complaint.suspended': { values: COMPLAINT, title: COMPLAINT_TITLE, body: '已暂停商家：{note}' },
  'complaint.removed': { values: COMPLAINT, title: COMPLAINT_TITLE, body: '已将商家移出联盟：{note}' },
  'merchant.approved': {
    values: { merchant: 'text' },
    title: '商户申请已通过',
    body: '{merchant} 已加入商户联盟：在“我的 → 商户后台”设置优惠、核验志愿者证',
  },
  'merchant.rejected': {
    values: { merchant: 'text', reason: 'text' },
    title: '商户申请未通过',
    body: '{merchant} 的申请未通过：{reason}',
  },
} as const satisfies Record<string, NotificationMessageSpec>;
