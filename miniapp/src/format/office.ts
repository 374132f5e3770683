import type { NamedAuditAction } from '@linli/shared';
import type { Language } from '../state/preferences';
import { monthOf, shiftMonth } from './market';

/** The dashboard's default range: the last 12 months, this month included. */
export function lastMonths(count: number, now: Date = new Date()): { from: string; to: string } {
  const to = monthOf(now);
  return { from: shiftMonth(to, 1 - count), to };
}

/** `2026-02` → `2026-02-01` and `2026-02-28`: the inclusive days of a month. */
export function daysOfMonth(month: string): { from: string; to: string } {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const lastDay = new Date(year, monthNumber, 0).getDate();
  return { from: `${month}-01`, to: `${month}-${String(lastDay).padStart(2, '0')}` };
}

/** Integer minutes as hours with one decimal, without floating point: 90 → `1.5`, 20 → `0.3`. */
export function formatHours(minutes: number): string {
  const tenths = Math.round((minutes * 10) / 60);
  return `${(tenths - (tenths % 10)) / 10}.${tenths % 10}`;
}

/** The axis label of a month: `11月` / `Nov`; January and the first month also carry the year (on a new line). */
export function monthLabel(month: string, withYear: boolean, language: Language): string {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  if (language === 'en') {
    const name = new Date(year, monthNumber - 1, 1).toLocaleString('en', { month: 'short' });
    return withYear ? `${name}\n${year}` : name;
  }
  return withYear ? `${monthNumber}月\n${year}` : `${monthNumber}月`;
}

/**
 * Audit actions in plain words: exactly the actions the server writes (`AUDIT_ACTIONS` in shared/),
 * so a missing or stray label is a type error. A proxy's `proxy.<route>` is named by its route.
 */
