import * as z from 'zod/mini';
import { CommunityId, EntityId, humanText, nonNegativeInt, personName, positiveInt } from './common';
import type { FundHolder } from './fund';
import type { NotificationMessage } from '../notification-messages';
import { ROLES } from '../roles';

export { ACT_FOR_HEADER, DEFAULT_ACTIVITY_CATEGORIES, OFFICE_ROLES, ROLES, activityCategoriesOf } from '../roles';

export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const DevLoginRequest = z.strictObject({
  openid: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, _ or -')),
  nickname: z.optional(humanText(32)),
});
export type DevLoginRequest = z.infer<typeof DevLoginRequest>;

export const WechatLoginRequest = z.strictObject({
  code: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,128}$/, 'must be the code from wx.login')),
  nickname: z.optional(humanText(32)),
});
export type WechatLoginRequest = z.infer<typeof WechatLoginRequest>;

export interface LoginResponse {
  token: string;
  expiresAt: string;
  user: { id: string; nickname: string };
}

export const MINUTE_ROUNDING_MODES = ['down', 'nearest', 'up'] as const;
export const MinuteRounding = z.strictObject({
  unitMinutes: positiveInt(240),
  mode: z.enum(MINUTE_ROUNDING_MODES),
});
export type MinuteRounding = z.infer<typeof MinuteRounding>;

/** One of a community's own activity categories (`rules.activityCategories`). */
export const ActivityCategoryDefinition = z.strictObject({
  id: z.string().check(z.regex(/^[a-z][a-z0-9-]{0,23}$/, 'must be 1-24 lower-case letters, digits or dashes')),
  label: humanText(12),
});
export type ActivityCategoryDefinition = z.infer<typeof ActivityCategoryDefinition>;

export const CommunityRules = z.strictObject({
  pointsPerHour: positiveInt(1000),
  certificateThresholdPoints: nonNegativeInt(1_000_000),
  fundShareBps: nonNegativeInt(10_000),
  minuteRounding: MinuteRounding,
  /** Alliance merchants' own staff get the volunteers' discount at other alliance merchants. */
  allianceStaffDiscount: z.optional(z.boolean()),
  /** A certificate pass used more often than this in one day is flagged for review (default 5). */
  maxPassUsesPerDay: z.optional(positiveInt(100)),
  /** When earned points lapse (default never); members are told `expiryNoticeDays` before. */
  pointsExpiry: z.optional(
    z.discriminatedUnion('mode', [
      z.strictObject({ mode: z.literal('none') }),
      z.strictObject({ mode: z.literal('after_months'), months: positiveInt(120) }),
      z.strictObject({ mode: z.literal('year_end') }),
    ]),
  ),
  expiryNoticeDays: z.optional(nonNegativeInt(90)),
  /** Most points a member may earn in one calendar month (0 or absent: no cap). */
  monthlyCapPoints: z.optional(nonNegativeInt(1_000_000)),
  /** The community's own activity categories (absent: `DEFAULT_ACTIVITY_CATEGORIES`). */
  activityCategories: z.optional(
    z.array(ActivityCategoryDefinition).check(
      z.minLength(1),
      z.maxLength(30),
      z.refine((items) => new Set(items.map((item) => item.id)).size === items.length, {
        message: 'category ids must be unique',
      }),
    ),
  ),
});
export type CommunityRules = z.infer<typeof CommunityRules>;

/** Where residents find the community office, and how to reach it (shown in the app). */
export const CommunityOffice = z.strictObject({
  address: humanText(100),
  phone: z.string().check(z.regex(/^[0-9+\- ]{5,20}$/, 'must be a phone number')),
  /** The office's responsible person (负责人), named on its 志愿服务记录证明. */
  responsiblePerson: z.optional(humanText(20)),
});
export type CommunityOffice = z.infer<typeof CommunityOffice>;

export interface Community {
  id: string;
  name: string;
  currencyName: string;
  /** The currency's name in English (`Volunteer points`), shown in English mode; the Chinese one where absent. */
  currencyNameEn?: string;
  rules: CommunityRules;
  /** The district (街道) it belongs to, if any. */
  districtId?: string;
  office?: CommunityOffice;
  /** The charity the community's fund runs under (`PUT …/fund/holder`); none: no online donations. */
  fundHolder?: FundHolder;
}

