import {
  FUND_MESSAGES,
  LEDGER_MESSAGES,
  MARKET_MESSAGES,
  NOTIFICATION_MESSAGES,
  OFFICE_MESSAGES,
  SHOP_MESSAGES,
  TIMEBANK_MESSAGES,
  chinaDayAndTime,
  formattedNotificationValues,
  isNotificationMessageKey,
  notificationText,
  templatePlaceholders,
  type NotificationMessage,
  type NotificationMessageKey,
  type NotificationMessageOf,
  type NotificationMessageSpec,
} from '.';

const AREAS = { TIMEBANK_MESSAGES, LEDGER_MESSAGES, MARKET_MESSAGES, SHOP_MESSAGES, FUND_MESSAGES, OFFICE_MESSAGES };
const KEYS = Object.keys(NOTIFICATION_MESSAGES) as NotificationMessageKey[];
const spec = (key: NotificationMessageKey): NotificationMessageSpec => NOTIFICATION_MESSAGES[key];

const STARTS_AT = '2026-12-02T01:30:00.000Z';
const SERIAL = 'LL-demo-2026-000001';

/**
 * One message of each key, with the Chinese title and body the backend wrote before messages had keys
 * (the template literals they replaced, filled in by hand), the currency being `时间币`. The type makes
 * a new key fail to compile until it has its sample here.
 */
