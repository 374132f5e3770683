/**
 * The strings of the office console's reporting side (dashboard, exports, audit log, points
 * policies, recognition, proxies) and of the resident side of gifts, proxies and 光荣榜,
 * merged into the main catalogues in messages.ts; every key here has its English translation below.
 */
export const officeConsoleZhCN = {
  'chart.month': '月份',
  'chart.noData': '这段时间还没有数据',

  'notification.kind.claim_decided': '志愿时长审核',
  'notification.kind.certificate_issued': '获得志愿者证',
  'notification.kind.certificate_revoked': '志愿者证被撤销',
  'notification.kind.redemption_ready': '兑换可以领取',
  'notification.kind.order_status': '订单状态',
  'notification.kind.pledge_due': '月月捐提醒',
  'notification.kind.complaint_resolved': '投诉已处理',
  'notification.kind.points_received': '收到积分',
  'notification.kind.points_expiring': '积分即将到期',
  'notification.kind.points_expired': '积分已到期',
  'notification.kind.recognized': '登上光荣榜',
  'notification.kind.certificate_review': '志愿者证待复核',
} as const;

export type OfficeConsoleMessageKey = keyof typeof officeConsoleZhCN;

export const officeConsoleEn: Record<OfficeConsoleMessageKey, string> = {
  'chart.month': 'Month',
  'chart.noData': 'No data for this period yet',

  'notification.kind.claim_decided': 'Hours decided',
  'notification.kind.certificate_issued': 'Certificate issued',
  'notification.kind.certificate_revoked': 'Certificate revoked',
  'notification.kind.redemption_ready': 'Ready for pickup',
  'notification.kind.order_status': 'Order update',
  'notification.kind.pledge_due': 'Monthly pledge',
  'notification.kind.complaint_resolved': 'Complaint resolved',
  'notification.kind.points_received': 'Points received',
  'notification.kind.points_expiring': 'Points expiring soon',
  'notification.kind.points_expired': 'Points expired',
  'notification.kind.recognized': 'On the honour roll',
  'notification.kind.certificate_review': 'Certificate under review',
};
