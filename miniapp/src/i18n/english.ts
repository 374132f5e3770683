import type { CHINESE_BY_AREA, Messages } from './messages';
import { en as common } from './catalogues/en/common';
import { en as identity } from './catalogues/en/identity';
import { en as timebank } from './catalogues/en/timebank';
import { en as timebankSeries } from './catalogues/en/timebank-series';
import { en as teams } from './catalogues/en/teams';
import { en as ledger } from './catalogues/en/ledger';
import { en as market } from './catalogues/en/market';
import { en as shop } from './catalogues/en/shop';
import { en as fund } from './catalogues/en/fund';
import { en as office } from './catalogues/en/office';
import { en as serviceRecord } from './catalogues/en/service-record';
import { en as privacy } from './catalogues/en/privacy';
import { en as media } from './catalogues/en/media';
import { en as personalData } from './catalogues/en/personal-data';
import { en as desk } from './catalogues/en/desk';
import { en as notices } from './catalogues/en/notices';

/**
 * Every catalogue's English, by area, as messages.ts holds their Chinese. On H5 this module is a chunk
 * of its own that i18n/index.ts fetches when a reader chooses English (issue 21: a Chinese reader's first
 * screen does not carry ~20 KB of English); the mini-program's package holds it.
 */
export const ENGLISH_BY_AREA = {
  common,
  identity,
  timebank,
  timebankSeries,
  teams,
  ledger,
  market,
  shop,
  fund,
  office,
  serviceRecord,
  privacy,
  media,
  personalData,
  desk,
  notices,
} satisfies Record<keyof typeof CHINESE_BY_AREA, Record<string, string>>;

export const en: Messages = {
  ...common,
  ...identity,
  ...timebank,
  ...timebankSeries,
  ...teams,
  ...ledger,
  ...market,
  ...shop,
  ...fund,
  ...office,
  ...serviceRecord,
  ...privacy,
  ...media,
  ...personalData,
  ...desk,
  ...notices,
};
