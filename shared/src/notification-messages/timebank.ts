import type { NotificationMessageSpec } from './index';

const ACTIVITY_AT = { activity: 'text', startsAt: 'instant' } as const;
const ACTIVITY_AT_PLACE = { activity: 'text', startsAt: 'instant', location: 'text' } as const;
const REASON = { reason: 'text' } as const;
const TEAM = { team: 'text' } as const;

/** The time bank's notices: service hours decided, sign-ups and activities, teams, volunteer certificates, service records. */
export const TIMEBANK_MESSAGES = {
  'claim.approved': {
    values: { activity: 'text', minutes: 'count', points: 'count' },
    currency: true,
    title: '服务时长已通过',
    body: '「{activity}」{minutes} 分钟，获得 {points} {currency}',
  },
  'claim.rejected': {
    values: { activity: 'text', reason: 'text' },
    title: '服务时长未通过',
    body: '「{activity}」：{reason}',
  },
  'signup.promoted': {
    values: { activity: 'text' },
    title: '候补转为报名成功',
    body: '有人取消了报名，你已从候补转为正式报名：{activity}',
  },
  'activity.cancelled': {
    values: ACTIVITY_AT,
    title: '活动已取消',
    body: '你报名的活动已取消：{activity}（{startsAt}）',
  },
  'activity.reminder_day': { values: ACTIVITY_AT, title: '报名活动提醒', body: '{activity}，{startsAt} 开始' },
  'activity.reminder_day_at': {
    values: ACTIVITY_AT_PLACE,
    title: '报名活动提醒',
    body: '{activity}，{startsAt} 开始，地点：{location}',
  },
  'activity.reminder_hour': { values: ACTIVITY_AT, title: '活动一小时后开始', body: '{activity}，{startsAt} 开始' },
  'activity.reminder_hour_at': {
    values: ACTIVITY_AT_PLACE,
    title: '活动一小时后开始',
    body: '{activity}，{startsAt} 开始，地点：{location}',
  },
  'team.added': { values: TEAM, title: '已加入「{team}」', body: '你已成为这支志愿服务队的队员' },
  'team.removed': { values: TEAM, title: '已离开「{team}」', body: '你已不再是这支志愿服务队的队员' },
  'team.request_approved': { values: TEAM, title: '已加入「{team}」', body: '你的入队申请已通过' },
  'team.request_rejected': {
    values: { team: 'text', reason: 'text' },
    title: '「{team}」入队申请未通过',
    body: '{reason}',
  },
  'certificate.issued': {
    values: { community: 'text' },
    title: '志愿者证书已发放',
    body: '您已获得{community}志愿者证书，可在联盟商家享受优惠',
  },
  'certificate.restored': { values: {}, title: '志愿者证书已恢复', body: '您的积分重新达到发证标准，志愿者证书已恢复' },
  'certificate.reinstated': {
    values: {},
    title: '志愿者证书已恢复',
    body: '您的志愿者证书已恢复，可继续在联盟商家使用',
  },
  'certificate.revoked': { values: REASON, title: '志愿者证书已被收回', body: '原因：{reason}' },
  'service_certificate.issued': {
    values: { serialNumber: 'text', hours: 'hours' },
    title: '志愿服务记录证明已出具',
    body: '编号 {serialNumber}，累计 {hours} 小时。可在“我的志愿服务记录”下载。',
  },
  'service_certificate.revoked': {
    values: { serialNumber: 'text', reason: 'text' },
    title: '志愿服务记录证明已撤销',
    body: '编号 {serialNumber} 的证明已被撤销：{reason}',
  },
  'record_request.correction_accepted': {
    values: REASON,
    title: '记录更正已受理',
    body: '社区办公室已受理你的志愿服务记录更正申请：{reason}',
  },
  'record_request.correction_rejected': {
    values: REASON,
    title: '记录更正未通过',
    body: '你的志愿服务记录更正申请未通过：{reason}',
  },
  'record_request.certificate_accepted': {
    values: REASON,
    title: '证明申请已受理',
    body: '社区办公室已受理你的志愿服务记录证明申请：{reason}',
  },
  'record_request.certificate_rejected': {
    values: REASON,
    title: '证明申请未通过',
    body: '你的志愿服务记录证明申请未通过：{reason}',
  },
} as const satisfies Record<string, NotificationMessageSpec>;
