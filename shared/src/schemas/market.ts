import * as z from 'zod/mini';
import { CommunityId, EntityId, humanText, nonNegativeInt, positiveInt } from './common';
import type { ImageView } from './media';

/* ---------- Merchant alliance ---------- */

export const MERCHANT_CATEGORIES = ['food', 'grocery', 'beauty', 'repair', 'health', 'education', 'other'] as const;
export const MerchantCategory = z.enum(MERCHANT_CATEGORIES);

/** The certified volunteer's discount: `pricePercent` 80 = 8折, 86 = 8.6折, 50 = 5折. */
export const Offer = z.strictObject({
  description: humanText(120),
  pricePercent: z.int().check(z.minimum(1), z.maximum(99)),
});
export type Offer = z.infer<typeof Offer>;

export const MerchantApplicationRequest = z.strictObject({
  name: humanText(60),
  licenceNumber: z
    .string()
    .check(z.regex(/^[0-9A-Z]{8,30}$/, 'must be the licence number (8-30 digits or capital letters)')),
  category: MerchantCategory,
  address: humanText(120),
  contact: z.optional(z.string().check(z.regex(/^[0-9+\- ]{5,20}$/, 'must be a phone number'))),
  offer: Offer,
});
export type MerchantApplicationRequest = z.infer<typeof MerchantApplicationRequest>;

export const MERCHANT_STATUSES = ['pending', 'rejected', 'active', 'warned', 'suspended', 'removed'] as const;
export type MerchantStatus = (typeof MERCHANT_STATUSES)[number];

export interface Merchant {
  id: string;
  communityId: string;
  name: string;
  category: z.infer<typeof MerchantCategory>;
  address: string;
  contact?: string;
  offer: Offer;
  status: MerchantStatus;
  ownerId: string;
  storefrontImageId?: string;
  /** The storefront photo, once it may be seen (`PUT …/merchants/{mid}/storefront`). */
  storefront?: ImageView;
  createdAt: string;
  decidedBy?: string;
  decidedAt?: string;
  reason?: string;
}

/** Staff only: the licence and the merchant's honour record. */
export interface MerchantDetail extends Merchant {
  licenceNumber: string;
  usesCount: number;
  complaintsCount: number;
  upheldComplaintsCount: number;
  staffIds: string[];
}

export type PublicMerchant = Pick<Merchant, 'id' | 'name' | 'category' | 'address' | 'offer' | 'status' | 'storefront'>;

export const MerchantPath = z.strictObject({ cid: CommunityId, mid: EntityId });
export const ApplicationPath = z.strictObject({ cid: CommunityId, id: EntityId });
export const MerchantStaffPath = z.strictObject({ cid: CommunityId, mid: EntityId, memberId: EntityId });

export const ApplicationsQuery = z.strictObject({
  status: z.optional(z.enum(['pending', 'rejected', 'active', 'warned', 'suspended', 'removed'])),
  cursor: z.optional(z.string().check(z.maxLength(500))),
});

export const ComplaintsQuery = z.strictObject({
  status: z.optional(z.enum(['open', 'resolved'])),
  cursor: z.optional(z.string().check(z.maxLength(500))),
});

export const ReasonRequest = z.strictObject({ reason: humanText(200) });
export const UpdateOfferRequest = z.strictObject({ offer: Offer });
export const AddMerchantStaffRequest = z.strictObject({ memberId: EntityId });

export const MerchantStatusRequest = z.strictObject({
  status: z.enum(['active', 'warned', 'suspended', 'removed']),
  reason: humanText(200),
});

export const VerifyPassRequest = z.strictObject({
  token: z.string().check(z.minLength(1), z.maxLength(600)),
  billFen: z.optional(nonNegativeInt(100_000_000)),
});
export type VerifyPassRequest = z.infer<typeof VerifyPassRequest>;

export interface VerifyPassResponse {
  valid: boolean;
  /** Why not, when not valid: expired, forged, revoked, other_community, merchant_inactive. */
  reason?: string;
  holder?: { displayName: string };
  offer?: Offer;
  use?: { id: string; at: string; flagged: boolean };
}

export interface DiscountUse {
  id: string;
  merchantId: string;
  merchantName: string;
  memberId: string;
  memberName: string;
  at: string;
  billFen?: number;
  flagged: boolean;
  flagReasons: string[];
}

export const FLAG_STATUSES = ['open', 'dismissed', 'confirmed'] as const;
export interface ProxyFlag {
  id: string;
  useId: string;
  memberId: string;
  memberName: string;
  merchantId: string;
  reasons: string[];
  status: (typeof FLAG_STATUSES)[number];
  createdAt: string;
  decidedBy?: string;
  decidedAt?: string;
}
export const FlagPath = z.strictObject({ cid: CommunityId, flagId: EntityId });
export const ResolveFlagRequest = z.strictObject({
  outcome: z.enum(['dismissed', 'confirmed']),
  /** A confirmed proxy use may revoke the certificate at once. */
  revokeCertificate: z.optional(z.boolean()),
  note: z.optional(humanText(200)),
});

/* ---------- Complaints ---------- */

