import type * as z from 'zod/mini';
import {
  CommunityPath,
  DevLoginRequest,
  MemberPath,
  SetRolesRequest,
  UpdateCommunityRequest,
  WechatLoginRequest,
  type Community,
  type CommunityList,
  type JoinResponse,
  type LoginResponse,
  type MeResponse,
  type MemberView,
  type MyCommunities,
} from './schemas/identity';
import {
  ClaimsQuery,
  CursorQuery,
  ActivityPath,
  BulkApproveRequest,
  CertificatePath,
  CheckinRequest,
  ClaimPath,
  CreateActivityRequest,
  OfficeAttendanceRequest,
  RejectClaimRequest,
  ReverseTransferRequest,
  RevokeCertificateRequest,
  TransferPath,
  UpdateActivityRequest,
  type Activity,
  type Attendance,
  type BulkApproveResponse,
  type Certificate,
  type CertificatePass,
  type CheckinCode,
  type Claim,
  type LedgerEntry,
} from './schemas/timebank';
import type { Page } from './schemas/common';
import {
  OrdersQuery,
  ProductReviewsQuery,
  DonationRequest,
  FulfilOrderRequest,
  MakerPath,
  OrderPath,
  OrderRequest,
  PayoutRequest,
  PledgeActionRequest,
  PledgePath,
  PledgeRequest,
  ProductPath,
  ProductRequest,
  RefundOrderRequest,
  type Notification,
  type Payout,
  type Pledge,
  type MakerEarnings,
  type Order,
  type PaymentInstruction,
  type Product,
  type PublicProduct,
} from './schemas/shop';
import {
  FundExpensesQuery,
  ExpensePath,
  FundExpenseRequest,
  FundIncomeRequest,
  type FundEntry,
  type FundExpense,
  type FundPage,
} from './schemas/fund';
import {
  ApplicationsQuery,
  ComplaintsQuery,
  LeaderboardQuery,
  RedemptionsQuery,
  AddMerchantStaffRequest,
  ApplicationPath,
  ComplaintPath,
  ComplaintRequest,
  ContributionRequest,
  FlagPath,
  GoodPath,
  GoodRequest,
  MerchantApplicationRequest,
  MerchantPath,
  MerchantStatusRequest,
  PickupRequest,
  PostPath,
  PostRequest,
  ReasonRequest,
  RedemptionPath,
  RedemptionRequest,
  ResolveComplaintRequest,
  ResolveFlagRequest,
  RestockRequest,
  UpdateOfferRequest,
  VerifyPassRequest,
  type Complaint,
  type Contribution,
  type DiscountUse,
  type Good,
  type Leaderboard,
  type MerchantDetail,
  type MerchantPost,
  type ProxyFlag,
  type PublicMerchant,
  type Redemption,
  type VerifyPassResponse,
} from './schemas/market';

import {
  AuditQuery,
  ExportQuery,
  RecognitionQuery,
  StatsQuery,
  ExportPath,
  GiftPointsRequest,
  OfflineMemberRequest,
  ProxyPath,
  ProxyRequest,
  RecognizeRequest,
  SubscribeRequest,
  type AuditEntry,
  type GiftPointsResponse,
  type ProxyList,
  type ProxyRelation,
  type Recognition,
  type ReconciliationReport,
  type RecognitionPage,
  type StatsResponse,
  type SubscribeResponse,
} from './schemas/office';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One route, described once: the Lambda validates with these schemas and the
 * mini-program's client takes its request and response types from here.
 * `Response` exists only at the type level.
 */
export interface RouteContract<
  Params extends Record<string, string> = Record<string, never>,
  Body = undefined,
  Response = unknown,
  Query extends QueryValues = Record<string, never>,
> {
  method: HttpMethod;
  path: string;
  params?: z.ZodMiniType<Params>;
  body?: z.ZodMiniType<Body>;
  /**
   * The query string: the Lambda validates `?…` with it (a route without one takes no query at
   * all) and the mini-program's `query` option is typed by it, so the two cannot drift.
   */
  query?: z.ZodMiniType<Query>;
  readonly response?: Response;
}

