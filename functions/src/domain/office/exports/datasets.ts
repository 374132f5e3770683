import type {
  Activity,
  RosterEntry,
  Claim,
  ServiceRecordEntry,
  DiscountUse,
  ExportDataset,
  FundEntry,
  Order,
  Redemption,
  Role,
  TransferKind,
} from '@linli/shared';
import type { Posting, Transfer } from '../../ledger/transfer';
import type { MemberRecord } from '../../identity/ports';

/**
 * How a column's raw value is written: text as it is, integers (points, minutes) as numbers,
 * money as integer fen turned into yuan with two decimals, time as an ISO instant shown in China time.
 */
export type ColumnKind = 'text' | 'integer' | 'money' | 'time';
export type RawValue = string | number | undefined;

/** Display names of the community's members by user id, for approvers, actors and accounts. */
export type Names = ReadonlyMap<string, string>;

export interface Column<Record = never> {
  header: string;
  kind: ColumnKind;
  /** Width in characters in the XLSX file. */
  width?: number;
  value: (record: Record, names: Names) => RawValue;
}

export interface Dataset<Record> {
  /** Chinese name of the sheet and of the downloaded file. */
  title: string;
  columns: Column<Record>[];
}

/** One ledger row: a posting of a transfer. */
export interface PostingRow {
  transfer: Transfer;
  posting: Posting;
}

export const ROLE_LABELS: Record<Role, string> = {
  resident: '居民',
  maker: '手艺人',
  merchant: '商户',
  staff: '社工',
  admin: '管理员',
};

export const TRANSFER_KIND_LABELS: Record<TransferKind, string> = {
  claim: '志愿服务',
  reversal: '冲正',
  redemption: '兑换',
  contribution: '社区贡献',
  adjustment: '调整',
  gift: '转赠',
  expiry: '过期',
};

const SYSTEM_ACCOUNT_LABELS: Record<string, string> = {
  'community:issuance': '社区发行',
  'community:redemption': '兑换回收',
  'community:pool': '社区积分池',
};

const REDEMPTION_STATUS_LABELS: Record<Redemption['status'], string> = {
  reserved: '待领取',
  picked_up: '已领取',
  cancelled: '已取消',
};

const ORDER_STATUS_LABELS: Record<Order['status'], string> = {
  pending_payment: '待付款',
  paid: '已付款',
  ready_for_pickup: '待自提',
  shipped: '已发货',
  completed: '已完成',
  refunded: '已退款',
  expired: '已过期',
  cancelled: '已取消',
};

const FUND_KIND_LABELS: Record<FundEntry['kind'], string> = {
  sale_share: '销售分成',
  donation: '捐赠',
  pledge: '月捐',
  stall: '义卖',
  expense: '支出',
  refund: '退款',
};

/** A person by user id: their display name in this community, else the id itself. */
export function personLabel(userId: string | undefined, names: Names): string | undefined {
  if (userId === undefined || userId === '') return undefined;
  if (userId === 'system') return '系统';
  return names.get(userId) ?? userId;
}

/** `member:{id}` → the member's name; `community:issuance` → 社区发行. */
export function accountLabel(address: string, names: Names): string {
  if (address.startsWith('member:')) return personLabel(address.slice('member:'.length), names) ?? address;
  return SYSTEM_ACCOUNT_LABELS[address] ?? address;
}

const members: Dataset<MemberRecord> = {
  title: '成员',
  columns: [
    { header: '加入时间', kind: 'time', width: 18, value: (member) => member.joinedAt },
    // The short number residents read out (pattern 82); empty for one the backfill has not reached yet.
    { header: '编号', kind: 'integer', width: 8, value: (member) => member.memberNo },
    { header: '姓名', kind: 'text', width: 16, value: (member) => member.displayName },
    {
      header: '角色',
      kind: 'text',
      width: 16,
      value: (member) => member.roles.map((role) => ROLE_LABELS[role] ?? role).join('、'),
    },
    { header: '成员编号', kind: 'text', width: 28, value: (member) => member.userId },
  ],
};

