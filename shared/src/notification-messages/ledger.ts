import type { NotificationMessageSpec } from './index';

/** The points ledger's notices: gifts, reversals, expiry (and what a reversal takes back: hours, a certificate). */
export const LEDGER_MESSAGES = {
  'claim.reversed': {
    values: { activity: 'text', minutes: 'count', points: 'count', reason: 'text' },
    currency: true,
    title: '服务时长已撤销',
    body: '「{activity}」{minutes} 分钟的 {points} {currency}已冲正：{reason}',
  },
  'certificate.review': {
    values: { threshold: 'count' },
    title: '志愿者证书待复核',
    body: '积分冲正后低于发证标准（{threshold}），证书暂停使用，等待社区复核',
  },
  'gift.received': {
    values: { points: 'count', giver: 'text', memo: 'text' },
    currency: true,
    title: '收到 {points} {currency}',
    body: '{giver}：{memo}',
  },
  'gift.received_unsigned': {
    values: { points: 'count', giver: 'text', recipient: 'text' },
    currency: true,
    title: '收到 {points} {currency}',
    body: '{giver}：赠送给 {recipient}',
  },
  'points.reversal_returned': {
    values: { points: 'count', reason: 'text' },
    currency: true,
    title: '退回 {points} {currency}',
    body: '冲正：{reason}',
  },
  'points.reversal_taken': {
    values: { points: 'count', reason: 'text' },
    currency: true,
    title: '扣回 {points} {currency}',
    body: '冲正：{reason}',
  },
  'points.expired': {
    values: { points: 'count', cutoff: 'date' },
    currency: true,
    title: '{points} {currency}已到期',
    body: '按社区规则，{cutoff} 之前获得且未使用的积分已到期',
  },
  'points.expiring': {
    values: { points: 'count', useBy: 'date' },
    currency: true,
    title: '{points} {currency}即将到期',
    body: '请在 {useBy} 前使用，可到诚信超市兑换或捐给公益积分池',
  },
} as const satisfies Record<string, NotificationMessageSpec>;
