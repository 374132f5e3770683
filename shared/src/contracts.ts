import type * as z from 'zod/mini';
import { CursorQuery, type Page } from './schemas/common';
import {
  CommunityPath,
  MembersQuery,
  CreateCommunityRequest,
  CreateDistrictRequest,
  DistrictPath,
  SetDistrictOfficerRequest,
  type District,
  CreateInvitationRequest,
  DevLoginRequest,
  InvitationPath,
  CommunityInvitationPath,
  SetCommunityAdminRequest,
  MemberPath,
  OfflineMemberRequest,
  ProxyPath,
  ProxyRequest,
  SetRolesRequest,
  SubscribeRequest,
  UpdateCommunityRequest,
  WechatLoginRequest,
  type Community,
  type CommunityList,
  type JoinResponse,
  type LoginResponse,
  type MeResponse,
  type MemberView,
  type MyCommunities,
  type Notification,
  type ProxyList,
  type ProxyRelation,
  type SubscribeResponse,
  type AcceptInvitationResponse,
  type CommunityAdminResponse,
  type Invitation,
} from './schemas/identity';
import {
  ActivityPath,
  BulkApproveRequest,
  CertificatePath,
  CheckinRequest,
  MySignupsQuery,
  SignupRequest,
  type MyAttendance,
  type MySignup,
  type RosterResponse,
  type Signup,
  ClaimPath,
  ClaimsQuery,
  CreateActivityRequest,
  OfficeAttendanceRequest,
  RejectClaimRequest,
  RevokeCertificateRequest,
  UpdateActivityRequest,
  type Activity,
  type Attendance,
  type BulkApproveResponse,
  type Certificate,
  type CertificatePass,
  type CheckinCode,
  type Claim,
} from './schemas/timebank';
import {
  ActivitySeriesPath,
  CancelActivitySeriesRequest,
  CreateActivitySeriesRequest,
  UpdateActivitySeriesRequest,
  type ActivitySeriesChange,
  type ActivitySeriesView,
} from './schemas/timebank-series';
import { AcceptConsentRequest, ConsentPath, type Consent, type ConsentList } from './schemas/consents';
import {
  CloseAccountRequest,
  DisplayNameRequest,
  type CloseAccountResponse,
  type DataExport,
} from './schemas/personal-data';
import { AddChildRequest, type ChildList } from './schemas/minors';
import {
  EvidenceRequest,
  ImagePath,
  ImageUploadRequest,
  RemoveImageRequest,
  StorefrontRequest,
  WechatPushQuery,
  type ImageReview,
  type ImageUpload,
  type ImageView,
} from './schemas/media';
import { VolunteerProfileRequest, type UnmetRequirement, type VolunteerProfile } from './schemas/volunteer';
import {
  ServiceCertificatePath,
  CertificateRequestBody,
  CommunityCertificatePath,
  CorrectionRequest,
  DecideRecordRequestBody,
  IssueCertificateRequest,
  RecordRequestPath,
  RecordRequestsQuery,
  RevokeCertificateBody,
  SealUpload,
  type CertificateCheck,
  type CertificateRegisterEntry,
  type RecordRequest,
  type ServiceRecord,
} from './schemas/service-record';
import {
  AddTeamMemberRequest,
  CreateTeamRequest,
  RejectJoinRequest,
  TeamMemberPath,
  TeamPath,
  UpdateTeamRequest,
  type Team,
  type TeamJoinRequest,
  type TeamMember,
  type TeamPage,
  type TeamSummary,
} from './schemas/teams';
import {
  GiftPointsRequest,
  ReverseTransferRequest,
  TransferPath,
  type GiftPointsResponse,
  type LedgerEntry,
  type ReconciliationReport,
  type ReverseTransferResponse,
} from './schemas/ledger';
import {
  AddMerchantStaffRequest,
  ApplicationPath,
  ApplicationsQuery,
  ComplaintPath,
  ComplaintRequest,
  ComplaintsQuery,
  ContributionRequest,
  FlagPath,
  GoodPath,
  GoodRequest,
  LeaderboardQuery,
  MerchantApplicationRequest,
  MerchantPath,
  MerchantStatusRequest,
  PickupRequest,
  PostPath,
  PostRequest,
  ReasonRequest,
  RedemptionPath,
  RedemptionRequest,
  RedemptionsQuery,
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
  type Merchant,
  type Redemption,
  type VerifyPassResponse,
} from './schemas/market';
import {
  FulfilOrderRequest,
  MakerPath,
  OrderPath,
  OrderRequest,
  OrdersQuery,
  PayoutRequest,
  ProductPath,
  ProductRequest,
  ProductReviewsQuery,
  RefundOrderRequest,
  type MakerEarnings,
  type Order,
  type PaymentInstruction,
  type Payout,
  type Product,
  type PublicProduct,
} from './schemas/shop';
import {
  DonationMessagePath,
  DonationMessagesQuery,
  DonationRequest,
  ExpensePath,
  FundExpenseRequest,
  FundDisclosurePath,
  FundDisclosureQuery,
  type FundDisclosure,
  FundExpensesQuery,
  FundIncomeRequest,
  FundHolder,
  IssueReceiptRequest,
  ReceiptRequestBody,
  ReceiptRequestPath,
  ReceiptRequestsQuery,
  PledgeActionRequest,
  PledgePath,
  PledgeRequest,
  type DonationMessage,
  type FundEntry,
  type FundExpense,
  type FundPage,
  type Pledge,
  type ReceiptRequest,
} from './schemas/fund';
import {
  AuditQuery,
  ExportPath,
  ExportQuery,
  RecognitionQuery,
  RecognizeRequest,
  StatsQuery,
  DistrictExportQuery,
  type AuditEntry,
  type DistrictStatsResponse,
  type Recognition,
  type RecognitionPage,
  type StatsResponse,
} from './schemas/office';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call a route. The Lambda asks for a token on every route but `public` and `signed`; the
 * finer levels are enforced by the use cases (they need the member's record) and proved for every
 * route by `tests/integration/authorization-matrix.test.ts`, which reads them from here.
 * - `public`: anyone, no token; `signed`: WeChat Pay's webhook, trusted only by its signature;
 * - `user`: any logged-in user (not community-scoped); `member`: a member of the community;
 * - `self`: a member about themself (`/me/…`); `own`: a member on their own object (order,
 *   redemption, pledge); `own-or-office`: the object's member, or staff/admin;
 * - `merchant-staff`: the merchant's own staff; `merchant-or-office`: those or the office;
 * - `maker`, `staff` (staff or admin), `admin`;
 * - `team-leader-or-office`: a leader of the volunteer team the request is about (`{tid}` in the
 *   path, or the body's `teamId`), or staff/admin;
 * - `proxy-setup`: a member for themself (not an office member), or the office for an offline resident.
 * - `platform`: a platform operator (openid in `PLATFORM_ADMIN_OPENIDS`), in no community's name.
 * - `district`: an officer of the district in the path, or a platform operator.
 */
export type Access =
  | 'public'
  | 'signed'
  | 'user'
  | 'member'
  | 'self'
  | 'own'
  | 'own-or-office'
  | 'merchant-staff'
  | 'merchant-or-office'
  | 'team-leader-or-office'
  | 'maker'
  | 'staff'
  | 'admin'
  | 'proxy-setup'
  | 'platform'
  | 'district';

/** Does a route take a token? Every one but `public` and the signed webhook. */
export const needsToken = (access: Access): boolean => access !== 'public' && access !== 'signed';

/* eslint-disable @typescript-eslint/no-explicit-any -- these match a contract of any types */
type AnySchema = z.ZodMiniType<any, any>;
/* eslint-enable @typescript-eslint/no-explicit-any */

/**
 * One route, described once: path, method, who may call it, and the schemas of its path
 * parameters, body and query string. The Lambda validates with these schemas and the
 * mini-program's client takes its request and response types from here. `response` exists
 * only at the type level.
 */
export interface RouteContract<
  Params extends Record<string, string> = Record<string, never>,
  Body = undefined,
  Response = unknown,
  Query extends QueryValues = Record<string, never>,
> {
  method: HttpMethod;
  path: string;
  access: Access;
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

/** The type a route answers with, for `response:` in {@link route} (a type-level marker, `undefined` at run time). */
function returns<Response>(): Response {
  return undefined as Response;
}

type Output<Schema, Otherwise> = Schema extends AnySchema ? z.infer<Schema> : Otherwise;

/**
 * Every route is declared through this one helper: the types of its parameters, body and query
 * are those of its schemas, its response type the one `returns<…>()` names.
 */
function route<
  const Spec extends {
    method: HttpMethod;
    path: string;
    access: Access;
    params?: AnySchema;
    body?: AnySchema;
    query?: AnySchema;
    response: unknown;
  },
>(
  spec: Spec,
): RouteContract<
  Output<Spec['params'], Record<string, never>>,
  Output<Spec['body'], undefined>,
  Spec['response'],
  Output<Spec['query'], Record<string, never>>
> {
  const { response: _response, ...contract } = spec;
  return contract as never;
}

export const contracts = {
  devLogin: route({
    method: 'POST',
    path: '/v1/auth/dev-login',
    access: 'public',
    body: DevLoginRequest,
    response: returns<LoginResponse>(),
  }),
  wechatLogin: route({
    method: 'POST',
    path: '/v1/auth/wechat',
    access: 'public',
    body: WechatLoginRequest,
    response: returns<LoginResponse>(),
  }),
  /** A fresh token for the caller's session (rotation); the session itself ends 30 days after login. */
  refreshToken: route({
    method: 'POST',
    path: '/v1/auth/refresh',
    access: 'user',
    response: returns<{ token: string; expiresAt: string }>(),
  }),
  listCommunities: route({
    method: 'GET',
    path: '/v1/communities',
    access: 'public',
    response: returns<CommunityList>(),
  }),
  listMyCommunities: route({
    method: 'GET',
    path: '/v1/me/communities',
    access: 'user',
    response: returns<MyCommunities>(),
  }),
  getCommunity: route({
    method: 'GET',
    path: '/v1/communities/{cid}',
    access: 'public',
    params: CommunityPath,
    response: returns<Community>(),
  }),
  updateCommunity: route({
    method: 'PATCH',
    path: '/v1/communities/{cid}',
    access: 'admin',
    params: CommunityPath,
    body: UpdateCommunityRequest,
    response: returns<Community>(),
  }),
  createCommunity: route({
    method: 'POST',
    path: '/v1/communities',
    access: 'platform',
    body: CreateCommunityRequest,
    response: returns<Community>(),
  }),
  setCommunityAdmin: route({
    method: 'PUT',
    path: '/v1/communities/{cid}/admins',
    access: 'platform',
    params: CommunityPath,
    body: SetCommunityAdminRequest,
    response: returns<CommunityAdminResponse>(),
  }),
  createInvitation: route({
    method: 'POST',
    path: '/v1/communities/{cid}/invitations',
    access: 'staff',
    params: CommunityPath,
    body: CreateInvitationRequest,
    response: returns<Invitation>(),
  }),
  /**
   * An invitation as a mini-program code (小程序码, `image/png` or `image/jpeg`) that opens the
   * invite page with the code as its `scene`: office staff of the invitation's community. 404 for
   * an unknown code (or another community's), 410 `invitation.expired` once used up or expired,
   * 502 `wechat.unavailable` / `wechat.code_refused` and 503 `wechat.busy` when WeChat fails.
   */
  getInvitationWxacode: route({
    method: 'GET',
    path: '/v1/communities/{cid}/invitations/{code}/wxacode',
    access: 'staff',
    params: CommunityInvitationPath,
    response: returns<string>(),
  }),
  createDistrict: route({
    method: 'POST',
    path: '/v1/districts',
    access: 'platform',
    body: CreateDistrictRequest,
    response: returns<District>(),
  }),
  setDistrictOfficer: route({
    method: 'PUT',
    path: '/v1/districts/{did}/officers',
    access: 'platform',
    params: DistrictPath,
    body: SetDistrictOfficerRequest,
    response: returns<{ districtId: string; officerId: string }>(),
  }),
  listMyDistricts: route({
    method: 'GET',
    path: '/v1/me/districts',
    access: 'user',
    response: returns<{ items: District[] }>(),
  }),
  getDistrictStats: route({
    method: 'GET',
    path: '/v1/districts/{did}/stats',
    access: 'district',
    params: DistrictPath,
    query: StatsQuery,
    response: returns<DistrictStatsResponse>(),
  }),
  /** A district's figures as a spreadsheet: one row per community and month, then the district's months. */
  exportDistrictStats: route({
    method: 'GET',
    path: '/v1/districts/{did}/exports/stats',
    access: 'district',
    params: DistrictPath,
    query: DistrictExportQuery,
    response: returns<string>(),
  }),
  acceptInvitation: route({
    method: 'POST',
    path: '/v1/invitations/{code}/accept',
    access: 'user',
    params: InvitationPath,
    response: returns<AcceptInvitationResponse>(),
  }),
  joinCommunity: route({
    method: 'POST',
    path: '/v1/communities/{cid}/join',
    access: 'user',
    params: CommunityPath,
    response: returns<JoinResponse>(),
  }),
  getMe: route({
    method: 'GET',
    path: '/v1/communities/{cid}/me',
    access: 'self',
    params: CommunityPath,
    response: returns<MeResponse>(),
  }),
  setMemberRoles: route({
    method: 'PUT',
    path: '/v1/communities/{cid}/members/{memberId}/roles',
    access: 'admin',
    params: MemberPath,
    body: SetRolesRequest,
    response: returns<{ member: MemberView }>(),
  }),
  listMembers: route({
    method: 'GET',
    path: '/v1/communities/{cid}/members',
    access: 'staff',
    params: CommunityPath,
    query: MembersQuery,
    response: returns<Page<MemberView>>(),
  }),

  // Time bank: activities (query ?cursor=)
  /** Staff; or a leader of the body's `teamId`, for that team only. */
  createActivity: route({
    method: 'POST',
    path: '/v1/communities/{cid}/activities',
    access: 'team-leader-or-office',
    params: CommunityPath,
    body: CreateActivityRequest,
    response: returns<Activity>(),
  }),
  listActivities: route({
    method: 'GET',
    path: '/v1/communities/{cid}/activities',
    access: 'member',
    params: CommunityPath,
    query: CursorQuery,
    response: returns<Page<Activity>>(),
  }),
  getActivity: route({
    method: 'GET',
    path: '/v1/communities/{cid}/activities/{aid}',
    access: 'member',
    params: ActivityPath,
    response: returns<Activity>(),
  }),
  updateActivity: route({
    method: 'PATCH',
    path: '/v1/communities/{cid}/activities/{aid}',
    access: 'staff',
    params: ActivityPath,
    body: UpdateActivityRequest,
    response: returns<Activity>(),
  }),
  cancelActivity: route({
    method: 'POST',
    path: '/v1/communities/{cid}/activities/{aid}/cancel',
    access: 'staff',
    params: ActivityPath,
    response: returns<Activity>(),
  }),
  // Weekly activities (issue 17): each occurrence is an activity of its own (edit or cancel one above).
  /** Staff: the first occurrence (an activity as createActivity takes it) repeated on weekdays until a day. */
  createActivitySeries: route({
    method: 'POST',
    path: '/v1/communities/{cid}/activity-series',
    access: 'staff',
    params: CommunityPath,
    body: CreateActivitySeriesRequest,
    response: returns<ActivitySeriesView>(),
  }),
  getActivitySeries: route({
    method: 'GET',
    path: '/v1/communities/{cid}/activity-series/{sid}',
    access: 'member',
    params: ActivitySeriesPath,
    response: returns<ActivitySeriesView>(),
  }),
  /** Staff: edit occurrence `from` and every later one still to come; a result per occurrence. */
  updateActivitySeries: route({
    method: 'PATCH',
    path: '/v1/communities/{cid}/activity-series/{sid}',
    access: 'staff',
    params: ActivitySeriesPath,
    body: UpdateActivitySeriesRequest,
    response: returns<ActivitySeriesChange>(),
  }),
  /** Staff: cancel occurrence `from` and every later one; the series then ends before it. */
  cancelActivitySeries: route({
    method: 'POST',
    path: '/v1/communities/{cid}/activity-series/{sid}/cancel',
    access: 'staff',
    params: ActivitySeriesPath,
    body: CancelActivitySeriesRequest,
    response: returns<ActivitySeriesChange>(),
  }),
  getCheckinCode: route({
    method: 'GET',
    path: '/v1/communities/{cid}/activities/{aid}/checkin-code',
    access: 'staff',
    params: ActivityPath,
    response: returns<CheckinCode>(),
  }),
  /** 报名: confirmed while places last (per position), waitlisted after; 409 `signup.exists`. */
  signUp: route({
    method: 'POST',
    path: '/v1/communities/{cid}/activities/{aid}/signups',
    access: 'member',
    params: ActivityPath,
    body: SignupRequest,
    response: returns<{ signup: Signup }>(),
  }),
  /** 取消报名: the first waitlisted member of the same position takes the place (and is told). */
  cancelSignup: route({
    method: 'POST',
    path: '/v1/communities/{cid}/activities/{aid}/signups/cancel',
    access: 'member',
    params: ActivityPath,
    response: returns<{ signup: Signup; promoted?: { memberId: string } }>(),
  }),
  /** The roster (名单): staff, or a leader of the activity's team (who does not see no-show counts). */
  listSignups: route({
    method: 'GET',
    path: '/v1/communities/{cid}/activities/{aid}/signups',
    access: 'team-leader-or-office',
    params: ActivityPath,
    response: returns<RosterResponse>(),
  }),
  /**
   * The caller's own sign-up for one activity (null when none) and the activity's requirements
   * they do not meet: what the activity page shows.
   */
  getMySignup: route({
    method: 'GET',
    path: '/v1/communities/{cid}/activities/{aid}/signups/mine',
    access: 'member',
    params: ActivityPath,
    response: returns<{ signup: MySignup | null; unmet: UnmetRequirement[]; attendance: MyAttendance | null }>(),
  }),
  /** 志愿者资料: the caller's own (null before the first save), the ID number masked. */
  getVolunteerProfile: route({
    method: 'GET',
    path: '/v1/communities/{cid}/me/volunteer-profile',
    access: 'member',
    params: CommunityPath,
    response: returns<{ profile: VolunteerProfile | null }>(),
  }),
  /** Saves the caller's profile; the ID number is stored encrypted and returned masked. */
  putVolunteerProfile: route({
    method: 'PUT',
    path: '/v1/communities/{cid}/me/volunteer-profile',
    access: 'member',
    params: CommunityPath,
    body: VolunteerProfileRequest,
    response: returns<{ profile: VolunteerProfile }>(),
  }),
  /** 我的志愿服务记录: every approved, unreversed entry with the fields the 办法 lists. */
  getMyServiceRecord: route({
    method: 'GET',
    path: '/v1/communities/{cid}/me/service-record',
    access: 'member',
    params: CommunityPath,
    response: returns<ServiceRecord>(),
  }),
  /** A member asks for a correction of an entry (`claimId`) or for a missing one. */
  requestRecordCorrection: route({
    method: 'POST',
    path: '/v1/communities/{cid}/me/service-record/corrections',
    access: 'member',
    params: CommunityPath,
    body: CorrectionRequest,
    response: returns<RecordRequest>(),
  }),
  /** A member asks the office for a 志愿服务记录证明 (free). */
  requestServiceCertificate: route({
    method: 'POST',
    path: '/v1/communities/{cid}/me/service-certificates/requests',
    access: 'member',
    params: CommunityPath,
    body: CertificateRequestBody,
    response: returns<RecordRequest>(),
  }),
  /** The caller's requests (corrections and certificates) and certificates issued to them. */
  listMyRecordRequests: route({
    method: 'GET',
    path: '/v1/communities/{cid}/me/service-record/requests',
    access: 'member',
    params: CommunityPath,
    response: returns<{ requests: RecordRequest[]; certificates: CertificateRegisterEntry[] }>(),
  }),
  /** Staff: the requests queue (open first by default), oldest first. */
  listRecordRequests: route({
    method: 'GET',
    path: '/v1/communities/{cid}/service-record/requests',
    access: 'staff',
    params: CommunityPath,
    query: RecordRequestsQuery,
    response: returns<Page<RecordRequest>>(),
  }),
  /** Staff accept (saying what the office did) or reject (saying why) a request; the member is told. */
  decideRecordRequest: route({
    method: 'POST',
    path: '/v1/communities/{cid}/service-record/requests/{rid}/decision',
    access: 'staff',
    params: RecordRequestPath,
    body: DecideRecordRequestBody,
    response: returns<RecordRequest>(),
  }),
  /** Staff: a member's whole service record (to answer a request, or before issuing). */
  getMemberServiceRecord: route({
    method: 'GET',
    path: '/v1/communities/{cid}/members/{memberId}/service-record',
    access: 'staff',
    params: MemberPath,
    response: returns<ServiceRecord>(),
  }),
  /** Staff issue a 志愿服务记录证明 for a member and a period (all of the record by default). */
  issueServiceCertificate: route({
    method: 'POST',
    path: '/v1/communities/{cid}/service-certificates',
    access: 'staff',
    params: CommunityPath,
    body: IssueCertificateRequest,
    response: returns<{ serialNumber: string; totalMinutes: number; issuedAt: string }>(),
  }),
  /** Staff: the issuance register, newest first. */
  listServiceCertificates: route({
    method: 'GET',
    path: '/v1/communities/{cid}/service-certificates',
    access: 'staff',
    params: CommunityPath,
    query: CursorQuery,
    response: returns<Page<CertificateRegisterEntry>>(),
  }),
  /** Staff revoke a certificate with a reason; the public check then says it is not valid. */
  revokeServiceCertificate: route({
    method: 'POST',
    path: '/v1/communities/{cid}/service-certificates/{serialNumber}/revoke',
    access: 'staff',
    params: CommunityCertificatePath,
    body: RevokeCertificateBody,
    response: returns<CertificateRegisterEntry>(),
  }),
  /** Public: whether a certificate is genuine and valid (masked name, hours, issuer, date). */
  checkServiceCertificate: route({
    method: 'GET',
    path: '/v1/service-certificates/{serialNumber}',
    access: 'public',
    params: ServiceCertificatePath,
    response: returns<CertificateCheck>(),
  }),
  /** The certificate as a printable A4 PDF: its holder, or staff of the issuing community. */
  getServiceCertificatePdf: route({
    method: 'GET',
    path: '/v1/service-certificates/{serialNumber}/pdf',
    access: 'own-or-office',
    params: ServiceCertificatePath,
    response: returns<string>(),
  }),
  /** Admin: the office's seal image stamped on certificates. */
  putCertificateSeal: route({
    method: 'PUT',
    path: '/v1/communities/{cid}/service-certificates/seal',
    access: 'admin',
    params: CommunityPath,
    body: SealUpload,
    response: returns<{ contentType: string; bytes: number; updatedAt: string }>(),
  }),
  getCertificateSeal: route({
    method: 'GET',
    path: '/v1/communities/{cid}/service-certificates/seal',
    access: 'staff',
    params: CommunityPath,
    response: returns<{ seal: { contentType: string; base64: string; updatedAt: string } | null }>(),
  }),
  listMySignups: route({
    method: 'GET',
    path: '/v1/communities/{cid}/me/signups',
    access: 'member',
    params: CommunityPath,
    query: MySignupsQuery,
    response: returns<{ items: MySignup[] }>(),
  }),
  checkin: route({
    method: 'POST',
    path: '/v1/communities/{cid}/checkins',
    access: 'member',
    params: CommunityPath,
    body: CheckinRequest,
    response: returns<{ attendance: Attendance; claim: Claim | null }>(),
  }),
  recordOfficeAttendance: route({
    method: 'POST',
    path: '/v1/communities/{cid}/activities/{aid}/attendances',
    access: 'staff',
    params: ActivityPath,
    body: OfficeAttendanceRequest,
    response: returns<{ claim: Claim }>(),
  }),

  // Claims and approval (listClaims: query ?status=&cursor=)
  listClaims: route({
    method: 'GET',
    path: '/v1/communities/{cid}/claims',
    access: 'staff',
    params: CommunityPath,
    query: ClaimsQuery,
    response: returns<Page<Claim>>(),
  }),
  approveClaim: route({
    method: 'POST',
    path: '/v1/communities/{cid}/claims/{claimId}/approve',
    access: 'staff',
    params: ClaimPath,
    response: returns<{ claim: Claim }>(),
  }),
  rejectClaim: route({
    method: 'POST',
    path: '/v1/communities/{cid}/claims/{claimId}/reject',
    access: 'staff',
    params: ClaimPath,
    body: RejectClaimRequest,
    response: returns<{ claim: Claim }>(),
  }),
  bulkApproveClaims: route({
    method: 'POST',
    path: '/v1/communities/{cid}/claims/approve',
    access: 'staff',
    params: CommunityPath,
    body: BulkApproveRequest,
    response: returns<BulkApproveResponse>(),
  }),
  listMyClaims: route({
    method: 'GET',
    path: '/v1/communities/{cid}/me/claims',
    access: 'self',
    params: CommunityPath,
    query: ClaimsQuery,
    response: returns<Page<Claim>>(),
  }),

  // Volunteer teams (issue 17): staff create them and name leaders; leaders (and staff) manage the roster
  createTeam: route({
    method: 'POST',
    path: '/v1/communities/{cid}/teams',
    access: 'staff',
    params: CommunityPath,
    body: CreateTeamRequest,
    response: returns<Team>(),
  }),
  /** Every team of the community with its hours this year and the caller's place in it. */
  listTeams: route({
    method: 'GET',
    path: '/v1/communities/{cid}/teams',
    access: 'member',
    params: CommunityPath,
    response: returns<{ items: TeamSummary[] }>(),
  }),
  getTeam: route({
    method: 'GET',
    path: '/v1/communities/{cid}/teams/{tid}',
    access: 'member',
    params: TeamPath,
    response: returns<TeamPage>(),
  }),
  /** Staff: rename, describe, or name the leaders (the whole list). */
  updateTeam: route({
    method: 'PATCH',
    path: '/v1/communities/{cid}/teams/{tid}',
    access: 'staff',
    params: TeamPath,
    body: UpdateTeamRequest,
    response: returns<Team>(),
  }),
  addTeamMember: route({
    method: 'POST',
    path: '/v1/communities/{cid}/teams/{tid}/members',
    access: 'team-leader-or-office',
    params: TeamPath,
    body: AddTeamMemberRequest,
    response: returns<{ member: TeamMember }>(),
  }),
  /** The member leaves; staff remove anyone; a leader removes an ordinary member of their team. */
  removeTeamMember: route({
    method: 'DELETE',
    path: '/v1/communities/{cid}/teams/{tid}/members/{memberId}',
    access: 'own-or-office',
    params: TeamMemberPath,
    response: returns<{ removed: true; team: Team }>(),
  }),
  requestToJoinTeam: route({
    method: 'POST',
    path: '/v1/communities/{cid}/teams/{tid}/join-requests',
    access: 'member',
    params: TeamPath,
    response: returns<{ request: TeamJoinRequest }>(),
  }),
  /** The team's requests waiting for a decision, oldest first. */
  listTeamJoinRequests: route({
    method: 'GET',
    path: '/v1/communities/{cid}/teams/{tid}/join-requests',
    access: 'team-leader-or-office',
    params: TeamPath,
    response: returns<{ items: TeamJoinRequest[] }>(),
  }),
  approveTeamJoinRequest: route({
    method: 'POST',
    path: '/v1/communities/{cid}/teams/{tid}/join-requests/{memberId}/approve',
    access: 'team-leader-or-office',
    params: TeamMemberPath,
    response: returns<{ member: TeamMember }>(),
  }),
  rejectTeamJoinRequest: route({
    method: 'POST',
    path: '/v1/communities/{cid}/teams/{tid}/join-requests/{memberId}/reject',
    access: 'team-leader-or-office',
    params: TeamMemberPath,
    body: RejectJoinRequest,
    response: returns<{ request: TeamJoinRequest }>(),
  }),

  // Points ledger (getMyLedger: query ?cursor=)
  getMyLedger: route({
    method: 'GET',
    path: '/v1/communities/{cid}/me/ledger',
    access: 'self',
    params: CommunityPath,
    query: CursorQuery,
    response: returns<Page<LedgerEntry>>(),
  }),
  reverseTransfer: route({
    method: 'POST',
    path: '/v1/communities/{cid}/transfers/{transferId}/reverse',
    access: 'admin',
    params: TransferPath,
    body: ReverseTransferRequest,
    response: returns<ReverseTransferResponse>(),
  }),

  // Certificates
  getCertificatePass: route({
    method: 'GET',
    path: '/v1/communities/{cid}/me/certificate/pass',
    access: 'self',
    params: CommunityPath,
    response: returns<CertificatePass>(),
  }),
  revokeCertificate: route({
    method: 'POST',
    path: '/v1/communities/{cid}/certificates/{memberId}/revoke',
    access: 'staff',
    params: CertificatePath,
    body: RevokeCertificateRequest,
    response: returns<{ certificate: Certificate }>(),
  }),
  reinstateCertificate: route({
    method: 'POST',
    path: '/v1/communities/{cid}/certificates/{memberId}/reinstate',
    access: 'staff',
    params: CertificatePath,
    response: returns<{ certificate: Certificate }>(),
  }),

  // Merchant alliance (listMerchantApplications: ?status=&cursor=; listMerchantUses, listFlags: ?cursor=)
  submitMerchantApplication: route({
    method: 'POST',
    path: '/v1/communities/{cid}/merchant-applications',
    access: 'member',
    params: CommunityPath,
    body: MerchantApplicationRequest,
    response: returns<{ id: string; status: 'pending' }>(),
  }),
  listMerchantApplications: route({
    method: 'GET',
    path: '/v1/communities/{cid}/merchant-applications',
    access: 'staff',
    params: CommunityPath,
    query: ApplicationsQuery,
    response: returns<Page<MerchantDetail>>(),
  }),
  approveMerchantApplication: route({
    method: 'POST',
    path: '/v1/communities/{cid}/merchant-applications/{id}/approve',
    access: 'staff',
    params: ApplicationPath,
    response: returns<{ merchant: MerchantDetail }>(),
  }),
  rejectMerchantApplication: route({
    method: 'POST',
    path: '/v1/communities/{cid}/merchant-applications/{id}/reject',
    access: 'staff',
    params: ApplicationPath,
    body: ReasonRequest,
    response: returns<{ merchant: MerchantDetail }>(),
  }),
  listMerchants: route({
    method: 'GET',
    path: '/v1/communities/{cid}/merchants',
    access: 'public',
    params: CommunityPath,
    response: returns<{ items: PublicMerchant[] }>(),
  }),
  getMerchant: route({
    method: 'GET',
    path: '/v1/communities/{cid}/merchants/{mid}',
    access: 'public',
    params: MerchantPath,
    response: returns<PublicMerchant>(),
  }),
  getMerchantDetail: route({
    method: 'GET',
    path: '/v1/communities/{cid}/merchants/{mid}/detail',
    access: 'merchant-or-office',
    params: MerchantPath,
    response: returns<MerchantDetail>(),
  }),
  listMyMerchants: route({
    method: 'GET',
    path: '/v1/communities/{cid}/me/merchants',
    access: 'self',
    params: CommunityPath,
    response: returns<{ items: MerchantDetail[] }>(),
  }),
  updateMerchantOffer: route({
    method: 'PUT',
    path: '/v1/communities/{cid}/merchants/{mid}/offer',
    access: 'merchant-staff',
    params: MerchantPath,
    body: UpdateOfferRequest,
    response: returns<MerchantDetail>(),
  }),
  addMerchantStaff: route({
    method: 'POST',
    path: '/v1/communities/{cid}/merchants/{mid}/staff',
    access: 'merchant-staff',
    params: MerchantPath,
    body: AddMerchantStaffRequest,
    response: returns<MerchantDetail>(),
  }),
  setMerchantStatus: route({
    method: 'POST',
    path: '/v1/communities/{cid}/merchants/{mid}/status',
    access: 'staff',
    params: MerchantPath,
    body: MerchantStatusRequest,
    response: returns<MerchantDetail>(),
  }),
  verifyPass: route({
    method: 'POST',
    path: '/v1/communities/{cid}/merchants/{mid}/verify-pass',
    access: 'merchant-staff',
    params: MerchantPath,
    body: VerifyPassRequest,
    response: returns<VerifyPassResponse>(),
  }),
  listMerchantUses: route({
    method: 'GET',
    path: '/v1/communities/{cid}/merchants/{mid}/uses',
    access: 'merchant-or-office',
    params: MerchantPath,
    query: CursorQuery,
    response: returns<Page<DiscountUse>>(),
  }),
  listFlags: route({
    method: 'GET',
    path: '/v1/communities/{cid}/flags',
    access: 'staff',
    params: CommunityPath,
    query: CursorQuery,
    response: returns<Page<ProxyFlag>>(),
  }),
  resolveFlag: route({
    method: 'POST',
    path: '/v1/communities/{cid}/flags/{flagId}/resolve',
    access: 'staff',
    params: FlagPath,
    body: ResolveFlagRequest,
    response: returns<{ flag: ProxyFlag }>(),
  }),

  // Complaints (listComplaints: ?status=open|resolved&cursor=)
  fileComplaint: route({
    method: 'POST',
    path: '/v1/communities/{cid}/merchants/{mid}/complaints',
    access: 'member',
    params: MerchantPath,
    body: ComplaintRequest,
    response: returns<Complaint>(),
  }),
  listComplaints: route({
    method: 'GET',
    path: '/v1/communities/{cid}/complaints',
    access: 'staff',
    params: CommunityPath,
    query: ComplaintsQuery,
    response: returns<Page<Complaint>>(),
  }),
  resolveComplaint: route({
    method: 'POST',
    path: '/v1/communities/{cid}/complaints/{complaintId}/resolve',
    access: 'staff',
    params: ComplaintPath,
    body: ResolveComplaintRequest,
    response: returns<{ complaint: Complaint }>(),
  }),

  // Merchant posts
  createPost: route({
    method: 'POST',
    path: '/v1/communities/{cid}/merchants/{mid}/posts',
    access: 'merchant-staff',
    params: MerchantPath,
    body: PostRequest,
    response: returns<MerchantPost>(),
  }),
  listPosts: route({
    method: 'GET',
    path: '/v1/communities/{cid}/posts',
    access: 'member',
    params: CommunityPath,
    query: CursorQuery,
    response: returns<Page<MerchantPost>>(),
  }),
  /** Staff: posts held by the content check, oldest first (release or take down). */
  listHeldPosts: route({
    method: 'GET',
    path: '/v1/communities/{cid}/content-reviews/posts',
    access: 'staff',
    params: CommunityPath,
    query: CursorQuery,
    response: returns<Page<MerchantPost>>(),
  }),
  /** Staff release a held post onto the board (taking it down is `takeDownPost`). */
  releasePost: route({
    method: 'POST',
    path: '/v1/communities/{cid}/posts/{postId}/release',
    access: 'staff',
    params: PostPath,
    response: returns<MerchantPost>(),
  }),
  takeDownPost: route({
    method: 'POST',
    path: '/v1/communities/{cid}/posts/{postId}/take-down',
    access: 'staff',
    params: PostPath,
    body: ReasonRequest,
    response: returns<MerchantPost>(),
  }),

  // Photos (issue 19): presigned uploads to object storage, WeChat's image check, the office's review
  /** Ask to upload a photo: a presigned `PUT` URL for exactly this type and size (15 minutes). */
  requestImageUpload: route({
    method: 'POST',
    path: '/v1/communities/{cid}/images',
    access: 'member',
    params: CommunityPath,
    body: ImageUploadRequest,
    response: returns<ImageUpload>(),
  }),
  /**
   * The upload is done: its bytes are checked (type by content, size), a thumbnail made, WeChat's
   * image check asked; the photo's status comes back (`checking`, or `under_review` if WeChat is away).
   */
  completeImageUpload: route({
    method: 'POST',
    path: '/v1/communities/{cid}/images/{imageId}/complete',
    access: 'member',
    params: ImagePath,
    response: returns<ImageView>(),
  }),
  /** Staff: photos held for a person's review (WeChat asked, or could not be reached), oldest first. */
  listImageReviews: route({
    method: 'GET',
    path: '/v1/communities/{cid}/content-reviews/images',
    access: 'staff',
    params: CommunityPath,
    query: CursorQuery,
    response: returns<Page<ImageReview>>(),
  }),
  releaseImage: route({
    method: 'POST',
    path: '/v1/communities/{cid}/images/{imageId}/release',
    access: 'staff',
    params: ImagePath,
    response: returns<ImageView>(),
  }),
  /** Staff take a photo down (any state but already gone): its files are deleted, wherever it was shown. */
  removeImage: route({
    method: 'POST',
    path: '/v1/communities/{cid}/images/{imageId}/remove',
    access: 'staff',
    params: ImagePath,
    body: RemoveImageRequest,
    response: returns<{ id: string; status: 'removed' }>(),
  }),
  /** Staff: team leaders' activities WeChat's text check held for a person's review, soonest first. */
  listActivityReviews: route({
    method: 'GET',
    path: '/v1/communities/{cid}/content-reviews/activities',
    access: 'staff',
    params: CommunityPath,
    query: CursorQuery,
    response: returns<Page<Activity>>(),
  }),
  /** Staff (not its creator) let a held activity show; to refuse it, they cancel it. */
  releaseActivity: route({
    method: 'POST',
    path: '/v1/communities/{cid}/activities/{aid}/release',
    access: 'staff',
    params: ActivityPath,
    response: returns<Activity>(),
  }),
  /** Staff attach the evidence photos of an activity that has ended (replacing the earlier set). */
  putActivityEvidence: route({
    method: 'PUT',
    path: '/v1/communities/{cid}/activities/{aid}/evidence',
    access: 'staff',
    params: ActivityPath,
    body: EvidenceRequest,
    response: returns<Activity>(),
  }),
  /** The merchant's staff set (or clear) the storefront photo. */
  putMerchantStorefront: route({
    method: 'PUT',
    path: '/v1/communities/{cid}/merchants/{mid}/storefront',
    access: 'merchant-staff',
    params: MerchantPath,
    body: StorefrontRequest,
    response: returns<Merchant>(),
  }),
  /** WeChat's message-push server check (GET with `echostr`): the echo, once the signature holds. */
  verifyWechatPush: route({
    method: 'GET',
    path: '/v1/wechat/messages',
    access: 'signed',
    query: WechatPushQuery,
    response: returns<string>(),
  }),
  /** WeChat's message push (JSON): `wxa_media_check` verdicts of the image check; signed, answered `success`. */
  wechatPush: route({
    method: 'POST',
    path: '/v1/wechat/messages',
    access: 'signed',
    query: WechatPushQuery,
    response: returns<string>(),
  }),

  // Contribution points (getLeaderboard: ?month=YYYY-MM&kind=)
  recordContribution: route({
    method: 'POST',
    path: '/v1/communities/{cid}/contributions',
    access: 'staff',
    params: CommunityPath,
    body: ContributionRequest,
    response: returns<Contribution>(),
  }),
  getLeaderboard: route({
    method: 'GET',
    path: '/v1/communities/{cid}/leaderboard',
    access: 'member',
    params: CommunityPath,
    query: LeaderboardQuery,
    response: returns<Leaderboard>(),
  }),

  // Credit supermarket (listRedemptions: ?status=&cursor=)
  createGood: route({
    method: 'POST',
    path: '/v1/communities/{cid}/goods',
    access: 'staff',
    params: CommunityPath,
    body: GoodRequest,
    response: returns<Good>(),
  }),
  listGoods: route({
    method: 'GET',
    path: '/v1/communities/{cid}/goods',
    access: 'member',
    params: CommunityPath,
    response: returns<{ items: Good[] }>(),
  }),
  restockGood: route({
    method: 'POST',
    path: '/v1/communities/{cid}/goods/{goodId}/restock',
    access: 'staff',
    params: GoodPath,
    body: RestockRequest,
    response: returns<Good>(),
  }),
  redeem: route({
    method: 'POST',
    path: '/v1/communities/{cid}/redemptions',
    access: 'member',
    params: CommunityPath,
    body: RedemptionRequest,
    response: returns<Redemption>(),
  }),
  listMyRedemptions: route({
    method: 'GET',
    path: '/v1/communities/{cid}/me/redemptions',
    access: 'self',
    params: CommunityPath,
    query: CursorQuery,
    response: returns<Page<Redemption>>(),
  }),
  listRedemptions: route({
    method: 'GET',
    path: '/v1/communities/{cid}/redemptions',
    access: 'staff',
    params: CommunityPath,
    query: RedemptionsQuery,
    response: returns<Page<Redemption>>(),
  }),
  cancelRedemption: route({
    method: 'POST',
    path: '/v1/communities/{cid}/redemptions/{redemptionId}/cancel',
    access: 'own',
    params: RedemptionPath,
    response: returns<Redemption>(),
  }),
  pickupRedemption: route({
    method: 'POST',
    path: '/v1/communities/{cid}/redemptions/{redemptionId}/pickup',
    access: 'staff',
    params: RedemptionPath,
    body: PickupRequest,
    response: returns<Redemption>(),
  }),

  // Charity fund (getFund: public, ?cursor=; listFundExpenses: ?status=)
  getFund: route({
    method: 'GET',
    path: '/v1/communities/{cid}/fund',
    access: 'public',
    params: CommunityPath,
    query: CursorQuery,
    response: returns<FundPage>(),
  }),
  exportFundCsv: route({
    method: 'GET',
    path: '/v1/communities/{cid}/fund/entries.csv',
    access: 'public',
    params: CommunityPath,
    response: returns<string>(),
  }),
  /**
   * Public (issue 20): the fund's disclosure of a China-time quarter (`2026-Q4`) or year (`2026`) —
   * income by source, expenses by purpose with their receipts, the balances, the chain's head at the
   * period's end; `?format=xlsx` the same as a workbook. A period not yet begun is 400 `fund.period_in_future`.
   */
  getFundDisclosure: route({
    method: 'GET',
    path: '/v1/communities/{cid}/fund/disclosures/{period}',
    access: 'public',
    params: FundDisclosurePath,
    query: FundDisclosureQuery,
    response: returns<FundDisclosure>(),
  }),
  recordFundIncome: route({
    method: 'POST',
    path: '/v1/communities/{cid}/fund/incomes',
    access: 'staff',
    params: CommunityPath,
    body: FundIncomeRequest,
    response: returns<FundEntry>(),
  }),
  submitFundExpense: route({
    method: 'POST',
    path: '/v1/communities/{cid}/fund/expenses',
    access: 'staff',
    params: CommunityPath,
    body: FundExpenseRequest,
    response: returns<FundExpense>(),
  }),
  listFundExpenses: route({
    method: 'GET',
    path: '/v1/communities/{cid}/fund/expenses',
    access: 'staff',
    params: CommunityPath,
    query: FundExpensesQuery,
    response: returns<Page<FundExpense>>(),
  }),
  approveFundExpense: route({
    method: 'POST',
    path: '/v1/communities/{cid}/fund/expenses/{id}/approve',
    access: 'staff',
    params: ExpensePath,
    response: returns<FundExpense>(),
  }),
  rejectFundExpense: route({
    method: 'POST',
    path: '/v1/communities/{cid}/fund/expenses/{id}/reject',
    access: 'staff',
    params: ExpensePath,
    body: ReasonRequest,
    response: returns<FundExpense>(),
  }),
  /**
   * Staff: donors' messages WeChat's text check held (or could not check), of paid donations, oldest
   * first; `?status=released` lists those shown now (one can still be removed).
   */
  listDonationMessageReviews: route({
    method: 'GET',
    path: '/v1/communities/{cid}/content-reviews/donation-messages',
    access: 'staff',
    params: CommunityPath,
    query: DonationMessagesQuery,
    response: returns<Page<DonationMessage>>(),
  }),
  /** Staff (not the donor) let a held message show beside its entry on the public fund page. */
  releaseDonationMessage: route({
    method: 'POST',
    path: '/v1/communities/{cid}/fund/messages/{messageId}/release',
    access: 'staff',
    params: DonationMessagePath,
    response: returns<DonationMessage>(),
  }),
  /** Staff take a message off (held, or released before): the donation and its entry stay. */
  removeDonationMessage: route({
    method: 'POST',
    path: '/v1/communities/{cid}/fund/messages/{messageId}/remove',
    access: 'staff',
    params: DonationMessagePath,
    body: ReasonRequest,
    response: returns<DonationMessage>(),
  }),

  /**
   * Admin: the charity the fund runs under (name, 统一社会信用代码, public-fundraising qualification).
   * Without one valid today, online donations and new pledges are 409 `fund.no_legal_holder`.
   */
  setFundHolder: route({
    method: 'PUT',
    path: '/v1/communities/{cid}/fund/holder',
    access: 'admin',
    params: CommunityPath,
    body: FundHolder,
    response: returns<FundHolder>(),
  }),
  /** The donor asks for a donation receipt (捐赠票据) for their own paid donation: one open request each. */
  requestDonationReceipt: route({
    method: 'POST',
    path: '/v1/communities/{cid}/fund/receipt-requests',
    access: 'own',
    params: CommunityPath,
    body: ReceiptRequestBody,
    response: returns<ReceiptRequest>(),
  }),
  /** Staff: the receipt requests by status (`requested`, the default: the queue, oldest first). */
  listReceiptRequests: route({
    method: 'GET',
    path: '/v1/communities/{cid}/fund/receipt-requests',
    access: 'staff',
    params: CommunityPath,
    query: ReceiptRequestsQuery,
    response: returns<Page<ReceiptRequest>>(),
  }),
  /** The donor's own receipt requests, newest first, with their status. */
  listMyReceiptRequests: route({
    method: 'GET',
    path: '/v1/communities/{cid}/me/receipt-requests',
    access: 'self',
    params: CommunityPath,
    response: returns<{ items: ReceiptRequest[] }>(),
  }),
  /** Staff mark a request issued with the receipt's number; the donor is told. */
  issueDonationReceipt: route({
    method: 'POST',
    path: '/v1/communities/{cid}/fund/receipt-requests/{requestId}/issue',
    access: 'staff',
    params: ReceiptRequestPath,
    body: IssueReceiptRequest,
    response: returns<ReceiptRequest>(),
  }),
  rejectReceiptRequest: route({
    method: 'POST',
    path: '/v1/communities/{cid}/fund/receipt-requests/{requestId}/reject',
    access: 'staff',
    params: ReceiptRequestPath,
    body: ReasonRequest,
    response: returns<ReceiptRequest>(),
  }),

  // Artisan shop (listProducts: public, approved only; listProductsForReview: ?status=)
  createProduct: route({
    method: 'POST',
    path: '/v1/communities/{cid}/products',
    access: 'maker',
    params: CommunityPath,
    body: ProductRequest,
    response: returns<Product>(),
  }),
  listProducts: route({
    method: 'GET',
    path: '/v1/communities/{cid}/products',
    access: 'public',
    params: CommunityPath,
    response: returns<{ items: PublicProduct[] }>(),
  }),
  getProduct: route({
    method: 'GET',
    path: '/v1/communities/{cid}/products/{pid}',
    access: 'public',
    params: ProductPath,
    response: returns<PublicProduct>(),
  }),
  listProductsForReview: route({
    method: 'GET',
    path: '/v1/communities/{cid}/product-reviews',
    access: 'staff',
    params: CommunityPath,
    query: ProductReviewsQuery,
    response: returns<Page<Product>>(),
  }),
  approveProduct: route({
    method: 'POST',
    path: '/v1/communities/{cid}/products/{pid}/approve',
    access: 'staff',
    params: ProductPath,
    response: returns<Product>(),
  }),
  rejectProduct: route({
    method: 'POST',
    path: '/v1/communities/{cid}/products/{pid}/reject',
    access: 'staff',
    params: ProductPath,
    body: ReasonRequest,
    response: returns<Product>(),
  }),
  listMyProducts: route({
    method: 'GET',
    path: '/v1/communities/{cid}/me/products',
    access: 'maker',
    params: CommunityPath,
    response: returns<{ items: Product[]; earnings: MakerEarnings }>(),
  }),
  createOrder: route({
    method: 'POST',
    path: '/v1/communities/{cid}/orders',
    access: 'member',
    params: CommunityPath,
    body: OrderRequest,
    response: returns<Order & { payment: PaymentInstruction }>(),
  }),
  getOrder: route({
    method: 'GET',
    path: '/v1/communities/{cid}/orders/{oid}',
    access: 'own',
    params: OrderPath,
    response: returns<Order>(),
  }),
  listMyOrders: route({
    method: 'GET',
    path: '/v1/communities/{cid}/me/orders',
    access: 'self',
    params: CommunityPath,
    query: CursorQuery,
    response: returns<Page<Order>>(),
  }),
  devPayOrder: route({
    method: 'POST',
    path: '/v1/communities/{cid}/orders/{oid}/dev-pay',
    access: 'own',
    params: OrderPath,
    response: returns<{ status: 'paid'; order: Order }>(),
  }),
  payOrder: route({
    method: 'POST',
    path: '/v1/communities/{cid}/orders/{oid}/pay',
    access: 'own',
    params: OrderPath,
    response: returns<{ payment: PaymentInstruction }>(),
  }),
  cancelOrder: route({
    method: 'POST',
    path: '/v1/communities/{cid}/orders/{oid}/cancel',
    access: 'own',
    params: OrderPath,
    response: returns<Order>(),
  }),
  listOrders: route({
    method: 'GET',
    path: '/v1/communities/{cid}/orders',
    access: 'staff',
    params: CommunityPath,
    query: OrdersQuery,
    response: returns<Page<Order>>(),
  }),
  fulfilOrder: route({
    method: 'POST',
    path: '/v1/communities/{cid}/orders/{oid}/fulfil',
    access: 'staff',
    params: OrderPath,
    body: FulfilOrderRequest,
    response: returns<Order>(),
  }),
  /** Staff: upload the order's shipping information to WeChat again now (after it failed). */
  retryShippingUpload: route({
    method: 'POST',
    path: '/v1/communities/{cid}/orders/{oid}/shipping-upload',
    access: 'staff',
    params: OrderPath,
    response: returns<Order>(),
  }),
  refundOrder: route({
    method: 'POST',
    path: '/v1/communities/{cid}/orders/{oid}/refund',
    access: 'staff',
    params: OrderPath,
    body: RefundOrderRequest,
    response: returns<Order>(),
  }),
  recordPayout: route({
    method: 'POST',
    path: '/v1/communities/{cid}/makers/{memberId}/payouts',
    access: 'staff',
    params: MakerPath,
    body: PayoutRequest,
    response: returns<Payout>(),
  }),
  listMakers: route({
    method: 'GET',
    path: '/v1/communities/{cid}/makers',
    access: 'staff',
    params: CommunityPath,
    response: returns<{ items: (MakerEarnings & { makerName: string })[] }>(),
  }),
  donate: route({
    method: 'POST',
    path: '/v1/communities/{cid}/fund/donations',
    access: 'member',
    params: CommunityPath,
    body: DonationRequest,
    response: returns<Order & { payment: PaymentInstruction }>(),
  }),
  createPledge: route({
    method: 'POST',
    path: '/v1/communities/{cid}/fund/pledges',
    access: 'member',
    params: CommunityPath,
    body: PledgeRequest,
    response: returns<Pledge>(),
  }),
  listMyPledges: route({
    method: 'GET',
    path: '/v1/communities/{cid}/me/pledges',
    access: 'self',
    params: CommunityPath,
    response: returns<{ items: Pledge[] }>(),
  }),
  changePledge: route({
    method: 'POST',
    path: '/v1/communities/{cid}/fund/pledges/{pledgeId}',
    access: 'own',
    params: PledgePath,
    body: PledgeActionRequest,
    response: returns<Pledge>(),
  }),
  listMyNotifications: route({
    method: 'GET',
    path: '/v1/me/notifications',
    access: 'user',
    response: returns<{ items: Notification[] }>(),
  }),
  // ------------------------------------------------------------ office console (issue 6)
  /** Staff: monthly figures (query `from`, `to` months). */
  getStats: route({
    method: 'GET',
    path: '/v1/communities/{cid}/stats',
    access: 'staff',
    params: CommunityPath,
    query: StatsQuery,
    response: returns<StatsResponse>(),
  }),
  /** Staff: CSV or XLSX of one dataset for a date range (query `from`, `to`, `format`). */
  exportData: route({
    method: 'GET',
    path: '/v1/communities/{cid}/exports/{dataset}',
    access: 'staff',
    params: ExportPath,
    query: ExportQuery,
    response: returns<string>(),
  }),
  /** Admin: the audit log, newest first, with filters in the query. */
  listAudit: route({
    method: 'GET',
    path: '/v1/communities/{cid}/audit',
    access: 'admin',
    params: CommunityPath,
    query: AuditQuery,
    response: returns<Page<AuditEntry>>(),
  }),
  /** The caller accepted these WeChat subscribe messages (one credit each). */
  subscribe: route({
    method: 'POST',
    path: '/v1/me/subscriptions',
    access: 'user',
    body: SubscribeRequest,
    response: returns<SubscribeResponse>(),
  }),
  getSubscriptions: route({
    method: 'GET',
    path: '/v1/me/subscriptions',
    access: 'user',
    response: returns<SubscribeResponse>(),
  }),
  /**
   * The caller accepts a version of something they consent to (the privacy guide): 201 with the
   * record; the same version again changes nothing (201, the first time kept); a version that is not
   * the current one is 400 `consent.version_unknown`.
   */
  acceptConsent: route({
    method: 'POST',
    path: '/v1/me/consents',
    access: 'user',
    body: AcceptConsentRequest,
    response: returns<Consent>(),
  }),
  /** The caller's consents, every version accepted (newest first), and the current versions. */
  listMyConsents: route({
    method: 'GET',
    path: '/v1/me/consents',
    access: 'user',
    response: returns<ConsentList>(),
  }),
  /** The caller withdraws their consent of `kind` (every version still standing): 200; none → 404 `consent.not_found`. */
  withdrawConsent: route({
    method: 'POST',
    path: '/v1/me/consents/{kind}/withdraw',
    access: 'user',
    params: ConsentPath,
    response: returns<{ items: Consent[] }>(),
  }),
  /**
   * "My data" (PIPL Art. 44–45): everything Linli holds about the caller, every community, as one JSON
   * file (`Content-Disposition: attachment; filename="linli-data-YYYY-MM-DD.json"`). Shape
   * ({@link DataExport}): `{exportedAt, userId, profile, consents[], notifications[], subscriptions[],
   * districts[], communities:[{communityId, name, membership, accounts[], certificates[],
   * volunteerProfile[], claims[], earnedMonths[], signups[], teams[], ledger[], redemptions[], orders[],
   * donations[], pledges[], receiptRequests[], recordRequests[], serviceCertificates[], proxiesActingForMe[],
   * proxiesIActFor[], merchantRoles[], discountUses[], complaints[], contributions[], products[],
   * makerAccounts[], photos[]}]}` — each section an array of the stored records without table keys;
   * the ID number in full, no openid or session key. Every page of every list is read; more than the
   * export's bounds (items, time, 5 MB) is 413 `export.too_large`; 10 an hour per user (429 `rate.limited`).
   */
  getMyDataExport: route({
    method: 'GET',
    path: '/v1/me/data-export',
    access: 'user',
    response: returns<DataExport>(),
  }),
  /**
   * Closing an account (PIPL Art. 47), after the app's confirmation step: 409 `account.open_obligations`
   * while an order is unpaid or unfulfilled or a pledge is active (each named in `details.obligations`).
   * Then remaining points go to each community's pool by a transfer, the name and contact details leave
   * every member record, the volunteer profile (real name, ID number, phone) is deleted, the donor's
   * name leaves the public fund; service records, fund entries and postings stay, under the user id
   * only. The caller's tokens stop working (401 `auth.account_closed`); the same WeChat account logs in
   * to a new, empty account.
   */
  closeAccount: route({
    method: 'POST',
    path: '/v1/me/close-account',
    access: 'user',
    body: CloseAccountRequest,
    response: returns<CloseAccountResponse>(),
  }),
  /**
   * A member corrects the name the community shows for them (rosters, passes, the 光荣榜): WeChat's
   * content check first (422 `content.rejected` / `content.under_review`); 200 `{member}`.
   */
  updateMyDisplayName: route({
    method: 'PUT',
    path: '/v1/communities/{cid}/me/display-name',
    access: 'self',
    params: CommunityPath,
    body: DisplayNameRequest,
    response: returns<{ member: MemberView }>(),
  }),
  /** A member gives points to another member or to the community pool. */
  giftPoints: route({
    method: 'POST',
    path: '/v1/communities/{cid}/ledger/gifts',
    access: 'member',
    params: CommunityPath,
    body: GiftPointsRequest,
    response: returns<GiftPointsResponse>(),
  }),
  /** Members: the month's volunteers by hours and those the office recognised (query `month`). */
  getRecognition: route({
    method: 'GET',
    path: '/v1/communities/{cid}/recognition',
    access: 'member',
    params: CommunityPath,
    query: RecognitionQuery,
    response: returns<RecognitionPage>(),
  }),
  recognize: route({
    method: 'POST',
    path: '/v1/communities/{cid}/recognition',
    access: 'staff',
    params: CommunityPath,
    body: RecognizeRequest,
    response: returns<{ items: Recognition[] }>(),
  }),
  /** Staff: register a resident who has no phone. */
  createOfflineMember: route({
    method: 'POST',
    path: '/v1/communities/{cid}/members/offline',
    access: 'staff',
    params: CommunityPath,
    body: OfflineMemberRequest,
    response: returns<{ member: MemberView }>(),
  }),
  /** The resident (for themself) or staff (for anyone) lets a family member act for a resident. */
  createProxy: route({
    method: 'POST',
    path: '/v1/communities/{cid}/proxies',
    access: 'proxy-setup',
    params: CommunityPath,
    body: ProxyRequest,
    response: returns<ProxyRelation>(),
  }),
  /** A guardian adds a child under 14, who then appears under the guardian's account (PIPL Art. 31). */
  addChild: route({
    method: 'POST',
    path: '/v1/communities/{cid}/me/children',
    access: 'self',
    params: CommunityPath,
    body: AddChildRequest,
    response: returns<{ child: MemberView }>(),
  }),
  /** The children the caller added here, as guardian. */
  listMyChildren: route({
    method: 'GET',
    path: '/v1/communities/{cid}/me/children',
    access: 'self',
    params: CommunityPath,
    response: returns<ChildList>(),
  }),
  listMyProxies: route({
    method: 'GET',
    path: '/v1/communities/{cid}/proxies',
    access: 'self',
    params: CommunityPath,
    response: returns<ProxyList>(),
  }),
  listAllProxies: route({
    method: 'GET',
    path: '/v1/communities/{cid}/office/proxies',
    access: 'staff',
    params: CommunityPath,
    response: returns<{ items: ProxyRelation[] }>(),
  }),
  removeProxy: route({
    method: 'DELETE',
    path: '/v1/communities/{cid}/proxies/{residentId}/{proxyId}',
    access: 'own-or-office',
    params: ProxyPath,
    response: returns<{ removed: true }>(),
  }),
  /** Admin: rebuild every balance and counter of the community from its records and report drift. */
  runReconciliation: route({
    method: 'POST',
    path: '/v1/communities/{cid}/reconciliation',
    access: 'admin',
    params: CommunityPath,
    response: returns<ReconciliationReport>(),
  }),
  wechatPayNotify: route({
    method: 'POST',
    path: '/v1/payments/wechat/notify',
    access: 'signed',
    response: returns<{ code: 'SUCCESS'; message: string }>(),
  }),
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

/**
 * `{status: 'pending', cursor: undefined}` → `?status=pending` (names and values URL-encoded, absent
 * values left out); nothing to send → ''. The query half of a route's URL, as {@link fillPath} is the path's.
 */
export function queryString(query: QueryValues | undefined): string {
  const pairs = Object.entries(query ?? {})
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
  return pairs.length > 0 ? `?${pairs.join('&')}` : '';
}