const hours: Dataset<Claim> = {
  title: '志愿时长',
  columns: [
    { header: '申报时间', kind: 'time', width: 18, value: (claim) => claim.createdAt },
    { header: '成员', kind: 'text', width: 16, value: (claim) => claim.memberName },
    { header: '活动', kind: 'text', width: 24, value: (claim) => claim.activityTitle },
    { header: '时长（分钟）', kind: 'integer', value: (claim) => claim.minutes },
    { header: '积分', kind: 'integer', value: (claim) => claim.points },
    { header: '来源', kind: 'text', value: (claim) => (claim.source === 'checkin' ? '扫码签到' : '社区录入') },
    { header: '审核人', kind: 'text', width: 16, value: (claim, names) => personLabel(claim.decidedBy, names) },
    { header: '审核时间', kind: 'time', width: 18, value: (claim) => claim.decidedAt },
    { header: '成员编号', kind: 'text', width: 28, value: (claim) => claim.memberId },
    { header: '申报编号', kind: 'text', width: 28, value: (claim) => claim.id },
  ],
};

const ledger: Dataset<PostingRow> = {
  title: '积分流水',
  columns: [
    { header: '时间', kind: 'time', width: 18, value: ({ transfer }) => transfer.createdAt },
    { header: '类型', kind: 'text', value: ({ transfer }) => TRANSFER_KIND_LABELS[transfer.kind] ?? transfer.kind },
    { header: '摘要', kind: 'text', width: 24, value: ({ transfer }) => transfer.memo },
    { header: '转出', kind: 'text', width: 16, value: ({ posting }, names) => accountLabel(posting.source, names) },
    {
      header: '转入',
      kind: 'text',
      width: 16,
      value: ({ posting }, names) => accountLabel(posting.destination, names),
    },
    { header: '积分', kind: 'integer', value: ({ posting }) => posting.amountPoints },
    { header: '操作人', kind: 'text', width: 16, value: ({ transfer }, names) => personLabel(transfer.actorId, names) },
    { header: '流水号', kind: 'text', width: 28, value: ({ transfer }) => transfer.transferId },
    { header: '冲正流水号', kind: 'text', width: 28, value: ({ transfer }) => transfer.reversesTransferId },
  ],
};

const redemptions: Dataset<Redemption> = {
  title: '积分兑换',
  columns: [
    { header: '兑换时间', kind: 'time', width: 18, value: (redemption) => redemption.createdAt },
    { header: '成员', kind: 'text', width: 16, value: (redemption) => redemption.memberName },
    { header: '物品', kind: 'text', width: 20, value: (redemption) => redemption.goodName },
    { header: '数量', kind: 'integer', value: (redemption) => redemption.quantity },
    { header: '单价（积分）', kind: 'integer', value: (redemption) => redemption.pricePoints },
    { header: '合计积分', kind: 'integer', value: (redemption) => redemption.totalPoints },
    { header: '价值（元）', kind: 'money', value: (redemption) => redemption.valueFen },
    {
      header: '状态',
      kind: 'text',
      value: (redemption) => REDEMPTION_STATUS_LABELS[redemption.status] ?? redemption.status,
    },
    {
      header: '经手人',
      kind: 'text',
      width: 16,
      value: (redemption, names) => personLabel(redemption.handedOverBy, names),
    },
    { header: '领取时间', kind: 'time', width: 18, value: (redemption) => redemption.handedOverAt },
    { header: '取消时间', kind: 'time', width: 18, value: (redemption) => redemption.cancelledAt },
    { header: '兑换编号', kind: 'text', width: 28, value: (redemption) => redemption.id },
  ],
};

const merchantUses: Dataset<DiscountUse> = {
  title: '商家优惠使用',
  columns: [
    { header: '使用时间', kind: 'time', width: 18, value: (use) => use.at },
    { header: '商家', kind: 'text', width: 20, value: (use) => use.merchantName },
    { header: '成员', kind: 'text', width: 16, value: (use) => use.memberName },
    { header: '消费金额（元）', kind: 'money', value: (use) => use.billFen },
    { header: '疑似代用', kind: 'text', value: (use) => (use.flagged ? '是' : '否') },
    { header: '提示原因', kind: 'text', width: 20, value: (use) => use.flagReasons.join('、') },
    { header: '商家编号', kind: 'text', width: 28, value: (use) => use.merchantId },
    { header: '成员编号', kind: 'text', width: 28, value: (use) => use.memberId },
  ],
};

