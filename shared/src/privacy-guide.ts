/**
 * 邻里用户隐私保护指引 — Linli's privacy guide, the one source of it: the app renders it
 * (`miniapp/src/pages/privacy`), the server accepts consent to exactly {@link PRIVACY_GUIDE_VERSION}
 * (`POST /v1/me/consents`), and the text pasted into the mini-program admin (设置 → 基本设置 →
 * 服务内容声明 → 用户隐私保护指引) is copied from here.
 *
 * Sources of the rules: WeChat's 《小程序隐私协议开发指南》
 * (https://developers.weixin.qq.com/miniprogram/dev/framework/user-privacy/PrivacyAuthorize.html: declare
 * each kind of personal data processed and obtain the user's agreement before a privacy API is called);
 * the Personal Information Protection Law (PIPL) Art. 13–17 (consent, and telling the person who handles
 * what, why, how and how long), Art. 19 (keep no longer than the purpose needs), Art. 28–31 (sensitive data:
 * ID numbers, minors under 14), Art. 44–50 (the person's rights).
 *
 * zh-CN is the source text; `en` is its translation. Bump {@link PRIVACY_GUIDE_VERSION} (a date,
 * `YYYY-MM-DD`) on any change of substance: every user is asked to agree again.
 */

import { PRIVACY_GUIDE_SUMMARY, PRIVACY_GUIDE_TITLE, PRIVACY_GUIDE_VERSION } from './privacy-guide-summary';

export { PRIVACY_GUIDE_SUMMARY, PRIVACY_GUIDE_TITLE, PRIVACY_GUIDE_VERSION } from './privacy-guide-summary';

/** A text in both languages the app speaks. */
export interface GuideText {
  'zh-CN': string;
  en: string;
}

/** One kind of personal data: what, why, where it shows, how long it is kept, who sees it. */
export interface PrivacyDataKind {
  id: string;
  /** False for what Linli does not collect at all (location): declared so, not left out. */
  collected: boolean;
  name: GuideText;
  what: GuideText;
  why: GuideText;
  shownWhere: GuideText;
  retention: GuideText;
  whoSees: GuideText;
}

export interface PrivacySection {
  id: string;
  title: GuideText;
  paragraphs: GuideText[];
}

export interface PrivacyGuide {
  version: string;
  effectiveDate: string;
  title: GuideText;
  /** Shown in the agreement prompt, above its link to the whole guide. */
  summary: GuideText;
  intro: GuideText;
  dataKinds: PrivacyDataKind[];
  /** Protection, sharing, children, rights, changes, contact — in this order. */
  sections: PrivacySection[];
}

const text = (zh: string, en: string): GuideText => ({ 'zh-CN': zh, en });