export const UpdateCommunityRequest = z.strictObject({
  name: z.optional(humanText(40)),
  currencyName: z.optional(humanText(12)),
  /** `null` takes the English name away: English mode names the currency in Chinese again. */
  currencyNameEn: z.optional(z.nullable(humanText(24))),
  rules: z.optional(z.partial(CommunityRules)),
  office: z.optional(CommunityOffice),
});
export type UpdateCommunityRequest = z.infer<typeof UpdateCommunityRequest>;

export const CommunityPath = z.strictObject({ cid: CommunityId });

/** A new community's id: a lower-case slug of 3–32 (`a-z 0-9 -`), chosen by the platform operator. */
export const NewCommunityId = z
  .string()
  .check(z.regex(/^[a-z0-9][a-z0-9-]{2,31}$/, 'must be 3-32 lower-case letters, digits or dashes'));

/** `POST /v1/communities` — platform operators. */
export const CreateCommunityRequest = z.strictObject({
  id: NewCommunityId,
  name: humanText(40),
  currencyName: humanText(12),
  rules: z.optional(z.partial(CommunityRules)),
  districtId: z.optional(NewCommunityId),
});
export type CreateCommunityRequest = z.infer<typeof CreateCommunityRequest>;

/** `POST /v1/districts` — platform operators: a district (街道) groups communities. */
export const CreateDistrictRequest = z.strictObject({ id: NewCommunityId, name: humanText(40) });
export type CreateDistrictRequest = z.infer<typeof CreateDistrictRequest>;
export const DistrictPath = z.strictObject({ did: NewCommunityId });

export interface District {
  id: string;
  name: string;
  createdAt: string;
}

/** A WeChat openid (28 characters from WeChat; the dev logins' are shorter). */
export const Openid = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a WeChat openid'));

/** `PUT /v1/districts/{did}/officers` — platform operators name a district officer. */
export const SetDistrictOfficerRequest = z.strictObject({
  openid: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a WeChat openid')),
});

/** `PUT /v1/communities/{cid}/admins` — platform operators name a community's admin. */
export const SetCommunityAdminRequest = z.strictObject({ openid: Openid });
export type SetCommunityAdminRequest = z.infer<typeof SetCommunityAdminRequest>;

export interface CommunityAdminResponse {
  communityId: string;
  member: MemberView;
}

/** `POST /v1/communities/{cid}/invitations` — admins (any roles), staff (`resident` only). */
export const CreateInvitationRequest = z.strictObject({
  roles: z.array(Role).check(
    z.minLength(1),
    z.maxLength(5),
    z.refine((roles) => new Set(roles).size === roles.length, { message: 'roles must be unique' }),
  ),
  /** How many people may accept it (default 1). */
  maxUses: z.optional(positiveInt(1000)),
  /** Default 7 days from now; at most 90 days. */
  expiresAt: z.optional(z.iso.datetime({ offset: true })),
});
export type CreateInvitationRequest = z.infer<typeof CreateInvitationRequest>;

export interface Invitation {
  code: string;
  communityId: string;
  roles: Role[];
  maxUses: number;
  uses: number;
  expiresAt: string;
  createdBy: string;
  createdAt: string;
  /** The mini-program page that accepts it (`scene` on weapp is the code) and the H5 path. */
  link: { page: string; scene: string; h5Path: string };
}

const InvitationCode = z.string().check(z.regex(/^[A-Za-z0-9]{12,32}$/, 'must be an invitation code'));

export const InvitationPath = z.strictObject({ code: InvitationCode });

/** `GET /v1/communities/{cid}/invitations/{code}/wxacode` — one of the community's invitations. */
export const CommunityInvitationPath = z.strictObject({ cid: CommunityId, code: InvitationCode });

export interface AcceptInvitationResponse {
  communityId: string;
  member: MemberView;
}
export const MemberPath = z.strictObject({
  cid: CommunityId,
  memberId: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a member id')),
});

/**
 * `GET …/members?q=&cursor=` — staff find a member: `q` is part of the name shown, the member id, or the
 * member's short number (`1024`, `No. 1024`, `编号 1024`: that member first, on the first page).
 * Searched on the server over every member, a page at a time (issue 21: searching only the rows
 * loaded said 没有找到 while more pages existed).
 */
export const MembersQuery = z.strictObject({
  cursor: z.optional(z.string().check(z.maxLength(500))),
  q: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(32))),
});
export type MembersQuery = z.infer<typeof MembersQuery>;