const STORED_BEFORE: {
  [Key in NotificationMessageKey]: { values: NotificationMessageOf<Key>['values']; title: string; body: string };
} = {
  'claim.approved': {
    values: { activity: '敬老院探访', minutes: 90, points: 2 },
    title: '服务时长已通过',
    body: '「敬老院探访」90 分钟，获得 2 时间币',
  },
  'claim.rejected': {
    values: { activity: '敬老院探访', reason: '没有签到记录' },
    title: '服务时长未通过',
    body: '「敬老院探访」：没有签到记录',
  },
  'claim.reversed': {
    values: { activity: '敬老院探访', minutes: 90, points: 2, reason: '重复登记' },
    title: '服务时长已撤销',
    body: '「敬老院探访」90 分钟的 2 时间币已冲正：重复登记',
  },
  'signup.promoted': {
    values: { activity: '社区义诊' },
    title: '候补转为报名成功',
    body: '有人取消了报名，你已从候补转为正式报名：社区义诊',
  },
  'activity.cancelled': {
    values: { activity: '社区义诊', startsAt: STARTS_AT },
    title: '活动已取消',
    body: '你报名的活动已取消：社区义诊（12月2日 09:30）',
  },
  'activity.reminder_day': {
    values: { activity: '社区义诊', startsAt: STARTS_AT },
    title: '报名活动提醒',
    body: '社区义诊，12月2日 09:30 开始',
  },
  'activity.reminder_day_at': {
    values: { activity: '社区义诊', startsAt: STARTS_AT, location: '活动室' },
    title: '报名活动提醒',
    body: '社区义诊，12月2日 09:30 开始，地点：活动室',
  },
  'activity.reminder_hour': {
    values: { activity: '社区义诊', startsAt: STARTS_AT },
    title: '活动一小时后开始',
    body: '社区义诊，12月2日 09:30 开始',
  },
  'activity.reminder_hour_at': {
    values: { activity: '社区义诊', startsAt: STARTS_AT, location: '活动室' },
    title: '活动一小时后开始',
    body: '社区义诊，12月2日 09:30 开始，地点：活动室',
  },
  'team.added': { values: { team: '银发服务队' }, title: '已加入「银发服务队」', body: '你已成为这支志愿服务队的队员' },
  'team.removed': {
    values: { team: '银发服务队' },
    title: '已离开「银发服务队」',
    body: '你已不再是这支志愿服务队的队员',
  },
  'team.request_approved': {
    values: { team: '银发服务队' },
    title: '已加入「银发服务队」',
    body: '你的入队申请已通过',
  },
  'team.request_rejected': {
    values: { team: '银发服务队', reason: '名额已满' },
    title: '「银发服务队」入队申请未通过',
    body: '名额已满',
  },
  'certificate.issued': {
    values: { community: '幸福里社区' },
    title: '志愿者证书已发放',
    body: '您已获得幸福里社区志愿者证书，可在联盟商家享受优惠',
  },
  'certificate.restored': {
    values: {},
    title: '志愿者证书已恢复',
    body: '您的积分重新达到发证标准，志愿者证书已恢复',
  },
  'certificate.reinstated': {
    values: {},
    title: '志愿者证书已恢复',
    body: '您的志愿者证书已恢复，可继续在联盟商家使用',
  },
  'certificate.revoked': { values: { reason: '违规使用' }, title: '志愿者证书已被收回', body: '原因：违规使用' },
  'certificate.review': {
    values: { threshold: 30 },
    title: '志愿者证书待复核',
    body: '积分冲正后低于发证标准（30），证书暂停使用，等待社区复核',
  },
  'service_certificate.issued': {
    values: { serialNumber: SERIAL, hours: 750 / 60 },
    title: '志愿服务记录证明已出具',
    body: `编号 ${SERIAL}，累计 12.5 小时。可在“我的志愿服务记录”下载。`,
  },
  'service_certificate.revoked': {
    values: { serialNumber: SERIAL, reason: '记录有误' },
    title: '志愿服务记录证明已撤销',
    body: `编号 ${SERIAL} 的证明已被撤销：记录有误`,
  },
  'record_request.correction_accepted': {
    values: { reason: '已改正' },
    title: '记录更正已受理',
    body: '社区办公室已受理你的志愿服务记录更正申请：已改正',
  },
  'record_request.correction_rejected': {
    values: { reason: '没有记录' },
    title: '记录更正未通过',
    body: '你的志愿服务记录更正申请未通过：没有记录',
  },
  'record_request.certificate_accepted': {
    values: { reason: '' },
    title: '证明申请已受理',
    body: '社区办公室已受理你的志愿服务记录证明申请：',
  },
  'record_request.certificate_rejected': {
    values: { reason: '时长不足' },
    title: '证明申请未通过',
    body: '你的志愿服务记录证明申请未通过：时长不足',
  },
  'recognition.awarded': {
    values: { month: '2026-11', citation: '风雨无阻，照顾独居老人' },
    title: '2026-11 月度优秀志愿者',
    body: '风雨无阻，照顾独居老人',
  },
  'gift.received': {
    values: { points: 5, giver: '王阿姨', memo: '谢谢你帮我修水管' },
    title: '收到 5 时间币',
    body: '王阿姨：谢谢你帮我修水管',
  },
  'gift.received_unsigned': {
    values: { points: 5, giver: '王阿姨', recipient: '小李' },
    title: '收到 5 时间币',
    body: '王阿姨：赠送给 小李',
  },
  'points.reversal_returned': { values: { points: 3, reason: '误扣' }, title: '退回 3 时间币', body: '冲正：误扣' },
  'points.reversal_taken': {
    values: { points: 3, reason: '重复发放' },
    title: '扣回 3 时间币',
    body: '冲正：重复发放',
  },
  'points.expired': {
    values: { points: 7, cutoff: '2025-12' },
    title: '7 时间币已到期',
    body: '按社区规则，2025-12 之前获得且未使用的积分已到期',
  },
  'points.expiring': {
    values: { points: 7, useBy: '2026-12-31' },
    title: '7 时间币即将到期',
    body: '请在 2026-12-31 前使用，可到诚信超市兑换或捐给公益积分池',
  },
  'redemption.ready': {
    values: { good: '大米 5kg', pickupCode: '012345' },
    title: '大米 5kg 可以领取了',
    body: '凭取货码 012345 到社区诚信超市领取',
  },
  'redemption.reversed': {
    values: { points: 10, good: '大米 5kg', reason: '库存有误' },
    title: '兑换已撤销，退回 10 时间币',
    body: '大米 5kg：库存有误',
  },
  'complaint.dismissed': {
    values: { merchant: '老街理发', note: '查无实据' },
    title: '您对「老街理发」的投诉已处理',
    body: '不予处理：查无实据',
  },
  'complaint.warned': {
    values: { merchant: '老街理发', note: '已约谈' },
    title: '您对「老街理发」的投诉已处理',
    body: '已警告商家：已约谈',
  },
  'complaint.suspended': {
    values: { merchant: '老街理发', note: '暂停一个月' },
    title: '您对「老街理发」的投诉已处理',
    body: '已暂停商家：暂停一个月',
  },
  'complaint.removed': {
    values: { merchant: '老街理发', note: '多次违规' },
    title: '您对「老街理发」的投诉已处理',
    body: '已将商家移出联盟：多次违规',
  },
  'merchant.approved': {
    values: { merchant: '老街理发' },
    title: '商户申请已通过',
    body: '老街理发 已加入商户联盟：在“我的 → 商户后台”设置优惠、核验志愿者证',
  },
  'merchant.rejected': {
    values: { merchant: '老街理发', reason: '材料不全' },
    title: '商户申请未通过',
    body: '老街理发 的申请未通过：材料不全',
  },
  'order.paid': {
    values: { amountFen: 12050 },
    title: '订单已付款',
    body: '订单 120.50 元已付款，手作人正在准备',
  },
  'order.ready_for_pickup': {
    values: { lines: ['手工皂 × 2', '围巾 × 1'] },
    title: '订单可以取货了',
    body: '手工皂 × 2，围巾 × 1',
  },
  'order.shipped': { values: { lines: ['手工皂 × 2', '围巾 × 1'] }, title: '订单已发货', body: '手工皂 × 2，围巾 × 1' },
  'order.completed': { values: { lines: ['手工皂 × 2'] }, title: '订单已完成', body: '手工皂 × 2' },
  'order.refunded': {
    values: { amountFen: 12050, reason: '买家不要了' },
    title: '订单已退款',
    body: '120.50 元将原路退回：买家不要了',
  },
  'order.payment_returned_closed': {
    values: { amountFen: 12050 },
    title: '付款将原路退回',
    body: '订单已关闭，您付的 120.50 元将原路退回',
  },
  'order.payment_returned_ended': {
    values: { amountFen: 12050 },
    title: '付款将原路退回',
    body: '订单已结束，您付的 120.50 元将原路退回',
  },
  'sale.refunded': {
    values: { lines: ['手工皂 × 2', '香囊 × 1'], makerFen: 8000 },
    title: '售出的作品已退款',
    body: '手工皂 × 2，香囊 × 1 已退款，80.00 元从您的收入中扣回；若已结算给您，将从下次结算中抵扣',
  },
  'sale.refunded_child': {
    values: { lines: ['手工皂 × 2'], makerFen: 8000 },
    title: '售出的作品已退款',
    body: '手工皂 × 2 已退款，80.00 元从孩子的收入中扣回；若已结算给您，将从下次结算中抵扣',
  },
  'payout.to_guardian': {
    values: { maker: '小明', amountFen: 8000, note: '现金' },
    title: '孩子的作品收入已结算给您',
    body: '小明 的作品收入 80.00 元已结算给您（监护人）：现金',
  },
  'donation.received': {
    values: { amountFen: 5000 },
    title: '感谢您的捐款',
    body: '50.00 元已计入社区公益基金，可在基金公示中查看',
  },
  'pledge.due': {
    values: { amountFen: 3000, days: 7 },
    title: '本月月捐待支付',
    body: '您的月月捐 30.00 元已生成，请在 7 天内完成支付。',
  },
  'receipt.issued': {
    values: { donatedOn: '2026-11-23', amountFen: 3000, holder: '幸福里慈善会', receiptNo: 'No.0001' },
    title: '捐赠票据已开具',
    body: '您 2026-11-23 捐赠的 30.00 元，捐赠票据（幸福里慈善会）已开具，票据号码 No.0001。',
  },
  'receipt.rejected': {
    values: { donatedOn: '2026-11-23', amountFen: 3000, reason: '信息不全' },
    title: '捐赠票据申请未通过',
    body: '您 2026-11-23 捐赠的 30.00 元的捐赠票据申请未通过：信息不全',
  },
};