// Built in pure IIFEs: a bundle that does not show the guide (every Lambda) leaves its text out.
const DATA_KINDS: PrivacyDataKind[] = /* @__PURE__ */ (() => [
  {
    id: 'openid',
    collected: true,
    name: text('微信身份标识（openid）', 'WeChat identifier (openid)'),
    what: text(
      '你登录时微信提供的本小程序专属用户标识；我们不获取你的微信号。',
      'The identifier WeChat gives this mini-program when you log in; we never get your WeChat ID.',
    ),
    why: text(
      '识别你的账号、保持登录、向你发送你同意接收的订阅消息、完成微信支付。',
      'To recognise your account, keep you logged in, send the subscribe messages you accepted and complete WeChat Pay.',
    ),
    shownWhere: text('不向任何人展示。', 'Never shown to anyone.'),
    retention: text('账号存续期间；注销账号后删除。', 'While your account exists; deleted when you close it.'),
    whoSees: text('只有系统使用，社区工作人员看不到。', 'Used by the system only; community staff cannot see it.'),
  },
  {
    id: 'nickname',
    collected: true,
    name: text('昵称', 'Nickname'),
    what: text('你填写或社区登记的称呼。', 'The name you give, or the office records for you.'),
    why: text(
      '让社区工作人员和邻居认出你：活动名单、时长审核、订单取货。',
      'So the office and neighbours know who you are: rosters, hour approvals, order pick-up.',
    ),
    shownWhere: text(
      '我的、活动名单、工作人员的审核和取货页面；公开排行榜和公益榜上显示昵称。',
      'Me, activity rosters, the office’s approval and pick-up pages; public leaderboards show nicknames.',
    ),
    retention: text(
      '账号存续期间；注销后从一切公开页面移除。',
      'While your account exists; removed from every public page when you close it.',
    ),
    whoSees: text(
      '你所在社区的工作人员和成员；排行榜对公众可见。',
      'Staff and members of your community; leaderboards are public.',
    ),
  },
  {
    id: 'phone',
    collected: true,
    name: text('电话号码', 'Phone number'),
    what: text(
      '没有智能手机的居民由社区登记的联系电话；商家申请联盟时留的联系电话；志愿者资料中自愿填写的电话。',
      'The contact number the office records for residents without a smartphone; a merchant’s contact number in the alliance application; the phone you may add to your volunteer profile.',
    ),
    why: text(
      '活动联络、紧急联系、商家审核与投诉处理。',
      'To reach you about activities and in an emergency; to vet merchants and handle complaints.',
    ),
    shownWhere: text('你的资料页和社区办公页面；不公开。', 'Your own profile and the office pages; never public.'),
    retention: text('账号存续期间；注销后删除。', 'While your account exists; deleted when you close it.'),
    whoSees: text('你本人和你所在社区的工作人员。', 'You and your community’s staff.'),
  },
  {
    id: 'volunteer_identity',
    collected: true,
    name: text('真实姓名、性别、出生日期、身份证号', 'Real name, gender, birth date, ID number'),
    what: text(
      '你在志愿者资料中填写的信息（自愿，某项活动或证明需要时才填写）。身份证号属于敏感个人信息：加密保存，任何页面只显示前 4 位和后 4 位。',
      'What you enter in your volunteer profile (optional until an activity or a certificate needs it). The ID number is sensitive personal information: stored encrypted, and every page shows only its first and last four characters.',
    ),
    why: text(
      '核对活动的报名条件（如年龄）；为活动购买保险；出具《志愿服务记录证明》。',
      'To check an activity’s requirements (such as age), to insure volunteers at an activity, and to issue the 志愿服务记录证明 (service record certificate).',
    ),
    shownWhere: text(
      '你的志愿者资料页；工作人员的报名名单（身份证号打码）；志愿服务记录证明（姓名打码后可供核验）。',
      'Your volunteer profile; the office’s rosters (ID number masked); the service record certificate (its public check shows the name masked).',
    ),
    retention: text(
      '账号存续期间，你可随时修改；注销后删除。已出具的证明按法规保存，不再能识别到你。',
      'While your account exists; you may change it at any time; deleted when you close it. Certificates already issued are kept as the regulations require, no longer identifying you.',
    ),
    whoSees: text(
      '你本人；你所在社区的工作人员（仅打码后的身份证号）；为活动投保时的保险机构。',
      'You; your community’s staff (the ID number masked only); the insurer when an activity is insured.',
    ),
  },
  {
    id: 'service_records',
    collected: true,
    name: text('志愿服务记录和积分', 'Volunteer service records and points'),
    what: text(
      '签到签退时间、服务时长、活动、审核结果；积分的获得、兑换、转赠和过期。',
      'Check-in and check-out times, hours served, the activity and its approval; points earned, redeemed, given and expired.',
    ),
    why: text(
      '依《志愿服务条例》记录志愿服务、出具证明；计算积分、发放志愿者证书、兑换商品。',
      'To record volunteer service and issue certificates as the 志愿服务条例 requires; to count points, grant the volunteer certificate and exchange goods.',
    ),
    shownWhere: text(
      '我的时长、积分明细、服务记录；工作人员的审核和统计页面；月度表彰名单。',
      'My hours, my points, my service record; the office’s approval and statistics pages; the monthly recognition list.',
    ),
    retention: text(
      '服务记录依法长期保存（时长不会过期）；积分流水随社区账本保存。注销后保留记录但不再能识别到你。',
      'Service records are kept for the long term as the law requires (hours never expire); point movements stay in the community’s ledger. After you close your account they are kept without identifying you.',
    ),
    whoSees: text('你本人和你所在社区的工作人员。', 'You and your community’s staff.'),
  },
  {
    id: 'orders_payments',
    collected: true,
    name: text('购买、订单和微信支付', 'Purchases, orders and WeChat Pay'),
    what: text(
      '你在微益坊购买的商品、数量、金额、取货状态和售后；积分超市的兑换；微信支付的交易单号。我们不获取你的银行卡信息。',
      'What you buy in the artisan shop, how many, the amount, pick-up and after-sale; redemptions in the points supermarket; the WeChat Pay transaction number. We never get your bank card details.',
    ),
    why: text(
      '完成交易、收款、退款、取货和发货信息上传（微信要求），并按比例计入社区公益基金。',
      'To complete the sale, take payment, refund, hand over goods and upload the shipping information WeChat requires, and to credit the fund its share.',
    ),
    shownWhere: text('我的订单；手作人和工作人员的订单页面。', 'My orders; the maker’s and the office’s order pages.'),
    retention: text(
      '交易完成后至少 3 年（《电子商务法》第 31 条）；注销后不再能识别到你。',
      'At least three years after the sale (E-Commerce Law Art. 31); after you close your account, without identifying you.',
    ),
    whoSees: text(
      '你本人、卖出该商品的手作人、社区工作人员；微信支付（财付通）处理付款。',
      'You, the maker who sold the item, the office; WeChat Pay (Tenpay) processes the payment.',
    ),
  },
  {
    id: 'donations',
    collected: true,
    name: text('捐赠和捐赠人姓名', 'Donations and the donor’s name'),
    what: text(
      '捐赠金额、时间、留言、月月捐设置，以及捐赠人姓名。',
      'The amount, time and message of a donation, monthly-giving settings, and the donor’s name.',
    ),
    why: text(
      '依《慈善法》公开基金收支；向捐赠人开具捐赠票据。',
      'To disclose the fund’s income and spending as the Charity Law requires; to issue donation receipts.',
    ),
    shownWhere: text(
      '公开的基金账本显示每笔捐赠；选择匿名时显示“匿名”。',
      'The public fund ledger lists every donation; “匿名” (anonymous) when you choose anonymity.',
    ),
    retention: text(
      '基金账目长期公开保存（账目链不可删改）；注销后捐赠保留、姓名改为“匿名”。',
      'The fund’s entries are kept and published for the long term (the chained ledger cannot be altered); after you close your account the donation stays, shown as “匿名”.',
    ),
    whoSees: text(
      '金额对公众公开；姓名仅在你未选择匿名时公开；工作人员可见全部。',
      'Amounts are public; your name only when you did not choose anonymity; the office sees everything.',
    ),
  },
  {
    id: 'photos',
    collected: true,
    name: text('照片', 'Photos'),
    what: text(
      '你上传的照片（从相册选择或拍摄）：商品照片、活动封面和活动现场照片、店面照片，以及社区基金支出的票据照片。',
      'Photos you upload (chosen from the album or taken): of products, activity covers and photos of the event, storefronts, and the receipts of the community fund’s expenses.',
    ),
    why: text(
      '展示商品、活动和商家，公开基金支出的凭证；每张照片先经微信内容安全检测，通过（或工作人员审核放行）后才对他人可见。',
      'To show products, activities and merchants, and to publish the fund’s receipts; each photo first goes through WeChat’s content check and is seen by others only once it passes (or the office releases it).',
    ),
    shownWhere: text(
      '商品页、活动页、商家页和公开的社区基金页。',
      'Product, activity and merchant pages, and the public fund page.',
    ),
    retention: text(
      '照片所属的商品、活动或商家存在期间；被检测为违规或被工作人员删除时立即删除；基金票据随基金账目长期保存。',
      'While the product, activity or merchant it belongs to exists; deleted at once when the check finds it risky or the office removes it; the fund’s receipts are kept with the fund’s accounts.',
    ),
    whoSees: text(
      '通过检测后所有用户可见；检测期间只有你和社区工作人员可见。',
      'Everyone once it passed the check; while it is checked, only you and the community office.',
    ),
  },
  {
    id: 'subscribe_messages',
    collected: true,
    name: text('订阅消息', 'Subscribe messages'),
    what: text(
      '你同意接收的消息类型（如时长审核结果、活动提醒）和剩余可发次数。',
      'Which messages you agreed to receive (hour approvals, activity reminders…) and how many may still be sent.',
    ),
    why: text('按你的同意，每次同意只发送一条微信通知。', 'To send one WeChat message per agreement, as you agreed.'),
    shownWhere: text('消息通知页。', 'The inbox.'),
    retention: text(
      '站内通知和订阅次数在账号存续期间保存；注销后删除。',
      'In-app notifications and subscription credits while your account exists; deleted when you close it.',
    ),
    whoSees: text('只有你本人。', 'You only.'),
  },
  {
    id: 'location',
    collected: false,
    name: text('位置信息', 'Location'),
    what: text(
      '邻里不收集你的位置信息：不调用定位接口。活动签到用现场二维码或签到码，不用定位。',
      'Linli does not collect your location and calls no location API. Check-in uses the QR code or the code shown on site, never your location.',
    ),
    why: text('不适用。', 'Not applicable.'),
    shownWhere: text('不适用。', 'Not applicable.'),
    retention: text('不适用。', 'Not applicable.'),
    whoSees: text('不适用。', 'Not applicable.'),
  },
])();