export const AUDIT_ACTION_NAMES: Record<NamedAuditAction, { 'zh-CN': string; en: string }> = {
  'community.create': { 'zh-CN': '开通社区', en: 'Started the community' },
  'community.update': { 'zh-CN': '修改社区规则', en: 'Changed the community rules' },
  'community.name_admin': { 'zh-CN': '指定社区管理员', en: 'Named a community admin' },
  'invitation.create': { 'zh-CN': '发出邀请', en: 'Created an invitation' },
  'invitation.accept': { 'zh-CN': '接受邀请加入', en: 'Joined by invitation' },
  'district.create': { 'zh-CN': '设立街道', en: 'Created the district' },
  'district.name_officer': { 'zh-CN': '指定街道工作人员', en: 'Named a district officer' },
  'member.set_roles': { 'zh-CN': '修改角色', en: 'Changed roles' },
  'member.register_offline': { 'zh-CN': '登记无手机居民', en: 'Registered a resident without phone' },
  'member.add_child': { 'zh-CN': '监护人添加儿童', en: 'A guardian added a child' },
  'proxy.create': { 'zh-CN': '添加代办人', en: 'Added a proxy' },
  'proxy.remove': { 'zh-CN': '解除代办人', en: 'Removed a proxy' },
  'activity.create': { 'zh-CN': '发布活动', en: 'Published an activity' },
  'activity.update': { 'zh-CN': '修改活动', en: 'Changed an activity' },
  'activity.cancel': { 'zh-CN': '取消活动', en: 'Cancelled an activity' },
  'activity_series.create': { 'zh-CN': '发布每周活动', en: 'Published a weekly activity' },
  'activity_series.cancel': { 'zh-CN': '取消此后的每周活动', en: 'Cancelled the rest of a weekly activity' },
  'claim.office_entry': { 'zh-CN': '补录时长', en: 'Recorded hours at the office' },
  'claim.approve': { 'zh-CN': '通过时长', en: 'Approved hours' },
  'claim.reject': { 'zh-CN': '驳回时长', en: 'Rejected hours' },
  'certificate.revoke': { 'zh-CN': '撤销志愿者证', en: 'Revoked a certificate' },
  'record_request.create': { 'zh-CN': '提交志愿服务记录申请', en: 'Asked about a service record' },
  'record_request.decide': { 'zh-CN': '处理志愿服务记录申请', en: 'Answered a service record request' },
  'service_certificate.issue': { 'zh-CN': '出具志愿服务记录证明', en: 'Issued a service record certificate' },
  'service_certificate.revoke': { 'zh-CN': '撤销志愿服务记录证明', en: 'Revoked a service record certificate' },
  'service_certificate.seal': { 'zh-CN': '上传公章图片', en: 'Uploaded the office seal' },
  'certificate.reinstate': { 'zh-CN': '恢复志愿者证', en: 'Reinstated a certificate' },
  'team.create': { 'zh-CN': '成立志愿服务队', en: 'Created a volunteer team' },
  'team.update': { 'zh-CN': '修改服务队或队长', en: 'Changed a team or its leaders' },
  'team.add_member': { 'zh-CN': '添加队员', en: 'Added a team member' },
  'team.remove_member': { 'zh-CN': '移出队员', en: 'Removed a team member' },
  'team.leave': { 'zh-CN': '退出服务队', en: 'Left a team' },
  'team.request_join': { 'zh-CN': '申请入队', en: 'Asked to join a team' },
  'team.approve_request': { 'zh-CN': '通过入队申请', en: 'Approved a request to join' },
  'team.reject_request': { 'zh-CN': '驳回入队申请', en: 'Turned down a request to join' },
  'transfer.reverse': { 'zh-CN': '冲正积分', en: 'Reversed a transfer' },
  'merchant.approve': { 'zh-CN': '通过入盟', en: 'Approved a merchant' },
  'merchant.reject': { 'zh-CN': '驳回入盟', en: 'Rejected a merchant' },
  'merchant.set_active': { 'zh-CN': '恢复商户', en: 'Reinstated a merchant' },
  'merchant.set_warned': { 'zh-CN': '警告商户', en: 'Warned a merchant' },
  'merchant.set_suspended': { 'zh-CN': '暂停商户', en: 'Suspended a merchant' },
  'merchant.set_removed': { 'zh-CN': '除名商户', en: 'Removed a merchant' },
  'complaint.resolve': { 'zh-CN': '处理投诉', en: 'Resolved a complaint' },
  'flag.confirm': { 'zh-CN': '确认冒用', en: 'Confirmed a misuse flag' },
  'flag.dismiss': { 'zh-CN': '排除冒用嫌疑', en: 'Dismissed a misuse flag' },
  'post.take_down': { 'zh-CN': '下架公告', en: 'Took down a notice' },
  'post.release': { 'zh-CN': '审核通过公告', en: 'Released a held notice' },
  'image.release': { 'zh-CN': '审核通过图片', en: 'Released a held photo' },
  'activity.release': { 'zh-CN': '审核通过活动', en: 'Released a held activity' },
  'image.remove': { 'zh-CN': '删除图片', en: 'Removed a photo' },
  'contribution.record': { 'zh-CN': '记录贡献', en: 'Recorded a contribution' },
  'good.create': { 'zh-CN': '上架超市商品', en: 'Shelved a good' },
  'good.restock': { 'zh-CN': '超市补货', en: 'Restocked a good' },
  'redemption.hand_over': { 'zh-CN': '交付兑换', en: 'Handed over a redemption' },
  'product.approve': { 'zh-CN': '通过商品', en: 'Approved a product' },
  'product.reject': { 'zh-CN': '驳回商品', en: 'Rejected a product' },
  'order.ready_for_pickup': { 'zh-CN': '订单待自提', en: 'Order ready for pickup' },
  'order.shipped': { 'zh-CN': '订单已发货', en: 'Order shipped' },
  'order.completed': { 'zh-CN': '订单完成', en: 'Completed an order' },
  'order.refund': { 'zh-CN': '订单退款', en: 'Refunded an order' },
  'order.refund_requested': { 'zh-CN': '已申请微信退款', en: 'Asked WeChat Pay for a refund' },
  'order.refund_processing': { 'zh-CN': '微信退款处理中', en: 'WeChat Pay refund processing' },
  'order.refund_success': { 'zh-CN': '微信退款成功', en: 'WeChat Pay refund succeeded' },
  'order.refund_abnormal': { 'zh-CN': '微信退款异常', en: 'WeChat Pay refund abnormal' },
  'order.refund_closed': { 'zh-CN': '微信退款关闭', en: 'WeChat Pay refund closed' },
  'order.payment_returned': { 'zh-CN': '退回迟到的付款', en: 'Returned a late payment' },
  'maker.payout': { 'zh-CN': '手作人结算', en: 'Paid a maker' },
  'fund.record_income': { 'zh-CN': '记录基金收入', en: 'Recorded fund income' },
  'fund.submit_expense': { 'zh-CN': '提交基金支出', en: 'Submitted an expense' },
  'fund.approve_expense': { 'zh-CN': '批准基金支出', en: 'Approved an expense' },
  'fund.reject_expense': { 'zh-CN': '驳回基金支出', en: 'Rejected an expense' },
  'fund.release_message': { 'zh-CN': '审核通过捐赠留言', en: 'Released a donation message' },
  'fund.remove_message': { 'zh-CN': '移除捐赠留言', en: 'Removed a donation message' },
  'fund.set_holder': { 'zh-CN': '设置基金合法主体', en: 'Set the fund’s legal holder' },
  'fund.issue_receipt': { 'zh-CN': '开具捐赠票据', en: 'Issued a donation receipt' },
  'fund.reject_receipt': { 'zh-CN': '驳回捐赠票据申请', en: 'Rejected a receipt request' },
  'recognition.award': { 'zh-CN': '表彰志愿者', en: 'Recognised a volunteer' },
};

