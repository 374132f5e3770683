import type { Community, CertificateStatus, Notification, Page, ProxyRelation, Role } from '@linli/shared';
import type { Effects } from '../effects';

export interface UserRecord {
  id: string;
  openid: string;
  nickname: string;
  createdAt: string;
}

export interface MemberRecord {
  communityId: string;
  userId: string;
  roles: Role[];
  displayName: string;
  joinedAt: string;
  /** Registered by the office for a resident without a phone. */
  offline?: boolean;
  phone?: string;
}

export interface MemberOverview {
  member: MemberRecord;
  balancePoints: number;
  certificate: null | { status: CertificateStatus; issuedAt: string };
}

/** Persistence the identity use cases need; DynamoDB in production, a Map in unit tests. */
export interface UserStore {
  findUserByOpenid(openid: string): Promise<UserRecord | null>;
  getUser(userId: string): Promise<UserRecord | null>;
  /** Creates the user and claims the openid in one transaction; `exists` if the openid is taken. */
  createUser(user: UserRecord): Promise<'created' | 'exists'>;
  saveWechatSession(userId: string, sessionKey: string, unionid: string | undefined): Promise<void>;
  /** Records a wx.login code as used; false when it was used before (a replay). */
  claimLoginCode(codeHash: string): Promise<boolean>;
  /** The user's in-app inbox across communities, newest first (at most 50). */
  listNotifications(userId: string): Promise<Notification[]>;
}

export interface CommunityStore {
  getCommunity(communityId: string): Promise<Community | null>;
  listCommunities(): Promise<Community[]>;
  putCommunity(community: Community): Promise<void>;
  updateCommunity(community: Community, effects?: Effects): Promise<void>;
  getMember(communityId: string, userId: string): Promise<MemberRecord | null>;
  getMemberOverview(communityId: string, userId: string): Promise<MemberOverview | null>;
  /** Adds the member unless present; returns the stored member either way. */
  addMember(member: MemberRecord, effects?: Effects): Promise<{ member: MemberRecord; created: boolean }>;
  /** Replaces the roles only if they are still `expectedRoles` (no lost updates). */
  setRoles(communityId: string, userId: string, roles: Role[], expectedRoles: Role[], effects?: Effects): Promise<void>;
  listMembershipsOfUser(userId: string): Promise<MemberRecord[]>;
  listMembers(communityId: string, cursor: string | undefined): Promise<Page<MemberRecord>>;
}

/** WeChat's code2Session as Linli sees it. */
export interface WechatSessionClient {
  code2Session(code: string): Promise<{ openid: string; sessionKey: string; unionid?: string }>;
}

export interface TokenIssuer {
  issue(userId: string): Promise<{ token: string; expiresAt: string }>;
}

/** Proxy relations for residents without a phone. */
export interface ProxyStore {
  getProxy(communityId: string, residentId: string, proxyId: string): Promise<ProxyRelation | null>;
  createProxy(relation: ProxyRelation, effects?: Effects): Promise<'created' | 'exists'>;
  removeProxy(communityId: string, residentId: string, proxyId: string, effects?: Effects): Promise<boolean>;
  listProxiesOf(communityId: string, residentId?: string): Promise<ProxyRelation[]>;
  listActingFor(communityId: string, proxyId: string): Promise<ProxyRelation[]>;
}