export const SetRolesRequest = z.strictObject({
  roles: z.array(Role).check(
    z.minLength(1, 'a member keeps at least one role'),
    z.maxLength(ROLES.length),
    z.refine((roles) => new Set(roles).size === roles.length, 'roles must not repeat'),
  ),
});
export type SetRolesRequest = z.infer<typeof SetRolesRequest>;

export interface MemberView {
  id: string;
  roles: Role[];
  displayName: string;
  joinedAt: string;
  /**
   * The member's short number in this community (编号, `1001`, `1002`…: `shared/src/member-number.ts`),
   * to read out and type; absent only for a member added before numbers until the backfill reaches them.
   */
  memberNo?: number;
  /** A resident without a phone, registered by the office; acts through proxies. */
  offline?: boolean;
  /** A child added by a guardian (`addChild`): the birth date the guardian gave, `YYYY-MM-DD`. */
  birthDate?: string;
  /** The guardian who added this child and acts for them (money the child earns is paid to them). */
  guardianId?: string;
  guardianName?: string;
}

export interface JoinResponse {
  member: MemberView;
}

export type CertificateStatus = 'active' | 'review' | 'revoked';

export interface MeResponse {
  member: MemberView;
  community: Community;
  balancePoints: number;
  certificate: null | { status: CertificateStatus; issuedAt: string };
}

export interface CommunityList {
  items: Community[];
}

export interface MyCommunities {
  /** Each community the caller belongs to, with their balance there (in its own currency). */
  items: { community: Community; member: MemberView; balancePoints: number }[];
}

export const NOTIFICATION_KINDS = [
  'claim_decided',
  'certificate_issued',
  'certificate_revoked',
  'redemption_ready',
  'order_status',
  'pledge_due',
  'complaint_resolved',
  'points_received',
  'points_expiring',
  'points_expired',
  'recognized',
  'certificate_review',
  'signup_promoted',
  'activity_reminder',
  'activity_cancelled',
  'team_membership',
  'service_record',
  'merchant_application',
] as const;

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The kinds the resident accepted in `wx.requestSubscribeMessage` (one message each). */
export const SubscribeRequest = z.strictObject({
  kinds: z.array(z.enum(NOTIFICATION_KINDS)).check(z.minLength(1), z.maxLength(NOTIFICATION_KINDS.length)),
});

export type SubscribeRequest = z.infer<typeof SubscribeRequest>;

export interface SubscribeResponse {
  /** Kind → messages WeChat will still let us send. */
  credits: Partial<Record<NotificationKind, number>>;
  /** Kind → template id configured on this stage (empty locally: no WeChat push). */
  templates: Partial<Record<NotificationKind, string>>;
}

export const OfflineMemberRequest = z.strictObject({
  displayName: personName(32),
  /** Optional landline or family phone, for the office's records. */
  phone: z.optional(z.string().check(z.regex(/^[0-9+\- ]{5,20}$/, 'must be a phone number'))),
});

export type OfflineMemberRequest = z.infer<typeof OfflineMemberRequest>;

export const ProxyRequest = z.strictObject({ residentId: EntityId, proxyId: EntityId });

export type ProxyRequest = z.infer<typeof ProxyRequest>;

export const ProxyPath = z.strictObject({ cid: CommunityId, residentId: EntityId, proxyId: EntityId });

export interface ProxyRelation {
  communityId: string;
  residentId: string;
  residentName: string;
  proxyId: string;
  proxyName: string;
  createdBy: string;
  createdAt: string;
  /**
   * `guardian`: the proxy is the guardian who added this child (`addChild`) — the child's legal
   * representative, who may also use the child's maker routes (`GUARDIAN_ROUTES`).
   */
  kind?: 'guardian';
}

export interface ProxyList {
  /** Residents the caller may act for. */
  actingFor: ProxyRelation[];
  /** People who may act for the caller. */
  myProxies: ProxyRelation[];
}

export interface Notification {
  id: string;
  kind: NotificationKind;
  communityId: string;
  title: string;
  body: string;
  /** The object it is about, for a link in the app. */
  orderId?: string;
  objectType?: string;
  objectId?: string;
  createdAt: string;
  /**
   * The text as a key and its values (`NOTIFICATION_MESSAGES`), for the app to write in the reader's
   * language; `title` and `body` are its Chinese text. Absent on notifications written before (issue 21).
   */
  message?: NotificationMessage;
  /** WeChat subscribe message: pending → sent | no_consent | failed (absent where push is off). */
  push?: 'pending' | 'sent' | 'no_consent' | 'failed';
}