/** What a query string can carry: named strings, absent ones left out. */
export type QueryValues = Record<string, string | undefined>;

/* eslint-disable @typescript-eslint/no-explicit-any -- these match a contract of any types */
export type ParamsOf<C> = C extends RouteContract<infer P, any, any, any> ? P : never;
export type BodyOf<C> = C extends RouteContract<any, infer B, any, any> ? B : never;
export type ResponseOf<C> = C extends RouteContract<any, any, infer R, any> ? R : never;
/** The query a route takes, as its contract declares it (`Record<string, never>`: none). */
export type QueryOf<C> = C extends RouteContract<any, any, any, infer Q> ? Q : never;
/* eslint-enable @typescript-eslint/no-explicit-any */

type NoParams = Record<string, never>;
type CommunityParams = z.infer<typeof CommunityPath>;
type MemberParams = z.infer<typeof MemberPath>;
type ActivityParams = z.infer<typeof ActivityPath>;
type ClaimParams = z.infer<typeof ClaimPath>;
type TransferParams = z.infer<typeof TransferPath>;
type CertificateParams = z.infer<typeof CertificatePath>;
type Reason = { reason: string };
type MerchantParams = z.infer<typeof MerchantPath>;
type ApplicationParams = z.infer<typeof ApplicationPath>;
type FlagParams = z.infer<typeof FlagPath>;
type ComplaintParams = z.infer<typeof ComplaintPath>;
type PostParams = z.infer<typeof PostPath>;
type GoodParams = z.infer<typeof GoodPath>;
type RedemptionParams = z.infer<typeof RedemptionPath>;
type BodyType<Schema extends z.ZodMiniType> = z.infer<Schema>;

/** Shorthand for the many routes below: method, path, params schema and body schema. */
function route<Params extends Record<string, string>, Body, Response>(
  method: HttpMethod,
  path: string,
  params: z.ZodMiniType<Params>,
  body?: z.ZodMiniType<Body>,
): RouteContract<Params, Body, Response> {
  return body ? { method, path, params, body } : { method, path, params };
}

/** The same route, taking the query string `query` describes (filters, cursors, months). */
function withQuery<Params extends Record<string, string>, Body, Response, Query extends QueryValues>(
  contract: RouteContract<Params, Body, Response>,
  query: z.ZodMiniType<Query>,
): RouteContract<Params, Body, Response, Query> {
  return { ...contract, query };
}

