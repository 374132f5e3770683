import { randomUUID } from 'node:crypto';
import type { Community, Role } from '@linli/shared';
import { DynamoCommunityStore } from '../../functions/src/store/identity/identity-store';
import { documentClient, newUser } from './api';

/** Factories with overrides: real items in DynamoDB Local, written through the real stores. */
/**
 * A charity with public-fundraising qualification, valid for years: test communities take online
 * donations under it (慈善法) unless a test passes `fundHolder: undefined`.
 */
export const TEST_FUND_HOLDER = {
  name: '测试市慈善总会',
  creditCode: '53100000500021676K',
  qualification: { certificateNo: '测慈公募字 001 号', validFrom: '2020-01-01', validUntil: '2099-12-31' },
};

export function communityFixture(overrides: Partial<Community> = {}): Community {
  return {
    id: `c-${randomUUID().slice(0, 8)}`,
    name: '测试社区',
    currencyName: '信用币',
    rules: {
      pointsPerHour: 2,
      certificateThresholdPoints: 3,
      fundShareBps: 2000,
      minuteRounding: { unitMinutes: 15, mode: 'down' },
    },
    fundHolder: TEST_FUND_HOLDER,
    ...overrides,
  };
}

export async function createCommunity(overrides: Partial<Community> = {}): Promise<Community> {
  const community = communityFixture(overrides);
  await new DynamoCommunityStore(documentClient(), tableName()).putCommunity(community);
  return community;
}

/** A logged-in user who is a member of `communityId` with `roles`. */
export async function createMember(communityId: string, roles: Role[], prefix: string = roles[0] ?? 'member') {
  const user = await newUser(prefix);
  await new DynamoCommunityStore(documentClient(), tableName()).addMember({
    communityId,
    userId: user.userId,
    roles,
    displayName: `${prefix}-${user.userId.slice(-4)}`,
    joinedAt: new Date().toISOString(),
  });
  return user;
}

export function tableName(): string {
  const name = process.env.TABLE_NAME;
  if (!name) throw new Error('TABLE_NAME is not set');
  return name;
}