const orders: Dataset<Order> = {
  title: '订单',
  columns: [
    { header: '下单时间', kind: 'time', width: 18, value: (order) => order.createdAt },
    { header: '订单号', kind: 'text', width: 28, value: (order) => order.id },
    { header: '类型', kind: 'text', value: (order) => (order.kind === 'donation' ? '捐款' : '商品') },
    { header: '买家', kind: 'text', width: 16, value: (order) => order.buyerName },
    {
      header: '商品',
      kind: 'text',
      width: 30,
      value: (order) => order.lines.map((line) => `${line.title}×${line.quantity}`).join('；'),
    },
    { header: '金额（元）', kind: 'money', value: (order) => order.totalFen },
    { header: '基金份额（元）', kind: 'money', value: (order) => sum(order, 'fundFen') },
    { header: '手艺人所得（元）', kind: 'money', value: (order) => sum(order, 'makerFen') },
    { header: '状态', kind: 'text', value: (order) => ORDER_STATUS_LABELS[order.status] ?? order.status },
    { header: '付款时间', kind: 'time', width: 18, value: (order) => order.paidAt },
    { header: '支付单号', kind: 'text', width: 28, value: (order) => order.paymentReference },
  ],
};

const fund: Dataset<FundEntry> = {
  title: '公益基金',
  columns: [
    { header: '序号', kind: 'integer', value: (entry) => entry.sequence },
    { header: '时间', kind: 'time', width: 18, value: (entry) => entry.createdAt },
    { header: '类型', kind: 'text', value: (entry) => FUND_KIND_LABELS[entry.kind] ?? entry.kind },
    { header: '金额（元）', kind: 'money', value: (entry) => entry.amountFen },
    { header: '余额（元）', kind: 'money', value: (entry) => entry.balanceAfterFen },
    { header: '说明', kind: 'text', width: 30, value: (entry) => entry.description },
    { header: '捐赠人', kind: 'text', width: 16, value: (entry) => entry.donorName },
    { header: '用途类别', kind: 'text', value: (entry) => entry.category },
    { header: '审批人', kind: 'text', width: 16, value: (entry, names) => personLabel(entry.approvedBy, names) },
    { header: '哈希', kind: 'text', width: 30, value: (entry) => entry.hash },
  ],
};

function sum(order: Order, field: 'fundFen' | 'makerFen'): number {
  return order.lines.reduce((total, line) => total + line[field], 0);
}

/** What each dataset's rows are made of. */
/** One line of an activity's roster, with its activity (the `signups` dataset). */
export interface SignupRow {
  activity: Activity;
  entry: RosterEntry;
  /** Where the activity needs accident insurance: what the insurer asks for (the ID masked unless an admin exports). */
  insured?: { realName?: string; idNumber?: string; minutes?: number };
}

const SIGNUP_STATUS_LABELS: Record<RosterEntry['status'], string> = {
  confirmed: '已报名',
  waitlisted: '候补',
  cancelled: '已取消',
  walk_in: '未报名直接签到',
};

const ATTENDANCE_LABELS: Record<RosterEntry['attendance'], string> = {
  checked_in: '已签到',
  checked_out: '已签退',
  no_show: '未到场',
  none: '',
};

