import type { Claim, DiscountUse, FundEntry, Order, Redemption } from '@linli/shared';
import type { MemberRecord } from '../../identity/ports';
import type { Transfer } from '../../ledger/transfer';
import { DATASETS, accountLabel, type Column, chinaTime, personLabel, postingRows } from './datasets';
import type { CellValue } from './csv';
import { csvValue, rowValues } from './exports';

const names = new Map([
  ['u-staff', '王社工'],
  ['u-res', '李阿姨'],
]);

/** A decimal (money) as the text the CSV holds; other cells as they are. */
const shown = (cell: CellValue) => (typeof cell === 'object' ? cell.decimal : cell);

/** The dataset's rows as the CSV shows them, keyed by Chinese header. */
function csvRows<Name extends keyof typeof DATASETS>(dataset: Name, items: unknown[]) {
  const { columns } = DATASETS[dataset] as unknown as { columns: Column<unknown>[] };
  return rowValues(columns, items, names).map((row) =>
    Object.fromEntries(
      row.map((value, index) => [columns[index]!.header, shown(csvValue(columns[index]!.kind, value))]),
    ),
  );
}

describe('export datasets', () => {
  it('shows instants in China time', () => {
    expect(chinaTime('2026-11-22T10:05:00.000Z')).toBe('2026-11-22 18:05');
    expect(chinaTime('2026-11-22T16:30:59.999Z')).toBe('2026-11-23 00:30');
  });

  it('names people and accounts', () => {
    expect(personLabel('u-staff', names)).toBe('王社工');
    expect(personLabel('u-gone', names)).toBe('u-gone');
    expect(personLabel('system', names)).toBe('系统');
    expect(personLabel(undefined, names)).toBeUndefined();
    expect(accountLabel('member:u-res', names)).toBe('李阿姨');
    expect(accountLabel('community:issuance', names)).toBe('社区发行');
    expect(accountLabel('community:redemption', names)).toBe('兑换回收');
  });

  it('members: join time, number, name, roles in Chinese', () => {
    const member: MemberRecord = {
      communityId: 'c1',
      userId: 'u-staff',
      roles: ['admin', 'staff'],
      displayName: '王社工',
      joinedAt: '2026-11-01T02:00:00.000Z',
      memberNo: 1024,
    };
    // A member the backfill has not reached yet: the number's cell is empty.
    const unnumbered: MemberRecord = { ...member, userId: 'u-res', displayName: '李阿姨', roles: ['resident'] };
    delete unnumbered.memberNo;
    expect(csvRows('members', [member, unnumbered])).toEqual([
      { 加入时间: '2026-11-01 10:00', 编号: 1024, 姓名: '王社工', 角色: '管理员、社工', 成员编号: 'u-staff' },
      { 加入时间: '2026-11-01 10:00', 编号: undefined, 姓名: '李阿姨', 角色: '居民', 成员编号: 'u-res' },
    ]);
  });

  it('hours: member, activity, minutes, points, approver and approval time', () => {
    const claim: Claim = {
      id: 'cl1',
      communityId: 'c1',
      memberId: 'u-res',
      memberName: '李阿姨',
      activityId: 'a1',
      activityTitle: '扫雪',
      minutes: 90,
      points: 2,
      status: 'approved',
      source: 'office',
      flagged: false,
      createdBy: 'u-staff',
      createdAt: '2026-11-22T01:00:00.000Z',
      decidedBy: 'u-staff',
      decidedAt: '2026-11-22T10:05:00.000Z',
    };
    expect(csvRows('hours', [claim])[0]).toEqual({
      申报时间: '2026-11-22 09:00',
      成员: '李阿姨',
      活动: '扫雪',
      '时长（分钟）': 90,
      积分: 2,
      来源: '社区录入',
      审核人: '王社工',
      审核时间: '2026-11-22 18:05',
      成员编号: 'u-res',
      申报编号: 'cl1',
    });
  });

  it('ledger: one row per posting with both accounts named', () => {
    const transfer: Transfer = {
      communityId: 'c1',
      transferId: 't1',
      kind: 'redemption',
      memo: '兑换 小米',
      postings: [
        { source: 'member:u-res', destination: 'community:redemption', amountPoints: 3 },
        { source: 'community:issuance', destination: 'member:u-res', amountPoints: 1 },
      ],
      actorId: 'u-staff',
      createdAt: '2026-11-22T10:05:00.000Z',
    };
    const rows = csvRows('ledger', postingRows([transfer]));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual({
      时间: '2026-11-22 18:05',
      类型: '兑换',
      摘要: '兑换 小米',
      转出: '李阿姨',
      转入: '兑换回收',
      积分: 3,
      操作人: '王社工',
      流水号: 't1',
      冲正流水号: undefined,
    });
    expect(rows[1]).toMatchObject({ 转出: '社区发行', 转入: '李阿姨', 积分: 1 });
  });

  it('redemptions: points as integers, value in yuan, status in Chinese', () => {
    const redemption: Redemption = {
      id: 'r1',
      goodId: 'g1',
      goodName: '小米 1kg',
      memberId: 'u-res',
      memberName: '李阿姨',
      quantity: 2,
      pricePoints: 3,
      totalPoints: 6,
      valueFen: 1250,
      pickupCode: '123456',
      status: 'picked_up',
      createdAt: '2026-11-22T01:00:00.000Z',
      handedOverBy: 'u-staff',
      handedOverAt: '2026-11-22T02:00:00.000Z',
    };
    expect(csvRows('redemptions', [redemption])[0]).toMatchObject({
      物品: '小米 1kg',
      数量: 2,
      '单价（积分）': 3,
      合计积分: 6,
      '价值（元）': '12.50',
      状态: '已领取',
      经手人: '王社工',
      领取时间: '2026-11-22 10:00',
      取消时间: undefined,
    });
  });

  it('merchant uses: bill in yuan when given, flag as 是/否', () => {
    const use: DiscountUse = {
      id: 'use1',
      merchantId: 'm1',
      merchantName: '张记面馆',
      memberId: 'u-res',
      memberName: '李阿姨',
      at: '2026-11-22T04:00:00.000Z',
      billFen: 3800,
      flagged: true,
      flagReasons: ['too_many_uses', 'far_apart'],
    };
    expect(csvRows('merchant-uses', [use, { ...use, billFen: undefined, flagged: false, flagReasons: [] }])).toEqual([
      expect.objectContaining({
        商家: '张记面馆',
        '消费金额（元）': '38.00',
        疑似代用: '是',
        提示原因: 'too_many_uses、far_apart',
      }),
      expect.objectContaining({ '消费金额（元）': undefined, 疑似代用: '否', 提示原因: undefined }),
    ]);
  });

  it('orders: lines, total, fund and maker shares in yuan', () => {
    const order: Order = {
      id: 'o1',
      kind: 'shop',
      buyerId: 'u-res',
      buyerName: '李阿姨',
      lines: [
        {
          productId: 'p1',
          title: '手工布鞋',
          makerId: 'u-m',
          quantity: 1,
          unitPriceFen: 15000,
          grossFen: 15000,
          fundShareBps: 2000,
          fundFen: 3000,
          makerFen: 12000,
        },
        {
          productId: 'p2',
          title: '香囊',
          makerId: 'u-m',
          quantity: 2,
          unitPriceFen: 500,
          grossFen: 1000,
          fundShareBps: 2000,
          fundFen: 200,
          makerFen: 800,
        },
      ],
      totalFen: 16000,
      status: 'paid',
      createdAt: '2026-11-22T01:00:00.000Z',
      expiresAt: '2026-11-22T01:30:00.000Z',
      paidAt: '2026-11-22T01:01:00.000Z',
      paymentReference: 'dev-1',
    };
    expect(csvRows('orders', [order])[0]).toEqual({
      下单时间: '2026-11-22 09:00',
      订单号: 'o1',
      类型: '商品',
      买家: '李阿姨',
      商品: '手工布鞋×1；香囊×2',
      '金额（元）': '160.00',
      '基金份额（元）': '32.00',
      '手艺人所得（元）': '128.00',
      状态: '已付款',
      付款时间: '2026-11-22 09:01',
      支付单号: 'dev-1',
    });
  });

  it('fund: signed amounts and the running balance in yuan', () => {
    const entry: FundEntry = {
      id: 'f2',
      sequence: 2,
      kind: 'expense',
      amountFen: -3050,
      balanceAfterFen: 11950,
      description: '=购买 雪铲',
      category: 'equipment',
      approvedBy: 'u-staff',
      createdAt: '2026-11-22T01:00:00.000Z',
      previousHash: 'a'.repeat(64),
      hash: 'b'.repeat(64),
    };
    expect(csvRows('fund', [entry])[0]).toEqual({
      序号: 2,
      时间: '2026-11-22 09:00',
      类型: '支出',
      '金额（元）': '-30.50',
      '余额（元）': '119.50',
      说明: '=购买 雪铲',
      捐赠人: undefined,
      用途类别: 'equipment',
      审批人: '王社工',
      哈希: 'b'.repeat(64),
    });
  });
});
