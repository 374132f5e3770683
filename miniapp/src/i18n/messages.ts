/**
 * Every string the mini-program shows, in one catalogue per area (`catalogues/<area>.ts`). zh-CN is the
 * source of the keys; each catalogue translates every one of its keys into English (the type checker
 * enforces it), and a key lives in exactly one catalogue (catalogues.test.ts).
 * `{name}` placeholders are filled by `t(key, { name })`.
 */
import * as identity from './catalogues/identity';
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

  'common.reasonRequired': '请填写原因',
  'month.label': '{year}年{month}月',

  'error.network': '网络连接失败，请稍后重试',
  'error.unauthorized': '登录已过期，请重新登录',
  'error.unknown': '出了点问题，请稍后再试',
  'error.forbidden': '你没有权限做这件事',
  'error.notFound': '没有找到，可能已被删除',
  'error.network.unreachable': '网络连接失败，请稍后重试',
  'error.request.validation_failed': '填写的内容有误，请检查后再提交',
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

  'common.reasonRequired': 'Please give a reason',
  'month.label': '{month}/{year}',

  'error.network': 'Network error, please try again',
  'error.unauthorized': 'Your login has expired, please log in again',
  'error.unknown': 'Something went wrong, please try again later',
  'error.forbidden': 'You are not allowed to do this',
  'error.notFound': 'Not found; it may have been removed',
  'error.network.unreachable': 'Network error, please try again',
  'error.request.validation_failed': 'Something in the form is not right; please check it',
};

/** Every catalogue, by area. */
export const CATALOGUES = {
  identity,
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
  ...identity.zhCN,
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
  ...identity.en,
  ...timebank.en,
  ...ledger.en,
  ...market.en,
  ...shop.en,
  ...fund.en,
  ...office.en,
  ...officeConsoleEn,
  ...remainingEn,
};
