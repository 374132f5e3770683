/**
 * Every string the mini-program shows, in one catalogue per area (`catalogues/<area>.ts`). zh-CN is the
 * source of the keys; each catalogue translates every one of its keys into English (the type checker
 * enforces it), and a key lives in exactly one catalogue (catalogues.test.ts).
 * `{name}` placeholders are filled by `t(key, { name })`.
 */
import * as timebank from './catalogues/timebank';
import * as ledger from './catalogues/ledger';
import * as market from './catalogues/market';
import * as shop from './catalogues/shop';
import * as fund from './catalogues/fund';
import * as office from './catalogues/office';
import { officeConsoleEn, officeConsoleZhCN } from './messages-office';

/** The keys not yet sorted into an area catalogue. */
const remainingZhCN = {
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

  'me.hours': '我的志愿时长',
  'me.ledger': '积分明细',
  'me.certificatePass': '我的志愿者证书',
  'me.office': '社区办公',
  'me.officeHint': '活动、审核时长、证书、超市、商家联盟',

  'home.title': '首页',
  'home.welcome': '欢迎来到邻里',
  'home.intro': '参加志愿服务，攒下积分，兑换好物，支持社区公益。',
  'home.community': '当前社区',
  'home.currency': '社区积分名称',
  'home.switchCommunity': '切换社区',
  'home.goMe': '查看我的积分',

  'login.title': '登录',
  'login.welcome': '欢迎使用邻里',
  'login.wechat': '微信一键登录',
  'login.wechatHint': '登录后即可加入你所在的社区。',
  'login.devNote': '这是开发环境登录，只在本地和测试环境可用。',
  'login.openid': '用户标识 (openid)',
  'login.openidPlaceholder': '例如 demo-resident',
  'login.nickname': '昵称（可不填）',
  'login.nicknamePlaceholder': '例如 王阿姨',
  'login.submit': '登录',
  'login.submitting': '正在登录…',
  'login.openidRequired': '请填写用户标识',
  'login.unavailable': '当前环境不支持此登录方式，请在微信中打开。',

  'communities.title': '选择社区',
  'communities.intro': '选择你所在的社区，加入后即可参加活动、积累积分。',
  'communities.empty': '暂时还没有社区',
  'communities.join': '加入',
  'communities.select': '进入',
  'communities.current': '当前',
  'communities.joined': '已加入',
  'communities.currency': '积分：{currency}',

  'me.title': '我的',
  'me.balance': '{currency} {balance}',
  'me.balanceLabel': '我的积分',
  'me.roles': '身份',
  'me.certificate': '志愿者证书',
  'me.certificateNone': '未获得志愿者证书',
  'me.certificateProgress': '再获得 {remaining} {currency} 即可领取证书（{balance} / {threshold}）',
  'me.certificateReached': '已达到 {threshold} {currency}，证书即将发放',
  'me.certificateActive': '志愿者证书有效',
  'me.certificateRevoked': '证书已撤销',
  'me.certificateReview': '证书待社区复核，暂停使用',
  'me.settings': '设置',
  'me.language': 'Language / 语言',
  'me.languageValue': '中文',
  'me.largeText': '大字模式',
  'me.largeTextHint': '放大文字和按钮，方便长辈使用',
  'me.switchCommunity': '切换社区',
  'me.logout': '退出登录',

  'role.resident': '居民',
  'role.maker': '手艺人',
  'role.merchant': '商户',
  'role.staff': '社工',
  'role.admin': '管理员',

  'common.reasonRequired': '请填写原因',
  'month.label': '{year}年{month}月',

  'me.memberId': '会员编号：{id}',
  'me.merchant': '商户后台',
  'me.merchantHint': '{name}：核验志愿者证、优惠记录、发布公告',

  'error.network': '网络连接失败，请稍后重试',
  'error.unauthorized': '登录已过期，请重新登录',
  'error.unknown': '出了点问题，请稍后再试',
  'error.forbidden': '你没有权限做这件事',
  'error.notFound': '没有找到，可能已被删除',
  'error.network.unreachable': '网络连接失败，请稍后重试',
  'error.request.validation_failed': '填写的内容有误，请检查后再提交',
  'error.member.not_found': '没有找到这位居民',
  'error.auth.forbidden': '你没有权限做这件事',
} as const;

