import type {
  Community,
  Consent,
  CertificateStatus,
  District,
  Invitation,
  Notification,
  Page,
  ProxyRelation,
  Role,
} from '@linli/shared';
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
  /**
   * The short number the community gave the member (编号, pattern 82: `shared/src/member-number.ts`);
   * absent on a member added before numbers, until the backfill (`backfillMemberNumbers`) reaches them.
   */
  memberNo?: number;
  /** Registered by the office for a resident without a phone. */
  offline?: boolean;
  phone?: string;
  /** A child added by a guardian (`addChild`): the birth date the guardian gave, `YYYY-MM-DD`. */
  birthDate?: string;
  /** The guardian who added this child; money the child earns is paid to them. */
  guardianId?: string;
  guardianName?: string;
  /** When the guardian stated they are the guardian and consented (PIPL Art. 31). */
  guardianConsentAt?: string;
  /** Confirmed sign-ups never attended (counted when each activity ended); staff see it on rosters. */
  noShows?: number;
  /**
   * When the account closed (`closeAccount`): the record stays, its name erased and its number retired;
   * nobody is behind it any more (a gift to it would be lost).
   */
  closedAt?: string;
}

export interface MemberOverview {
  member: MemberRecord;
  balancePoints: number;
  certificate: null | { status: CertificateStatus; issuedAt: string };
}

/** What a change of a community's settings names: its own fields, and which rules. */
export interface CommunityChange {
  fields: readonly ('name' | 'currencyName' | 'currencyNameEn' | 'office' | 'fundHolder')[];
  rules: readonly string[];
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
  /** Eventually consistent unless `consistent` (a read that a write will be based on). */
  getCommunity(communityId: string, options?: { consistent?: boolean }): Promise<Community | null>;
  listCommunities(): Promise<Community[]>;
  putCommunity(community: Community): Promise<void>;
  /** A new community (audited in `effects`); `exists` when its id is taken. */
  createCommunity(community: Community, effects?: Effects): Promise<'created' | 'exists'>;
  /**
   * Sets, field by field, the community's fields and rules named in `changed` (everything when
   * absent): two admins changing different things at once both keep theirs.
   */
  updateCommunity(community: Community, effects?: Effects, changed?: CommunityChange): Promise<void>;
  getMember(communityId: string, userId: string): Promise<MemberRecord | null>;
  /** Members by user id, in BatchGets of 100; absent ids are left out. */
  getMembers(communityId: string, userIds: readonly string[]): Promise<Map<string, MemberRecord>>;
  getMemberOverview(communityId: string, userId: string): Promise<MemberOverview | null>;
  /**
   * Adds the member unless present, with the community's next number (`memberNo`, given in the same
   * transaction); returns the stored member either way.
   */
  addMember(member: MemberRecord, effects?: Effects): Promise<{ member: MemberRecord; created: boolean }>;
  /** The member the community gave `memberNo` to (pattern 82b); null when it gave it to nobody. */
  getMemberByNumber(communityId: string, memberNo: number): Promise<MemberRecord | null>;
  /** Replaces the roles only if they are still `expectedRoles` (no lost updates). */
  setRoles(communityId: string, userId: string, roles: Role[], expectedRoles: Role[], effects?: Effects): Promise<void>;
  /** The member's display name, set as given; false when they are not a member. */
  setDisplayName(communityId: string, userId: string, displayName: string): Promise<boolean>;
  listMembershipsOfUser(userId: string): Promise<MemberRecord[]>;
  /**
   * Members by join time; with `search`, those whose name contains it — letter case and full-width forms
   * ignored (`searchableName`) — or whose id it is (filtered on the server). A member by their number: {@link getMemberByNumber} (`findMembers` does both).
   */
  listMembers(communityId: string, cursor: string | undefined, search?: string): Promise<Page<MemberRecord>>;
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
  /**
   * The child's membership (with the community's next number), the guardian's relation to them and the
   * guardian's child count, in one transaction (audited in `effects`): the child as stored; `limit`
   * when the guardian has `MAX_CHILDREN` here already.
   */
  addChild(child: MemberRecord, relation: ProxyRelation, effects?: Effects): Promise<MemberRecord | 'limit'>;
}

/** Invitations to join a community (issue 16). */
/** An invitation as kept (its link is derived from the code). */
export type StoredInvitation = Omit<Invitation, 'link'>;

export interface InvitationStore {
  createInvitation(invitation: StoredInvitation, effects?: Effects): Promise<void>;
  getInvitation(code: string): Promise<StoredInvitation | null>;
  /**
   * Takes one use (while one is left and `nowIso` is before the expiry) and writes the membership
   * — new (`previousRoles` null: with the community's next number) or with its roles replaced (while
   * they are still `previousRoles`) — in one transaction: the member as stored; `gone` when no use is
   * left or it expired, `member_changed` when the membership changed meanwhile.
   */
  acceptInvitation(
    use: { code: string; nowIso: string },
    membership: { member: MemberRecord; previousRoles: Role[] | null },
    effects?: Effects,
  ): Promise<{ accepted: MemberRecord } | 'gone' | 'member_changed'>;
}

/**
 * Mini-program codes (小程序码) from WeChat's getUnlimitedQRCode: a code that opens `page` (no
 * leading `/`, no query) with `scene` (at most 32 of `0-9a-zA-Z!#$&'()*+,/:;=?@-._~`) in its launch
 * options. Resolves to the image (`contentType` `image/png` or `image/jpeg`); rejects with AppError
 * `wechat.unavailable` (502: unreachable, credentials refused), `wechat.busy` (503) or
 * `wechat.code_refused` (502: WeChat refused the page or scene; its errcode in `details`).
 */
export interface MiniProgramCodes {
  unlimited(input: { scene: string; page: string }): Promise<{ bytes: Uint8Array; contentType: string }>;
}

/** Districts (街道) and their officers (issue 16). */
export interface DistrictStore {
  /** `exists` when the id is taken. */
  createDistrict(district: District, effects?: Effects): Promise<'created' | 'exists'>;
  getDistrict(districtId: string): Promise<District | null>;
  addOfficer(districtId: string, userId: string, effects?: Effects): Promise<void>;
  isOfficer(districtId: string, userId: string): Promise<boolean>;
  /** Every district (a platform has tens). */
  listDistricts(): Promise<District[]>;
  /** The districts `userId` is an officer of. */
  listDistrictsOfOfficer(userId: string): Promise<District[]>;
}

/**
 * A person's consents (PIPL Art. 14–15), in their own partition: one record per kind and version,
 * each with the time it was accepted and, once withdrawn, the time of that.
 */
export interface ConsentStore {
  /** Every consent of the user, all kinds and versions. */
  listConsents(userId: string): Promise<Consent[]>;
  /**
   * Records the acceptance unless the same version stands (not withdrawn): then the standing record,
   * unchanged. A withdrawn one accepted again is accepted anew (new `acceptedAt`, no `withdrawnAt`).
   */
  acceptConsent(userId: string, consent: Consent): Promise<Consent>;
  /** Marks `consent` withdrawn at `at` unless it is already; the record as it now stands. */
  withdrawConsent(userId: string, consent: Consent, at: string): Promise<Consent>;
}