/** `claim.approve` → `通过时长`; `proxy.redeem` → `代办：redeem` when unlisted; anything else → the code. */
export function auditActionName(action: string, language: Language): string {
  const known = (AUDIT_ACTION_NAMES as Record<string, { 'zh-CN': string; en: string } | undefined>)[action];
  if (known) return known[language];
  if (action.startsWith('proxy.')) {
    return `${language === 'en' ? 'On behalf: ' : '代办：'}${action.slice('proxy.'.length)}`;
  }
  return action;
}

type Named = Record<string, { 'zh-CN': string; en: string } | undefined>;

/** What an audited object is, for people: `claim` → 时长记录. */
export const AUDIT_OBJECT_TYPE_NAMES: Named = {
  activity: { 'zh-CN': '活动', en: 'Activity' },
  activity_series: { 'zh-CN': '每周活动', en: 'Weekly activity' },
  certificate: { 'zh-CN': '志愿者证', en: 'Certificate' },
  certificate_seal: { 'zh-CN': '证明印章', en: 'Certificate seal' },
  claim: { 'zh-CN': '时长记录', en: 'Hours' },
  community: { 'zh-CN': '社区', en: 'Community' },
  complaint: { 'zh-CN': '投诉', en: 'Complaint' },
  contribution: { 'zh-CN': '贡献', en: 'Contribution' },
  district: { 'zh-CN': '街道', en: 'District' },
  donation_message: { 'zh-CN': '捐赠留言', en: 'Donation message' },
  flag: { 'zh-CN': '提醒', en: 'Flag' },
  fund_entry: { 'zh-CN': '基金账目', en: 'Fund entry' },
  fund_expense: { 'zh-CN': '基金支出', en: 'Fund expense' },
  good: { 'zh-CN': '超市物品', en: 'Supermarket item' },
  image: { 'zh-CN': '照片', en: 'Photo' },
  invitation: { 'zh-CN': '邀请', en: 'Invitation' },
  maker: { 'zh-CN': '手作人', en: 'Maker' },
  member: { 'zh-CN': '居民', en: 'Member' },
  merchant: { 'zh-CN': '商户', en: 'Merchant' },
  order: { 'zh-CN': '订单', en: 'Order' },
  post: { 'zh-CN': '商户公告', en: 'Merchant post' },
  product: { 'zh-CN': '手作', en: 'Product' },
  receipt_request: { 'zh-CN': '捐赠票据申请', en: 'Receipt request' },
  recognition: { 'zh-CN': '表彰', en: 'Recognition' },
  record_request: { 'zh-CN': '记录更正/证明申请', en: 'Record request' },
  redemption: { 'zh-CN': '兑换', en: 'Redemption' },
  service_certificate: { 'zh-CN': '志愿服务记录证明', en: 'Service certificate' },
  team: { 'zh-CN': '志愿服务队', en: 'Team' },
  transfer: { 'zh-CN': '积分转账', en: 'Points transfer' },
};