const signups: Dataset<SignupRow> = {
  title: '报名名单',
  columns: [
    { header: '活动', kind: 'text', width: 24, value: (row) => row.activity.title },
    { header: '活动开始', kind: 'time', width: 18, value: (row) => row.activity.startsAt },
    {
      header: '岗位',
      kind: 'text',
      width: 12,
      value: (row) => row.activity.positions?.find((position) => position.id === row.entry.positionId)?.name,
    },
    { header: '姓名', kind: 'text', width: 16, value: (row) => row.entry.displayName },
    { header: '报名状态', kind: 'text', width: 14, value: (row) => SIGNUP_STATUS_LABELS[row.entry.status] },
    { header: '候补位次', kind: 'integer', value: (row) => row.entry.waitlistPosition },
    { header: '报名时间', kind: 'time', width: 18, value: (row) => row.entry.signedUpAt },
    { header: '到场', kind: 'text', value: (row) => ATTENDANCE_LABELS[row.entry.attendance] },
    { header: '签到时间', kind: 'time', width: 18, value: (row) => row.entry.checkedInAt },
    { header: '累计未到场', kind: 'integer', value: (row) => row.entry.noShows ?? 0 },
    { header: '真实姓名（保险）', kind: 'text', width: 12, value: (row) => row.insured?.realName },
    { header: '身份证号（保险）', kind: 'text', width: 22, value: (row) => row.insured?.idNumber },
    { header: '服务分钟', kind: 'integer', value: (row) => row.insured?.minutes },
    { header: '成员编号', kind: 'text', width: 28, value: (row) => row.entry.memberId },
  ],
};

/** One entry of a volunteer's service record, with who they are (the `service-records` dataset). */
export interface ServiceRecordRow {
  entry: ServiceRecordEntry;
  memberId: string;
  displayName: string;
  /** From the volunteer profile: the real name, and the ID number (masked unless an admin exports). */
  person?: { realName?: string; idNumber?: string };
}

/**
 * The fields of the 志愿服务记录与证明出具办法（试行） per entry, in the order the national volunteer
 * service information system's import asks for a volunteer and a service (README: which map where).
 */
const serviceRecords: Dataset<ServiceRecordRow> = {
  title: '志愿服务记录',
  columns: [
    { header: '志愿者姓名', kind: 'text', width: 12, value: (row) => row.person?.realName ?? row.displayName },
    { header: '证件类型', kind: 'text', width: 12, value: (row) => (row.person?.idNumber ? '居民身份证' : undefined) },
    { header: '证件号码', kind: 'text', width: 22, value: (row) => row.person?.idNumber },
    { header: '志愿者编号', kind: 'text', width: 28, value: (row) => row.memberId },
    { header: '活动名称', kind: 'text', width: 24, value: (row) => row.entry.activityTitle },
    { header: '服务内容', kind: 'text', width: 30, value: (row) => row.entry.content },
    { header: '服务日期', kind: 'text', width: 12, value: (row) => row.entry.date },
    { header: '服务地点', kind: 'text', width: 20, value: (row) => row.entry.place },
    { header: '服务时长（小时）', kind: 'text', width: 10, value: (row) => (row.entry.minutes / 60).toFixed(2) },
    { header: '服务分钟', kind: 'integer', value: (row) => row.entry.minutes },
    { header: '组织单位', kind: 'text', width: 20, value: (row) => row.entry.organiser },
    { header: '负责人', kind: 'text', width: 12, value: (row) => row.entry.personInCharge },
    { header: '记录人', kind: 'text', width: 12, value: (row) => row.entry.recordedBy },
    { header: '记录时间', kind: 'time', width: 18, value: (row) => row.entry.recordedAt },
    { header: '记录方式', kind: 'text', value: (row) => (row.entry.source === 'office' ? '补录' : '扫码签到') },
    { header: '记录编号', kind: 'text', width: 28, value: (row) => row.entry.claimId },
  ],
};

export interface DatasetRecords {
  members: MemberRecord;
  hours: Claim;
  ledger: PostingRow;
  redemptions: Redemption;
  'merchant-uses': DiscountUse;
  orders: Order;
  fund: FundEntry;
  signups: SignupRow;
  'service-records': ServiceRecordRow;
}

export const DATASETS: { [Name in ExportDataset]: Dataset<DatasetRecords[Name]> } = {
  members,
  hours,
  ledger,
  redemptions,
  'merchant-uses': merchantUses,
  orders,
  fund,
  signups,
  'service-records': serviceRecords,
};

/** One row per posting, in the transfer's order. */
export const postingRows = (transfers: readonly Transfer[]): PostingRow[] =>
  transfers.flatMap((transfer) => transfer.postings.map((posting) => ({ transfer, posting })));

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** `2026-11-22T10:05:00.000Z` → `2026-11-22 18:05` (China time). */
export function chinaTime(iso: string): string {
  return new Date(Date.parse(iso) + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}
