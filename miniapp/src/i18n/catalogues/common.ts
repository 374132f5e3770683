/**
 * App-wide words: the app's name, the tabs, loading and retry, months, chart labels, notification kinds, and the
 * errors of no one area.
 */
export const zhCN = {
  'app.name': '邻里',
  'tab.home': '首页',
  'tab.activities': '活动',
  'tab.market': '集市',
  'tab.me': '我的',

  'common.loading': '加载中…',
  'common.retry': '重试',
  'common.error': '出错了',

  'common.loadMore': '加载更多',
  'common.cancel': '取消',

  'common.reasonRequired': '请填写原因',
  'month.label': '{year}年{month}月',

  'error.network': '网络连接失败，请稍后重试',
  'error.unauthorized': '登录已过期，请重新登录',
  'error.unknown': '出了点问题，请稍后再试',
  'error.forbidden': '你没有权限做这件事',
  'error.notFound': '没有找到，可能已被删除',
  'error.network.unreachable': '网络连接失败，请稍后重试',
  'error.request.validation_failed': '填写的内容有误，请检查后再提交',
  'chart.month': '月份',
  'chart.noData': '这段时间还没有数据',

  'notification.kind.claim_decided': '志愿时长审核',
  'notification.kind.signup_promoted': '候补转正',
  'notification.kind.activity_reminder': '活动提醒',
  'notification.kind.activity_cancelled': '活动取消',
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
  'notification.kind.team_membership': '志愿服务队',
  'notification.kind.service_record': '志愿服务记录',
} as const;

export const en: Record<keyof typeof zhCN, string> = {
  'app.name': 'Linli',
  'tab.home': 'Home',
  'tab.activities': 'Activities',
  'tab.market': 'Market',
  'tab.me': 'Me',

  'common.loading': 'Loading…',
  'common.retry': 'Retry',
  'common.error': 'Something went wrong',

  'common.loadMore': 'Load more',
  'common.cancel': 'Cancel',

  'common.reasonRequired': 'Please give a reason',
  'month.label': '{month}/{year}',

  'error.network': 'Network error, please try again',
  'error.unauthorized': 'Your login has expired, please log in again',
  'error.unknown': 'Something went wrong, please try again later',
  'error.forbidden': 'You are not allowed to do this',
  'error.notFound': 'Not found; it may have been removed',
  'error.network.unreachable': 'Network error, please try again',
  'error.request.validation_failed': 'Something in the form is not right; please check it',
  'chart.month': 'Month',
  'chart.noData': 'No data for this period yet',

  'notification.kind.claim_decided': 'Hours decided',
  'notification.kind.signup_promoted': 'Off the waitlist',
  'notification.kind.activity_reminder': 'Activity reminder',
  'notification.kind.activity_cancelled': 'Activity cancelled',
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
  'notification.kind.team_membership': 'Volunteer team',
  'notification.kind.service_record': 'Service record',
};
