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