/** The fields of audited objects, for people: `displayName` → 名字. Unlisted fields keep their own name. */
export const AUDIT_FIELD_NAMES: Named = {
  status: { 'zh-CN': '状态', en: 'Status' },
  displayName: { 'zh-CN': '名字', en: 'Name' },
  name: { 'zh-CN': '名称', en: 'Name' },
  roles: { 'zh-CN': '角色', en: 'Roles' },
  reason: { 'zh-CN': '理由', en: 'Reason' },
  note: { 'zh-CN': '备注', en: 'Note' },
  title: { 'zh-CN': '标题', en: 'Title' },
  description: { 'zh-CN': '说明', en: 'Description' },
  location: { 'zh-CN': '地点', en: 'Place' },
  category: { 'zh-CN': '类别', en: 'Category' },
  capacity: { 'zh-CN': '名额', en: 'Places' },
  startsAt: { 'zh-CN': '开始', en: 'Starts' },
  endsAt: { 'zh-CN': '结束', en: 'Ends' },
  minutes: { 'zh-CN': '分钟', en: 'Minutes' },
  points: { 'zh-CN': '积分', en: 'Points' },
  pricePoints: { 'zh-CN': '所需积分', en: 'Points price' },
  stock: { 'zh-CN': '库存', en: 'Stock' },
  priceFen: { 'zh-CN': '价格', en: 'Price' },
  amountFen: { 'zh-CN': '金额', en: 'Amount' },
  totalFen: { 'zh-CN': '总额', en: 'Total' },
  valueFen: { 'zh-CN': '价值', en: 'Value' },
  phone: { 'zh-CN': '电话', en: 'Phone' },
  memberId: { 'zh-CN': '居民', en: 'Member' },
  memberName: { 'zh-CN': '居民', en: 'Member' },
  createdBy: { 'zh-CN': '创建人', en: 'Created by' },
  createdAt: { 'zh-CN': '创建时间', en: 'Created' },
  decidedBy: { 'zh-CN': '审核人', en: 'Decided by' },
  decidedAt: { 'zh-CN': '审核时间', en: 'Decided' },
  approvedBy: { 'zh-CN': '批准人', en: 'Approved by' },
  approvedAt: { 'zh-CN': '批准时间', en: 'Approved' },
  receiptNo: { 'zh-CN': '票据号', en: 'Receipt number' },
  joinedAt: { 'zh-CN': '加入时间', en: 'Joined' },
};

const named = (table: Named, key: string, language: Language): string => table[key]?.[language] ?? key;

/** `claim` → 时长记录 / Hours; an unknown type stays as it is. */
export const auditObjectTypeName = (type: string, language: Language): string =>
  named(AUDIT_OBJECT_TYPE_NAMES, type, language);