const remainingEn: Record<keyof typeof remainingZhCN, string> = {
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

  'me.hours': 'My volunteer hours',
  'me.ledger': 'Points history',
  'me.certificatePass': 'My volunteer certificate',
  'me.office': 'Community office',
  'me.officeHint': 'Activities, approvals, certificates, supermarket, alliance',

  'home.title': 'Home',
  'home.welcome': 'Welcome to Linli',
  'home.intro': 'Volunteer, earn points, exchange goods and support your community fund.',
  'home.community': 'Community',
  'home.currency': 'Community points',
  'home.switchCommunity': 'Switch community',
  'home.goMe': 'See my points',

  'login.title': 'Log in',
  'login.welcome': 'Welcome to Linli',
  'login.wechat': 'Log in with WeChat',
  'login.wechatHint': 'Log in to join your community.',
  'login.devNote': 'This is the development login, available only on local and test stages.',
  'login.openid': 'User id (openid)',
  'login.openidPlaceholder': 'e.g. demo-resident',
  'login.nickname': 'Nickname (optional)',
  'login.nicknamePlaceholder': 'e.g. Auntie Wang',
  'login.submit': 'Log in',
  'login.submitting': 'Logging in…',
  'login.openidRequired': 'Please enter a user id',
  'login.unavailable': 'This login is not available here; please open Linli in WeChat.',

  'communities.title': 'Choose a community',
  'communities.intro': 'Choose your community; once you join you can take part and earn points.',
  'communities.empty': 'There are no communities yet',
  'communities.join': 'Join',
  'communities.select': 'Enter',
  'communities.current': 'Current',
  'communities.joined': 'Joined',
  'communities.currency': 'Points: {currency}',

  'me.title': 'Me',
  'me.balance': '{currency} {balance}',
  'me.balanceLabel': 'My points',
  'me.roles': 'Roles',
  'me.certificate': 'Volunteer certificate',
  'me.certificateNone': 'No volunteer certificate yet',
  'me.certificateProgress': '{remaining} more {currency} to earn the certificate ({balance} / {threshold})',
  'me.certificateReached': 'You reached {threshold} {currency}; the certificate is on its way',
  'me.certificateActive': 'Volunteer certificate is valid',
  'me.certificateRevoked': 'Certificate revoked',
  'me.certificateReview': 'Certificate under review by the office',
  'me.settings': 'Settings',
  'me.language': 'Language / 语言',
  'me.languageValue': 'English',
  'me.largeText': 'Large text',
  'me.largeTextHint': 'Bigger text and buttons, easier to read',
  'me.switchCommunity': 'Switch community',
  'me.logout': 'Log out',

  'role.resident': 'Resident',
  'role.maker': 'Maker',
  'role.merchant': 'Merchant',
  'role.staff': 'Social worker',
  'role.admin': 'Administrator',

  'common.reasonRequired': 'Please give a reason',
  'month.label': '{month}/{year}',

  'me.memberId': 'Member number: {id}',
  'me.merchant': 'Merchant console',
  'me.merchantHint': '{name}: verify certificates, discounts given, notices',

  'error.network': 'Network error, please try again',
  'error.unauthorized': 'Your login has expired, please log in again',
  'error.unknown': 'Something went wrong, please try again later',
  'error.forbidden': 'You are not allowed to do this',
  'error.notFound': 'Not found; it may have been removed',
  'error.network.unreachable': 'Network error, please try again',
  'error.request.validation_failed': 'Something in the form is not right; please check it',
  'error.member.not_found': 'No such resident',
  'error.auth.forbidden': 'You are not allowed to do this',
};

/** Every catalogue, by area. */
export const CATALOGUES = {
  timebank,
  ledger,
  market,
  shop,
  fund,
  office,
  officeConsole: { zhCN: officeConsoleZhCN, en: officeConsoleEn },
  remaining: { zhCN: remainingZhCN, en: remainingEn },
};

export const zhCN = {
  ...timebank.zhCN,
  ...ledger.zhCN,
  ...market.zhCN,
  ...shop.zhCN,
  ...fund.zhCN,
  ...office.zhCN,
  ...officeConsoleZhCN,
  ...remainingZhCN,
} as const;

export type MessageKey = keyof typeof zhCN;
export type Messages = Record<MessageKey, string>;

export const en: Messages = {
  ...timebank.en,
  ...ledger.en,
  ...market.en,
  ...shop.en,
  ...fund.en,
  ...office.en,
  ...officeConsoleEn,
  ...remainingEn,
};