export const contracts = {
  devLogin: {
    method: 'POST',
    path: '/v1/auth/dev-login',
    body: DevLoginRequest,
  } as RouteContract<NoParams, DevLoginRequest, LoginResponse>,
  wechatLogin: {
    method: 'POST',
    path: '/v1/auth/wechat',
    body: WechatLoginRequest,
  } as RouteContract<NoParams, WechatLoginRequest, LoginResponse>,
  /** A fresh token for the caller's session (rotation); the session itself ends 30 days after login. */
  refreshToken: { method: 'POST', path: '/v1/auth/refresh' } as RouteContract<
    NoParams,
    undefined,
    { token: string; expiresAt: string }
  >,
  listCommunities: { method: 'GET', path: '/v1/communities' } as RouteContract<NoParams, undefined, CommunityList>,
  listMyCommunities: { method: 'GET', path: '/v1/me/communities' } as RouteContract<NoParams, undefined, MyCommunities>,
  getCommunity: {
    method: 'GET',
    path: '/v1/communities/{cid}',
    params: CommunityPath,
  } as RouteContract<CommunityParams, undefined, Community>,
  updateCommunity: {
    method: 'PATCH',
    path: '/v1/communities/{cid}',
    params: CommunityPath,
    body: UpdateCommunityRequest,
  } as RouteContract<CommunityParams, UpdateCommunityRequest, Community>,
  joinCommunity: {
    method: 'POST',
    path: '/v1/communities/{cid}/join',
    params: CommunityPath,
  } as RouteContract<CommunityParams, undefined, JoinResponse>,
  getMe: {
    method: 'GET',
    path: '/v1/communities/{cid}/me',
    params: CommunityPath,
  } as RouteContract<CommunityParams, undefined, MeResponse>,
  setMemberRoles: {
    method: 'PUT',
    path: '/v1/communities/{cid}/members/{memberId}/roles',
    params: MemberPath,
    body: SetRolesRequest,
  } as RouteContract<MemberParams, SetRolesRequest, { member: MemberView }>,
  listMembers: withQuery(
    {
      method: 'GET',
      path: '/v1/communities/{cid}/members',
      params: CommunityPath,
    } as RouteContract<CommunityParams, undefined, Page<MemberView>>,
    CursorQuery,
  ),

  // Time bank: activities (query ?cursor=)
  createActivity: {
    method: 'POST',
    path: '/v1/communities/{cid}/activities',
    params: CommunityPath,
    body: CreateActivityRequest,
  } as RouteContract<CommunityParams, CreateActivityRequest, Activity>,
  listActivities: withQuery(
    {
      method: 'GET',
      path: '/v1/communities/{cid}/activities',
      params: CommunityPath,
    } as RouteContract<CommunityParams, undefined, Page<Activity>>,
    CursorQuery,
  ),
  getActivity: {
    method: 'GET',
    path: '/v1/communities/{cid}/activities/{aid}',
    params: ActivityPath,
  } as RouteContract<ActivityParams, undefined, Activity>,
  updateActivity: {
    method: 'PATCH',
    path: '/v1/communities/{cid}/activities/{aid}',
    params: ActivityPath,
    body: UpdateActivityRequest,
  } as RouteContract<ActivityParams, UpdateActivityRequest, Activity>,
  cancelActivity: {
    method: 'POST',
    path: '/v1/communities/{cid}/activities/{aid}/cancel',
    params: ActivityPath,
  } as RouteContract<ActivityParams, undefined, Activity>,
  getCheckinCode: {
    method: 'GET',
    path: '/v1/communities/{cid}/activities/{aid}/checkin-code',
    params: ActivityPath,
  } as RouteContract<ActivityParams, undefined, CheckinCode>,
  checkin: {
    method: 'POST',
    path: '/v1/communities/{cid}/checkins',
    params: CommunityPath,
    body: CheckinRequest,
  } as RouteContract<CommunityParams, CheckinRequest, { attendance: Attendance; claim: Claim | null }>,
  recordOfficeAttendance: {
    method: 'POST',
    path: '/v1/communities/{cid}/activities/{aid}/attendances',
    params: ActivityPath,
    body: OfficeAttendanceRequest,
  } as RouteContract<ActivityParams, OfficeAttendanceRequest, { claim: Claim }>,

  // Claims and approval (listClaims: query ?status=&cursor=)
  listClaims: withQuery(
    {
      method: 'GET',
      path: '/v1/communities/{cid}/claims',
      params: CommunityPath,
    } as RouteContract<CommunityParams, undefined, Page<Claim>>,
    ClaimsQuery,
  ),
  approveClaim: {
    method: 'POST',
    path: '/v1/communities/{cid}/claims/{claimId}/approve',
    params: ClaimPath,
  } as RouteContract<ClaimParams, undefined, { claim: Claim }>,
  rejectClaim: {
    method: 'POST',
    path: '/v1/communities/{cid}/claims/{claimId}/reject',
    params: ClaimPath,
    body: RejectClaimRequest,
  } as RouteContract<ClaimParams, Reason, { claim: Claim }>,
  bulkApproveClaims: {
    method: 'POST',
    path: '/v1/communities/{cid}/claims/approve',
    params: CommunityPath,
    body: BulkApproveRequest,
  } as RouteContract<CommunityParams, BulkApproveRequest, BulkApproveResponse>,
  listMyClaims: withQuery(
    {
      method: 'GET',
      path: '/v1/communities/{cid}/me/claims',
      params: CommunityPath,
    } as RouteContract<CommunityParams, undefined, Page<Claim>>,
    ClaimsQuery,
  ),

  // Points ledger (getMyLedger: query ?cursor=)
  getMyLedger: withQuery(
    {
      method: 'GET',
      path: '/v1/communities/{cid}/me/ledger',
      params: CommunityPath,
    } as RouteContract<CommunityParams, undefined, Page<LedgerEntry>>,
    CursorQuery,
  ),
  reverseTransfer: {
    method: 'POST',
    path: '/v1/communities/{cid}/transfers/{transferId}/reverse',
    params: TransferPath,
    body: ReverseTransferRequest,
  } as RouteContract<TransferParams, Reason, { transferId: string }>,

  // Certificates
  getCertificatePass: {
    method: 'GET',
    path: '/v1/communities/{cid}/me/certificate/pass',
    params: CommunityPath,
  } as RouteContract<CommunityParams, undefined, CertificatePass>,
  revokeCertificate: {
    method: 'POST',
    path: '/v1/communities/{cid}/certificates/{memberId}/revoke',
    params: CertificatePath,
    body: RevokeCertificateRequest,
  } as RouteContract<CertificateParams, Reason, { certificate: Certificate }>,
  reinstateCertificate: {
    method: 'POST',
    path: '/v1/communities/{cid}/certificates/{memberId}/reinstate',
    params: CertificatePath,
  } as RouteContract<CertificateParams, undefined, { certificate: Certificate }>,

  // Merchant alliance (listMerchantApplications: ?status=&cursor=; listMerchantUses, listFlags: ?cursor=)
  submitMerchantApplication: route<
    CommunityParams,
    BodyType<typeof MerchantApplicationRequest>,
    { id: string; status: 'pending' }
  >('POST', '/v1/communities/{cid}/merchant-applications', CommunityPath, MerchantApplicationRequest),
  listMerchantApplications: withQuery(
    route<CommunityParams, undefined, Page<MerchantDetail>>(
      'GET',
      '/v1/communities/{cid}/merchant-applications',
      CommunityPath,
    ),
    ApplicationsQuery,
  ),
  approveMerchantApplication: route<ApplicationParams, undefined, { merchant: MerchantDetail }>(
    'POST',
    '/v1/communities/{cid}/merchant-applications/{id}/approve',
    ApplicationPath,
  ),
  rejectMerchantApplication: route<ApplicationParams, Reason, { merchant: MerchantDetail }>(
    'POST',
    '/v1/communities/{cid}/merchant-applications/{id}/reject',
    ApplicationPath,
    ReasonRequest,
  ),
  listMerchants: route<CommunityParams, undefined, { items: PublicMerchant[] }>(
    'GET',
    '/v1/communities/{cid}/merchants',
    CommunityPath,
  ),
  getMerchant: route<MerchantParams, undefined, PublicMerchant>(
    'GET',
    '/v1/communities/{cid}/merchants/{mid}',
    MerchantPath,
  ),
  getMerchantDetail: route<MerchantParams, undefined, MerchantDetail>(
    'GET',
    '/v1/communities/{cid}/merchants/{mid}/detail',
    MerchantPath,
  ),
  listMyMerchants: route<CommunityParams, undefined, { items: MerchantDetail[] }>(
    'GET',
    '/v1/communities/{cid}/me/merchants',
    CommunityPath,
  ),
  updateMerchantOffer: route<MerchantParams, BodyType<typeof UpdateOfferRequest>, MerchantDetail>(
    'PUT',
    '/v1/communities/{cid}/merchants/{mid}/offer',
    MerchantPath,
    UpdateOfferRequest,
  ),
  addMerchantStaff: route<MerchantParams, BodyType<typeof AddMerchantStaffRequest>, MerchantDetail>(
    'POST',
    '/v1/communities/{cid}/merchants/{mid}/staff',
    MerchantPath,
    AddMerchantStaffRequest,
  ),
  setMerchantStatus: route<MerchantParams, BodyType<typeof MerchantStatusRequest>, MerchantDetail>(
    'POST',
    '/v1/communities/{cid}/merchants/{mid}/status',
    MerchantPath,
    MerchantStatusRequest,
  ),
  verifyPass: route<MerchantParams, VerifyPassRequest, VerifyPassResponse>(
    'POST',
    '/v1/communities/{cid}/merchants/{mid}/verify-pass',
    MerchantPath,
    VerifyPassRequest,
  ),
  listMerchantUses: withQuery(
    route<MerchantParams, undefined, Page<DiscountUse>>(
      'GET',
      '/v1/communities/{cid}/merchants/{mid}/uses',
      MerchantPath,
    ),
    CursorQuery,
  ),
  listFlags: withQuery(
    route<CommunityParams, undefined, Page<ProxyFlag>>('GET', '/v1/communities/{cid}/flags', CommunityPath),
    CursorQuery,
  ),
  resolveFlag: route<FlagParams, BodyType<typeof ResolveFlagRequest>, { flag: ProxyFlag }>(
    'POST',
    '/v1/communities/{cid}/flags/{flagId}/resolve',
    FlagPath,
    ResolveFlagRequest,
  ),

  // Complaints (listComplaints: ?status=open|resolved&cursor=)
  fileComplaint: route<MerchantParams, BodyType<typeof ComplaintRequest>, Complaint>(
    'POST',
    '/v1/communities/{cid}/merchants/{mid}/complaints',
    MerchantPath,
    ComplaintRequest,
  ),
  listComplaints: withQuery(
    route<CommunityParams, undefined, Page<Complaint>>('GET', '/v1/communities/{cid}/complaints', CommunityPath),
    ComplaintsQuery,
  ),
  resolveComplaint: route<ComplaintParams, BodyType<typeof ResolveComplaintRequest>, { complaint: Complaint }>(
    'POST',
    '/v1/communities/{cid}/complaints/{complaintId}/resolve',
    ComplaintPath,
    ResolveComplaintRequest,
  ),

  // Merchant posts
  createPost: route<MerchantParams, PostRequest, MerchantPost>(
    'POST',
    '/v1/communities/{cid}/merchants/{mid}/posts',
    MerchantPath,
    PostRequest,
  ),
  listPosts: withQuery(
    route<CommunityParams, undefined, Page<MerchantPost>>('GET', '/v1/communities/{cid}/posts', CommunityPath),
    CursorQuery,
  ),
  takeDownPost: route<PostParams, Reason, MerchantPost>(
    'POST',
    '/v1/communities/{cid}/posts/{postId}/take-down',
    PostPath,
    ReasonRequest,
  ),

  // Contribution points (getLeaderboard: ?month=YYYY-MM&kind=)
  recordContribution: route<CommunityParams, ContributionRequest, Contribution>(
    'POST',
    '/v1/communities/{cid}/contributions',
    CommunityPath,
    ContributionRequest,
  ),
  getLeaderboard: withQuery(
    route<CommunityParams, undefined, Leaderboard>('GET', '/v1/communities/{cid}/leaderboard', CommunityPath),
    LeaderboardQuery,
  ),

  // Credit supermarket (listRedemptions: ?status=&cursor=)
  createGood: route<CommunityParams, GoodRequest, Good>(
    'POST',
    '/v1/communities/{cid}/goods',
    CommunityPath,
    GoodRequest,
  ),
  listGoods: route<CommunityParams, undefined, { items: Good[] }>('GET', '/v1/communities/{cid}/goods', CommunityPath),
  restockGood: route<GoodParams, BodyType<typeof RestockRequest>, Good>(
    'POST',
    '/v1/communities/{cid}/goods/{goodId}/restock',
    GoodPath,
    RestockRequest,
  ),
  redeem: route<CommunityParams, RedemptionRequest, Redemption>(
    'POST',
    '/v1/communities/{cid}/redemptions',
    CommunityPath,
    RedemptionRequest,
  ),
  listMyRedemptions: withQuery(
    route<CommunityParams, undefined, Page<Redemption>>('GET', '/v1/communities/{cid}/me/redemptions', CommunityPath),
    CursorQuery,
  ),
  listRedemptions: withQuery(
    route<CommunityParams, undefined, Page<Redemption>>('GET', '/v1/communities/{cid}/redemptions', CommunityPath),
    RedemptionsQuery,
  ),
  cancelRedemption: route<RedemptionParams, undefined, Redemption>(
    'POST',
    '/v1/communities/{cid}/redemptions/{redemptionId}/cancel',
    RedemptionPath,
  ),
  pickupRedemption: route<RedemptionParams, BodyType<typeof PickupRequest>, Redemption>(
    'POST',
    '/v1/communities/{cid}/redemptions/{redemptionId}/pickup',
    RedemptionPath,
    PickupRequest,
  ),

  // Charity fund (getFund: public, ?cursor=; listFundExpenses: ?status=)
  getFund: withQuery(
    route<CommunityParams, undefined, FundPage>('GET', '/v1/communities/{cid}/fund', CommunityPath),
    CursorQuery,
  ),
  exportFundCsv: route<CommunityParams, undefined, string>(
    'GET',
    '/v1/communities/{cid}/fund/entries.csv',
    CommunityPath,
  ),
  recordFundIncome: route<CommunityParams, FundIncomeRequest, FundEntry>(
    'POST',
    '/v1/communities/{cid}/fund/incomes',
    CommunityPath,
    FundIncomeRequest,
  ),
  submitFundExpense: route<CommunityParams, FundExpenseRequest, FundExpense>(
    'POST',
    '/v1/communities/{cid}/fund/expenses',
    CommunityPath,
    FundExpenseRequest,
  ),
  listFundExpenses: withQuery(
    route<CommunityParams, undefined, Page<FundExpense>>('GET', '/v1/communities/{cid}/fund/expenses', CommunityPath),
    FundExpensesQuery,
  ),
  approveFundExpense: route<z.infer<typeof ExpensePath>, undefined, FundExpense>(
    'POST',
    '/v1/communities/{cid}/fund/expenses/{id}/approve',
    ExpensePath,
  ),
  rejectFundExpense: route<z.infer<typeof ExpensePath>, Reason, FundExpense>(
    'POST',
    '/v1/communities/{cid}/fund/expenses/{id}/reject',
    ExpensePath,
    ReasonRequest,
  ),

  // Artisan shop (listProducts: public, approved only; listProductsForReview: ?status=)
  createProduct: route<CommunityParams, ProductRequest, Product>(
    'POST',
    '/v1/communities/{cid}/products',
    CommunityPath,
    ProductRequest,
  ),
  listProducts: route<CommunityParams, undefined, { items: PublicProduct[] }>(
    'GET',
    '/v1/communities/{cid}/products',
    CommunityPath,
  ),
  getProduct: route<z.infer<typeof ProductPath>, undefined, PublicProduct>(
    'GET',
    '/v1/communities/{cid}/products/{pid}',
    ProductPath,
  ),
  listProductsForReview: withQuery(
    route<CommunityParams, undefined, Page<Product>>('GET', '/v1/communities/{cid}/product-reviews', CommunityPath),
    ProductReviewsQuery,
  ),
  approveProduct: route<z.infer<typeof ProductPath>, undefined, Product>(
    'POST',
    '/v1/communities/{cid}/products/{pid}/approve',
    ProductPath,
  ),
  rejectProduct: route<z.infer<typeof ProductPath>, Reason, Product>(
    'POST',
    '/v1/communities/{cid}/products/{pid}/reject',
    ProductPath,
    ReasonRequest,
  ),
  listMyProducts: route<CommunityParams, undefined, { items: Product[]; earnings: MakerEarnings }>(
    'GET',
    '/v1/communities/{cid}/me/products',
    CommunityPath,
  ),
  createOrder: route<CommunityParams, OrderRequest, Order & { payment: PaymentInstruction }>(
    'POST',
    '/v1/communities/{cid}/orders',
    CommunityPath,
    OrderRequest,
  ),
  getOrder: route<z.infer<typeof OrderPath>, undefined, Order>('GET', '/v1/communities/{cid}/orders/{oid}', OrderPath),
  listMyOrders: withQuery(
    route<CommunityParams, undefined, Page<Order>>('GET', '/v1/communities/{cid}/me/orders', CommunityPath),
    CursorQuery,
  ),
  devPayOrder: route<z.infer<typeof OrderPath>, undefined, { status: 'paid'; order: Order }>(
    'POST',
    '/v1/communities/{cid}/orders/{oid}/dev-pay',
    OrderPath,
  ),
  payOrder: route<z.infer<typeof OrderPath>, undefined, { payment: PaymentInstruction }>(
    'POST',
    '/v1/communities/{cid}/orders/{oid}/pay',
    OrderPath,
  ),
  cancelOrder: route<z.infer<typeof OrderPath>, undefined, Order>(
    'POST',
    '/v1/communities/{cid}/orders/{oid}/cancel',
    OrderPath,
  ),
  listOrders: withQuery(
    route<CommunityParams, undefined, Page<Order>>('GET', '/v1/communities/{cid}/orders', CommunityPath),
    OrdersQuery,
  ),
  fulfilOrder: route<z.infer<typeof OrderPath>, z.infer<typeof FulfilOrderRequest>, Order>(
    'POST',
    '/v1/communities/{cid}/orders/{oid}/fulfil',
    OrderPath,
    FulfilOrderRequest,
  ),
  refundOrder: route<z.infer<typeof OrderPath>, Reason, Order>(
    'POST',
    '/v1/communities/{cid}/orders/{oid}/refund',
    OrderPath,
    RefundOrderRequest,
  ),
  recordPayout: route<z.infer<typeof MakerPath>, z.infer<typeof PayoutRequest>, Payout>(
    'POST',
    '/v1/communities/{cid}/makers/{memberId}/payouts',
    MakerPath,
    PayoutRequest,
  ),
  listMakers: route<CommunityParams, undefined, { items: (MakerEarnings & { makerName: string })[] }>(
    'GET',
    '/v1/communities/{cid}/makers',
    CommunityPath,
  ),
  donate: route<CommunityParams, DonationRequest, Order & { payment: PaymentInstruction }>(
    'POST',
    '/v1/communities/{cid}/fund/donations',
    CommunityPath,
    DonationRequest,
  ),
  createPledge: route<CommunityParams, PledgeRequest, Pledge>(
    'POST',
    '/v1/communities/{cid}/fund/pledges',
    CommunityPath,
    PledgeRequest,
  ),
  listMyPledges: route<CommunityParams, undefined, { items: Pledge[] }>(
    'GET',
    '/v1/communities/{cid}/me/pledges',
    CommunityPath,
  ),
  changePledge: route<z.infer<typeof PledgePath>, z.infer<typeof PledgeActionRequest>, Pledge>(
    'POST',
    '/v1/communities/{cid}/fund/pledges/{pledgeId}',
    PledgePath,
    PledgeActionRequest,
  ),
  listMyNotifications: { method: 'GET', path: '/v1/me/notifications' } as RouteContract<
    NoParams,
    undefined,
    { items: Notification[] }
  >,
  // ------------------------------------------------------------ office console (issue 6)
  /** Staff: monthly figures (query `from`, `to` months). */
  getStats: withQuery(
    route<CommunityParams, undefined, StatsResponse>('GET', '/v1/communities/{cid}/stats', CommunityPath),
    StatsQuery,
  ),
  /** Staff: CSV or XLSX of one dataset for a date range (query `from`, `to`, `format`). */
  exportData: withQuery(
    route<z.infer<typeof ExportPath>, undefined, string>('GET', '/v1/communities/{cid}/exports/{dataset}', ExportPath),
    ExportQuery,
  ),
  /** Admin: the audit log, newest first, with filters in the query. */
  listAudit: withQuery(
    route<CommunityParams, undefined, Page<AuditEntry>>('GET', '/v1/communities/{cid}/audit', CommunityPath),
    AuditQuery,
  ),
  /** The caller accepted these WeChat subscribe messages (one credit each). */
  subscribe: { method: 'POST', path: '/v1/me/subscriptions', body: SubscribeRequest } as RouteContract<
    NoParams,
    SubscribeRequest,
    SubscribeResponse
  >,
  getSubscriptions: { method: 'GET', path: '/v1/me/subscriptions' } as RouteContract<
    NoParams,
    undefined,
    SubscribeResponse
  >,
  /** A member gives points to another member or to the community pool. */
  giftPoints: route<CommunityParams, GiftPointsRequest, GiftPointsResponse>(
    'POST',
    '/v1/communities/{cid}/ledger/gifts',
    CommunityPath,
    GiftPointsRequest,
  ),
  /** Members: the month's volunteers by hours and those the office recognised (query `month`). */
  getRecognition: withQuery(
    route<CommunityParams, undefined, RecognitionPage>('GET', '/v1/communities/{cid}/recognition', CommunityPath),
    RecognitionQuery,
  ),
  recognize: route<CommunityParams, RecognizeRequest, { items: Recognition[] }>(
    'POST',
    '/v1/communities/{cid}/recognition',
    CommunityPath,
    RecognizeRequest,
  ),
  /** Staff: register a resident who has no phone. */
  createOfflineMember: route<CommunityParams, OfflineMemberRequest, { member: MemberView }>(
    'POST',
    '/v1/communities/{cid}/members/offline',
    CommunityPath,
    OfflineMemberRequest,
  ),
  /** The resident (for themself) or staff (for anyone) lets a family member act for a resident. */
  createProxy: route<CommunityParams, ProxyRequest, ProxyRelation>(
    'POST',
    '/v1/communities/{cid}/proxies',
    CommunityPath,
    ProxyRequest,
  ),
  listMyProxies: route<CommunityParams, undefined, ProxyList>('GET', '/v1/communities/{cid}/proxies', CommunityPath),
  listAllProxies: route<CommunityParams, undefined, { items: ProxyRelation[] }>(
    'GET',
    '/v1/communities/{cid}/office/proxies',
    CommunityPath,
  ),
  removeProxy: route<z.infer<typeof ProxyPath>, undefined, { removed: true }>(
    'DELETE',
    '/v1/communities/{cid}/proxies/{residentId}/{proxyId}',
    ProxyPath,
  ),
  /** Admin: rebuild every balance and counter of the community from its records and report drift. */
  runReconciliation: route<CommunityParams, undefined, ReconciliationReport>(
    'POST',
    '/v1/communities/{cid}/reconciliation',
    CommunityPath,
  ),
  wechatPayNotify: { method: 'POST', path: '/v1/payments/wechat/notify' } as RouteContract<
    NoParams,
    undefined,
    { code: 'SUCCESS'; message: string }
  >,
} as const;

export type Contracts = typeof contracts;

/** `/v1/communities/{cid}` + `{cid: 'demo'}` → `/v1/communities/demo` (each value URL-encoded). */
export function fillPath(path: string, params: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name} for ${path}`);
    return encodeURIComponent(value);
  });
}