export const ComplaintRequest = z.strictObject({ description: humanText(500) });
export const COMPLAINT_OUTCOMES = ['dismiss', 'warn', 'suspend', 'remove'] as const;
export const ResolveComplaintRequest = z.strictObject({
  outcome: z.enum(COMPLAINT_OUTCOMES),
  note: humanText(200),
});
export const ComplaintPath = z.strictObject({ cid: CommunityId, complaintId: EntityId });

export interface Complaint {
  id: string;
  /** WeChat's content check asked for a review (or could not answer); only the office reads complaints. */
  contentHeld?: boolean;
  merchantId: string;
  merchantName: string;
  memberId: string;
  description: string;
  status: 'open' | 'resolved';
  outcome?: (typeof COMPLAINT_OUTCOMES)[number];
  note?: string;
  createdAt: string;
  decidedBy?: string;
  decidedAt?: string;
}

/* ---------- Merchant posts ---------- */

export const PostRequest = z
  .strictObject({
    kind: z.enum(['recruitment', 'promotion']),
    title: humanText(60),
    body: humanText(1000),
    expiresAt: z.iso.datetime({ offset: false, local: false }),
  })
  .check(
    z.refine((post) => Date.parse(post.expiresAt) > Date.now(), {
      message: 'must be in the future',
      path: ['expiresAt'],
    }),
    z.refine((post) => Date.parse(post.expiresAt) - Date.now() <= 180 * 24 * 3600 * 1000, {
      message: 'a post lasts at most 180 days',
      path: ['expiresAt'],
    }),
  );
export type PostRequest = z.infer<typeof PostRequest>;
export const PostPath = z.strictObject({ cid: CommunityId, postId: EntityId });

export interface MerchantPost {
  id: string;
  merchantId: string;
  merchantName: string;
  kind: 'recruitment' | 'promotion';
  title: string;
  body: string;
  expiresAt: string;
  /** `under_review`: held by the content check (WeChat's verdict `review`, or WeChat unreachable) until staff release it. */
  status: 'active' | 'taken_down' | 'under_review';
  createdAt: string;
}

/* ---------- Contribution points (CCS) ---------- */

export const CONTRIBUTION_KINDS = ['labour', 'goods', 'money'] as const;
export const CONTRIBUTOR_TYPES = ['resident', 'merchant', 'organisation', 'company'] as const;
export const ContributionRequest = z.strictObject({
  memberId: EntityId,
  contributorType: z.enum(CONTRIBUTOR_TYPES),
  kind: z.enum(CONTRIBUTION_KINDS),
  description: humanText(200),
  points: positiveInt(10_000),
  valueFen: z.optional(nonNegativeInt(100_000_000)),
});
export type ContributionRequest = z.infer<typeof ContributionRequest>;

export interface Contribution extends ContributionRequest {
  id: string;
  memberName: string;
  recordedBy: string;
  createdAt: string;
  /** Set when an admin reversed its points transfer (the leaderboard no longer counts it). */
  reversedAt?: string;
  reversedBy?: string;
}

export const LeaderboardQuery = z.strictObject({
  month: z.optional(z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM'))),
  kind: z.optional(z.enum(CONTRIBUTION_KINDS)),
});
export interface Leaderboard {
  month: string;
  kind: (typeof CONTRIBUTION_KINDS)[number] | 'all';
  items: { memberId: string; memberName: string; points: number; rank: number }[];
}

/* ---------- Credit supermarket ---------- */

export const GoodRequest = z.strictObject({
  name: humanText(60),
  description: z.optional(humanText(300)),
  imageUrl: z.optional(z.string().check(z.regex(/^https:\/\/[^\s]{1,300}$/, 'must be an https URL'))),
  pricePoints: positiveInt(100_000),
  stock: nonNegativeInt(100_000),
  valueFen: nonNegativeInt(100_000_000),
  donorMemberId: z.optional(EntityId),
});
export type GoodRequest = z.infer<typeof GoodRequest>;
export const GoodPath = z.strictObject({ cid: CommunityId, goodId: EntityId });
export const RestockRequest = z.strictObject({ quantity: positiveInt(100_000) });

export interface Good {
  id: string;
  name: string;
  description?: string;
  imageUrl?: string;
  pricePoints: number;
  stock: number;
  valueFen: number;
  donorMemberId?: string;
  donorName?: string;
  status: 'active' | 'withdrawn';
  createdAt: string;
}

export const RedemptionRequest = z.strictObject({ goodId: EntityId, quantity: positiveInt(20) });
export type RedemptionRequest = z.infer<typeof RedemptionRequest>;
export const RedemptionPath = z.strictObject({ cid: CommunityId, redemptionId: EntityId });
export const PickupRequest = z.strictObject({
  pickupCode: z.string().check(z.regex(/^\d{6}$/, 'must be the 6-digit pickup code')),
});
export const RedemptionsQuery = z.strictObject({
  status: z.optional(z.enum(['reserved', 'picked_up', 'cancelled'])),
  cursor: z.optional(z.string().check(z.maxLength(500))),
});

export interface Redemption {
  id: string;
  goodId: string;
  goodName: string;
  memberId: string;
  memberName: string;
  quantity: number;
  pricePoints: number;
  totalPoints: number;
  valueFen: number;
  pickupCode: string;
  status: 'reserved' | 'picked_up' | 'cancelled';
  createdAt: string;
  handedOverBy?: string;
  handedOverAt?: string;
  cancelledAt?: string;
}
