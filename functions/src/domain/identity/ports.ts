import type { Community, CertificateStatus, Page, Role } from '@linli/shared';

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
}

export interface CommunityStore {
  getCommunity(communityId: string): Promise<Community | null>;
  listCommunities(): Promise<Community[]>;
  putCommunity(community: Community): Promise<void>;
  updateCommunity(community: Community): Promise<void>;
  getMember(communityId: string, userId: string): Promise<MemberRecord | null>;
  getMemberOverview(communityId: string, userId: string): Promise<MemberOverview | null>;
  /** Adds the member unless present; returns the stored member either way. */
  addMember(member: MemberRecord): Promise<{ member: MemberRecord; created: boolean }>;
  /** Replaces the roles only if they are still `expectedRoles` (no lost updates). */
  setRoles(communityId: string, userId: string, roles: Role[], expectedRoles: Role[]): Promise<void>;
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