/** `displayName` → 名字 / Name; an unknown field stays as it is. */
export const auditFieldName = (field: string, language: Language): string => named(AUDIT_FIELD_NAMES, field, language);

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** An instant in China time (UTC+8) whatever the device's zone: `2026-11-30T16:05:00Z` → `2026-12-01 00:05`. */
export function chinaDateTime(iso: string): string {
  const shifted = new Date(Date.parse(iso) + 8 * 3600_000).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 16)}`;
}

/** The states objects pass through, for people: `approved` → 已通过. */
const STATUS_NAMES: Named = {
  pending: { 'zh-CN': '待审核', en: 'Pending' },
  approved: { 'zh-CN': '已通过', en: 'Approved' },
  rejected: { 'zh-CN': '已驳回', en: 'Rejected' },
  reversed: { 'zh-CN': '已冲正', en: 'Reversed' },
  active: { 'zh-CN': '有效', en: 'Active' },
  cancelled: { 'zh-CN': '已取消', en: 'Cancelled' },
  confirmed: { 'zh-CN': '已报名', en: 'Signed up' },
  waitlisted: { 'zh-CN': '候补', en: 'Waitlisted' },
  pending_payment: { 'zh-CN': '待付款', en: 'Awaiting payment' },
  paid: { 'zh-CN': '已付款', en: 'Paid' },
  ready_for_pickup: { 'zh-CN': '可自提', en: 'Ready for pickup' },
  shipped: { 'zh-CN': '已发货', en: 'Shipped' },
  completed: { 'zh-CN': '已完成', en: 'Completed' },
  refunded: { 'zh-CN': '已退款', en: 'Refunded' },
  open: { 'zh-CN': '进行中', en: 'Open' },
  closed: { 'zh-CN': '已结束', en: 'Closed' },
  issued: { 'zh-CN': '已开具', en: 'Issued' },
  revoked: { 'zh-CN': '已撤销', en: 'Revoked' },
  warned: { 'zh-CN': '已警告', en: 'Warned' },
  suspended: { 'zh-CN': '已暂停', en: 'Suspended' },
  removed: { 'zh-CN': '已移除', en: 'Removed' },
  under_review: { 'zh-CN': '待审核', en: 'Under review' },
  released: { 'zh-CN': '已公示', en: 'Released' },
  dismissed: { 'zh-CN': '已驳回', en: 'Dismissed' },
  scheduled: { 'zh-CN': '已发布', en: 'Scheduled' },
};

/**
 * A changed value as people read it: states named, instants in China time, `…Fen` amounts in yuan,
 * anything else as stored. Ids are named by the caller (it knows the members).
 */
export function auditValue(field: string, value: string, language: Language = 'zh-CN'): string {
  if (field === 'status' && STATUS_NAMES[value]) return named(STATUS_NAMES, value, language);
  if (ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value))) return chinaDateTime(value);
  if (field.endsWith('Fen') && /^-?\d+$/.test(value)) {
    const fen = Number(value);
    const sign = fen < 0 ? '-' : '';
    const abs = Math.abs(fen);
    return `${sign}¥${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  }
  return value;
}

export interface FieldChange {
  field: string;
  before: string | undefined;
  after: string | undefined;
}

/**
 * The fields that differ between two snapshots, for reading: `{status:'pending'}` → `{status:'approved'}`
 * gives one change `status: pending → approved`. Nested values are compared and shown as JSON.
 */
export function auditChanges(before: unknown, after: unknown): FieldChange[] {
  const beforeFields = asFields(before);
  const afterFields = asFields(after);
  const names = [...new Set([...Object.keys(beforeFields), ...Object.keys(afterFields)])];
  return names
    .map((field) => ({ field, before: show(beforeFields[field]), after: show(afterFields[field]) }))
    .filter((change) => change.before !== change.after);
}

function asFields(snapshot: unknown): Record<string, unknown> {
  if (snapshot === undefined || snapshot === null) return {};
  if (typeof snapshot === 'object' && !Array.isArray(snapshot)) return snapshot as Record<string, unknown>;
  return { value: snapshot };
}

function show(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
