import * as z from 'zod/mini';
import { CommunityId, humanText, nonNegativeInt, positiveInt } from './common';

export const ROLES = ['resident', 'maker', 'merchant', 'staff', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Roles that may act for the community office. */
export const OFFICE_ROLES: readonly Role[] = ['staff', 'admin'];

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
});
export type CommunityRules = z.infer<typeof CommunityRules>;

export interface Community {
  id: string;
  name: string;
  currencyName: string;
  rules: CommunityRules;
}

export const UpdateCommunityRequest = z.strictObject({
  name: z.optional(humanText(40)),
  currencyName: z.optional(humanText(12)),
  rules: z.optional(z.partial(CommunityRules)),
});
export type UpdateCommunityRequest = z.infer<typeof UpdateCommunityRequest>;

export const CommunityPath = z.strictObject({ cid: CommunityId });
export const MemberPath = z.strictObject({
  cid: CommunityId,
  memberId: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a member id')),
});

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
  /** A resident without a phone, registered by the office; acts through proxies. */
  offline?: boolean;
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
  items: { community: Community; member: MemberView }[];
}
