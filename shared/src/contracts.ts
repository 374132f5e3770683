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
> {
  method: HttpMethod;
  path: string;
  params?: z.ZodMiniType<Params>;
  body?: z.ZodMiniType<Body>;
  readonly response?: Response;
}

export type ParamsOf<C> = C extends RouteContract<infer P, unknown, unknown> ? P : never;
export type BodyOf<C> = C extends RouteContract<Record<string, string>, infer B, unknown> ? B : never;
export type ResponseOf<C> = C extends RouteContract<Record<string, string>, unknown, infer R> ? R : never;

type NoParams = Record<string, never>;
type CommunityParams = z.infer<typeof CommunityPath>;
type MemberParams = z.infer<typeof MemberPath>;
type ActivityParams = z.infer<typeof ActivityPath>;
type ClaimParams = z.infer<typeof ClaimPath>;
type TransferParams = z.infer<typeof TransferPath>;
type CertificateParams = z.infer<typeof CertificatePath>;
type Reason = { reason: string };

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
  listMembers: {
    method: 'GET',
    path: '/v1/communities/{cid}/members',
    params: CommunityPath,
  } as RouteContract<CommunityParams, undefined, Page<MemberView>>,

  // Time bank: activities (query ?cursor=)
  createActivity: {
    method: 'POST',
    path: '/v1/communities/{cid}/activities',
    params: CommunityPath,
    body: CreateActivityRequest,
  } as RouteContract<CommunityParams, CreateActivityRequest, Activity>,
  listActivities: {
    method: 'GET',
    path: '/v1/communities/{cid}/activities',
    params: CommunityPath,
  } as RouteContract<CommunityParams, undefined, Page<Activity>>,
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
  listClaims: {
    method: 'GET',
    path: '/v1/communities/{cid}/claims',
    params: CommunityPath,
  } as RouteContract<CommunityParams, undefined, Page<Claim>>,
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
  listMyClaims: {
    method: 'GET',
    path: '/v1/communities/{cid}/me/claims',
    params: CommunityPath,
  } as RouteContract<CommunityParams, undefined, Page<Claim>>,

  // Points ledger (getMyLedger: query ?cursor=)
  getMyLedger: {
    method: 'GET',
    path: '/v1/communities/{cid}/me/ledger',
    params: CommunityPath,
  } as RouteContract<CommunityParams, undefined, Page<LedgerEntry>>,
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