describe('notification messages (issue 21: inbox texts in the reader’s language)', () => {
  it('are the areas’ tables together, each key in one area only', () => {
    const homes = Object.values(AREAS).flatMap((table) => Object.keys(table));

    expect(homes.length).toBe(new Set(homes).size);
    expect(homes.sort()).toEqual([...KEYS].sort());
  });

  it.each(KEYS)(
    '%s: its Chinese templates take exactly its declared values (and {currency} when it names it)',
    (key) => {
      const used = [...templatePlaceholders(spec(key).title), ...templatePlaceholders(spec(key).body)];
      const declared = [...Object.keys(spec(key).values), ...(spec(key).currency ? ['currency'] : [])];

      expect([...new Set(used)].sort()).toEqual(declared.sort());
    },
  );

  it.each(KEYS)('%s: the Chinese text is what the backend stored before keys', (key) => {
    const sample = STORED_BEFORE[key];
    const message = { key, values: sample.values } as NotificationMessage;

    const text = notificationText(NOTIFICATION_MESSAGES, message, '时间币');

    expect({ title: text.title, body: text.body }).toEqual({ title: sample.title, body: sample.body });
    expect(text.message).toBe(message);
  });

  it('writes values by their kind, in the reader’s language', () => {
    expect(chinaDayAndTime(STARTS_AT, 'zh-CN')).toBe('12月2日 09:30');
    expect(chinaDayAndTime('2026-11-30T16:05:00.000Z', 'en')).toBe('Tue 01/12 00:05');
    expect(
      formattedNotificationValues(
        { key: 'sale.refunded', values: { lines: ['Soap × 2', 'Scarf × 1'], makerFen: 5 } },
        'en',
      ),
    ).toEqual({ lines: 'Soap × 2, Scarf × 1', makerFen: '0.05' });
    expect(
      formattedNotificationValues(
        { key: 'service_certificate.issued', values: { serialNumber: SERIAL, hours: 2 } },
        'en',
      ),
    ).toEqual({
      serialNumber: SERIAL,
      hours: '2.0',
    });
  });

  it('finds no text for a message without its values or with an unknown key (the app shows the stored text)', () => {
    expect(formattedNotificationValues({ key: 'claim.rejected', values: { activity: '敬老院探访' } }, 'en')).toBeNull();
    expect(isNotificationMessageKey('claim.rejected')).toBe(true);
    expect(isNotificationMessageKey('claim.someday')).toBe(false);
    expect(isNotificationMessageKey('toString')).toBe(false);
  });

  it('will not compile a message without its values, its currency, or from another area’s table', () => {
    // Never called: the checks are the compiler's (tsc -p shared reads this file).
    const misuses = () => [
      // @ts-expect-error — a text that names the currency needs the community's currencyName
      notificationText(LEDGER_MESSAGES, { key: 'gift.received', values: { points: 5, giver: '王阿姨', memo: '谢谢' } }),
      // @ts-expect-error — every declared value (`reason` is missing)
      notificationText(TIMEBANK_MESSAGES, { key: 'claim.rejected', values: { activity: '敬老院探访' } }),
      // @ts-expect-error — no value it does not declare
      notificationText(TIMEBANK_MESSAGES, { key: 'signup.promoted', values: { activity: '义诊', extra: 1 } }),
      // @ts-expect-error — the office's table has no time bank keys
      notificationText(OFFICE_MESSAGES, { key: 'claim.rejected', values: { activity: '敬老院探访', reason: '无' } }),
    ];

    expect(misuses).toBeInstanceOf(Function);
  });
});
