import type { GuideText } from './privacy-guide';

/**
 * The privacy guide's version, title and summary: what the agreement prompt on every page shows (with a
 * link to the whole guide, `privacy-guide.ts`, which builds {@link PRIVACY_GUIDE} from these). Kept apart
 * from the guide's full text so the browsers' first screen does not carry it (issue 21).
 */

/** The guide's version: the day it takes effect. The one constant server and app compare. */
export const PRIVACY_GUIDE_VERSION = '2026-12-01';

export const PRIVACY_GUIDE_TITLE: GuideText = { 'zh-CN': '邻里用户隐私保护指引', en: 'Linli privacy guide' };

/** Shown in the agreement prompt, above its link to the whole guide. */
export const PRIVACY_GUIDE_SUMMARY: GuideText = {
  'zh-CN':
    '使用邻里前，请阅读《隐私保护指引》。我们只为社区服务收集必要的信息：微信身份标识、昵称、电话、志愿者资料（身份证号加密、打码显示）、服务记录和积分、订单和支付、捐赠、照片和订阅消息；不收集位置。你可以随时查看、复制、更正、删除你的信息。',
  en: 'Before you use Linli, please read the privacy guide. We collect only what the community services need: your WeChat identifier, nickname, phone, volunteer profile (the ID number encrypted and shown masked), service records and points, orders and payments, donations, photos and subscribe messages; never your location. You may see, copy, correct and delete your data at any time.',
};
