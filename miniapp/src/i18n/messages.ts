/**
 * Every string the mini-program shows, in one catalogue per area (`catalogues/<area>.ts`). zh-CN is the
 * source of the keys; each catalogue translates every one of its keys into English (the type checker
 * enforces it) in `catalogues/en/<area>.ts`, and a key lives in exactly one catalogue (catalogues.test.ts).
 * The English is english.ts: on H5 a chunk of its own, fetched when a reader chooses English (issue 21).
 * `{name}` placeholders are filled by `t(key, { name })`.
 */
import * as common from './catalogues/common';
import * as identity from './catalogues/identity';
import * as timebank from './catalogues/timebank';
import * as timebankSeries from './catalogues/timebank-series';
import * as teams from './catalogues/teams';
import * as ledger from './catalogues/ledger';
import * as market from './catalogues/market';
import * as shop from './catalogues/shop';
import * as fund from './catalogues/fund';
import * as office from './catalogues/office';
import * as serviceRecord from './catalogues/service-record';
import * as privacy from './catalogues/privacy';
import * as media from './catalogues/media';
import * as personalData from './catalogues/personal-data';
import * as desk from './catalogues/desk';
import * as notices from './catalogues/notices';

/** Every catalogue's Chinese, by area (their English: english.ts). */
export const CHINESE_BY_AREA = {
  common: common.zhCN,
  identity: identity.zhCN,
  timebank: timebank.zhCN,
  timebankSeries: timebankSeries.zhCN,
  teams: teams.zhCN,
  ledger: ledger.zhCN,
  market: market.zhCN,
  shop: shop.zhCN,
  fund: fund.zhCN,
  office: office.zhCN,
  serviceRecord: serviceRecord.zhCN,
  privacy: privacy.zhCN,
  media: media.zhCN,
  personalData: personalData.zhCN,
  desk: desk.zhCN,
  notices: notices.zhCN,
};

export const zhCN = {
  ...common.zhCN,
  ...identity.zhCN,
  ...timebank.zhCN,
  ...timebankSeries.zhCN,
  ...teams.zhCN,
  ...ledger.zhCN,
  ...market.zhCN,
  ...shop.zhCN,
  ...fund.zhCN,
  ...office.zhCN,
  ...serviceRecord.zhCN,
  ...privacy.zhCN,
  ...media.zhCN,
  ...personalData.zhCN,
  ...desk.zhCN,
  ...notices.zhCN,
} as const;

export type MessageKey = keyof typeof zhCN;
export type Messages = Record<MessageKey, string>;
