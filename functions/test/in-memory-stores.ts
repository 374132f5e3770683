import { nextMemberNo, type Community, type Notification, type Role } from '@linli/shared';
import type { CommunityStore, MemberOverview, MemberRecord, UserRecord, UserStore } from '../src/domain/identity/ports';

/** In-memory fakes of the identity ports, for unit tests of the use cases. */
export class InMemoryUserStore implements UserStore {
  readonly users = new Map<string, UserRecord>();
  readonly openids = new Map<string, string>();
  readonly sessions = new Map<string, string>();
  readonly notifications = new Map<string, Notification[]>();

  async listNotifications(userId: string) {
    return [...(this.notifications.get(userId) ?? [])].reverse();
  }

  async findUserByOpenid(openid: string) {
    const id = this.openids.get(openid);
    return id ? (this.users.get(id) ?? null) : null;
  }
  async getUser(userId: string) {
    return this.users.get(userId) ?? null;
  }
  async createUser(user: UserRecord) {
    if (this.openids.has(user.openid)) return 'exists' as const;
    this.openids.set(user.openid, user.id);
    this.users.set(user.id, user);
    return 'created' as const;
  }
  async saveWechatSession(userId: string, sessionKey: string) {
    this.sessions.set(userId, sessionKey);
  }
  readonly usedCodes = new Set<string>();
  async claimLoginCode(codeHash: string) {
    if (this.usedCodes.has(codeHash)) return false;
    this.usedCodes.add(codeHash);
    return true;
  }
}

export class InMemoryCommunityStore implements CommunityStore {
  readonly communities = new Map<string, Community>();
  readonly members = new Map<string, MemberRecord>();
  readonly balances = new Map<string, number>();

  private key = (communityId: string, userId: string) => `${communityId}/${userId}`;

  async getCommunity(id: string) {
    return this.communities.get(id) ?? null;
  }
  async listCommunities() {
    return [...this.communities.values()];
  }
  async putCommunity(community: Community) {
    this.communities.set(community.id, community);
  }
  async createCommunity(community: Community): Promise<'created' | 'exists'> {
    if (this.communities.has(community.id)) return 'exists';
    this.communities.set(community.id, community);
    return 'created';
  }
  async updateCommunity(community: Community) {
    this.communities.set(community.id, community);
  }
  async getMember(communityId: string, userId: string) {
    return this.members.get(this.key(communityId, userId)) ?? null;
  }
  async getMembers(communityId: string, userIds: readonly string[]) {
    const found = new Map<string, MemberRecord>();
    for (const userId of userIds) {
      const member = this.members.get(this.key(communityId, userId));
      if (member) found.set(userId, member);
    }
    return found;
  }
  async getMemberOverview(communityId: string, userId: string): Promise<MemberOverview | null> {
    const member = await this.getMember(communityId, userId);
    if (!member) return null;
    return { member, balancePoints: this.balances.get(this.key(communityId, userId)) ?? 0, certificate: null };
  }
  /** The highest member number each community gave (pattern 82). */
  readonly lastMemberNo = new Map<string, number>();

  async addMember(member: MemberRecord) {
    const existing = this.members.get(this.key(member.communityId, member.userId));
    if (existing) return { member: existing, created: false };
    const numbered = { ...member, memberNo: nextMemberNo(this.lastMemberNo.get(member.communityId)) };
    this.lastMemberNo.set(member.communityId, numbered.memberNo);
    this.members.set(this.key(member.communityId, member.userId), numbered);
    return { member: numbered, created: true };
  }
  async getMemberByNumber(communityId: string, memberNo: number) {
    return (
      [...this.members.values()].find((member) => member.communityId === communityId && member.memberNo === memberNo) ??
      null
    );
  }
  async setRoles(communityId: string, userId: string, roles: Role[]) {
    const member = this.members.get(this.key(communityId, userId));
    if (member) this.members.set(this.key(communityId, userId), { ...member, roles });
  }
  async setDisplayName(communityId: string, userId: string, displayName: string) {
    const member = this.members.get(this.key(communityId, userId));
    if (member) this.members.set(this.key(communityId, userId), { ...member, displayName });
    return member !== undefined;
  }
  async listMembers() {
    return { items: [...this.members.values()], nextCursor: null };
  }
  async listMembershipsOfUser(userId: string) {
    return [...this.members.values()].filter((member) => member.userId === userId);
  }
}

export const communityFactory = (overrides: Partial<Community> = {}): Community => ({
  id: 'zirui',
  name: '紫瑞社区',
  currencyName: '志愿积分',
  rules: {
    pointsPerHour: 1,
    certificateThresholdPoints: 3,
    fundShareBps: 2000,
    minuteRounding: { unitMinutes: 30, mode: 'down' },
  },
  ...overrides,
});

export const memberFactory = (overrides: Partial<MemberRecord> = {}): MemberRecord => ({
  communityId: 'zirui',
  userId: 'user-1',
  roles: ['resident'],
  displayName: '刘大爷',
  joinedAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});