const SECTIONS: PrivacySection[] = /* @__PURE__ */ (() => [
  {
    id: 'protection',
    title: text('我们如何保护', 'How we protect it'),
    paragraphs: [
      text(
        '数据存放在平台运营方选用的云服务器上，传输全程加密；身份证号另行加密保存，只显示打码后的号码。',
        'Data is stored on the cloud servers the platform operator uses and encrypted in transit; ID numbers are encrypted again at rest and shown masked only.',
      ),
      text(
        '工作人员只能看到所在社区、履行职责所需的信息；重要操作记入审计日志。',
        'Staff see only their own community and only what their duties need; significant actions are written to an audit log.',
      ),
    ],
  },
  {
    id: 'sharing',
    title: text('我们与谁共享', 'Whom we share it with'),
    paragraphs: [
      text(
        '我们不出售个人信息。仅为完成服务与以下方共享：微信（登录、支付、订阅消息、内容安全检测）；为活动投保时的保险机构（姓名、身份证号）；法律要求时的有关部门。',
        'We never sell personal information. We share it only to provide the service: with WeChat (login, payment, subscribe messages, content checks); with the insurer when an activity is insured (name, ID number); with authorities where the law requires.',
      ),
    ],
  },
  {
    id: 'children',
    title: text('未成年人', 'Children'),
    paragraphs: [
      text(
        '不满 14 周岁的儿童须由监护人同意并在监护人账号下参与；监护人可查看、更正、删除其信息。',
        'A child under 14 takes part only with a guardian’s consent and under the guardian’s account; the guardian may see, correct and delete the child’s data.',
      ),
    ],
  },
  {
    id: 'rights',
    title: text('你的权利', 'Your rights'),
    paragraphs: [
      text(
        '你可以查看和复制我们保存的你的全部信息（导出），更正你的资料，删除信息或注销账号，并可随时撤回同意（撤回不影响此前处理的效力）。',
        'You may see and copy everything we hold about you (an export), correct your details, delete data or close your account, and withdraw a consent at any time (which does not undo what was done before).',
      ),
      text(
        '在“我的”页面操作，或联系社区办公室代为办理；我们在 15 个工作日内答复。',
        'Do it on the Me page, or ask the community office to do it for you; we answer within 15 working days.',
      ),
    ],
  },
  {
    id: 'changes',
    title: text('指引的更新', 'Changes to this guide'),
    paragraphs: [
      text(
        '指引内容有变化时我们会更新版本号，并在你下次使用时请你重新阅读和同意。',
        'When this guide changes we give it a new version and ask you to read and agree again the next time you use Linli.',
      ),
    ],
  },
  {
    id: 'contact',
    title: text('联系我们', 'Contact'),
    paragraphs: [
      text(
        '你所在社区的社区办公室（到“我的”页面查看社区名称，或到社区办公室当面办理）。',
        'Your community office (its name is on the Me page; or go there in person).',
      ),
      text(
        '邻里平台运营方：负责平台本身的个人信息保护，可通过小程序“客服”或社区办公室转达联系。',
        'The Linli platform operator, responsible for the platform itself: reach it through the mini-program’s customer service or through your community office.',
      ),
    ],
  },
])();

/** The guide as the app shows it and the server versions it. */
export const PRIVACY_GUIDE: PrivacyGuide = /* @__PURE__ */ (() => ({
  version: PRIVACY_GUIDE_VERSION,
  effectiveDate: PRIVACY_GUIDE_VERSION,
  title: PRIVACY_GUIDE_TITLE,
  summary: PRIVACY_GUIDE_SUMMARY,
  intro: text(
    '邻里是社区志愿服务、积分超市、商家联盟、微益坊和公益基金的小程序，由邻里平台运营方提供，各社区办公室使用。本指引说明我们处理哪些个人信息、为什么、在哪里显示、保存多久、谁能看到，以及你的权利。',
    'Linli is the mini-program of the community time bank, points supermarket, merchant alliance, artisan shop and charity fund, provided by the Linli platform operator and used by each community office. This guide says which personal data we handle, why, where it shows, how long it is kept, who sees it, and your rights.',
  ),
  dataKinds: DATA_KINDS,
  sections: SECTIONS,
}))();
