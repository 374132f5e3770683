import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_ACTIVITY_CATEGORIES, type Community, type Role } from '@linli/shared';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { findOrCreateUser } from '../../functions/src/domain/identity/login';
import { DynamoCommunityStore, DynamoUserStore } from '../../functions/src/store/identity/identity-store';
import { DynamoActivityStore } from '../../functions/src/store/timebank/timebank-store';
import { createActivity } from '../../functions/src/domain/timebank/activities';
import { DynamoMerchantStore } from '../../functions/src/store/market/merchant-store';
import type { MerchantDetail } from '@linli/shared';

export const DEMO_COMMUNITY: Community = {
  id: 'demo',
  name: '邻里示范社区',
  currencyName: '志愿积分',
  rules: {
    pointsPerHour: 1,
    certificateThresholdPoints: 3,
    fundShareBps: 2000,
    minuteRounding: { unitMinutes: 30, mode: 'down' },
  },
};

/** The dev logins of API.md ("Local demo data") and their roles in `demo`. */
export const DEMO_MEMBERS: { openid: string; nickname: string; roles: Role[] }[] = [
  { openid: 'demo-admin', nickname: '王主任', roles: ['admin', 'staff'] },
  { openid: 'demo-staff', nickname: '李社工', roles: ['staff'] },
  { openid: 'demo-staff-2', nickname: '赵社工', roles: ['staff'] },
  { openid: 'demo-merchant', nickname: '张老板', roles: ['resident', 'merchant'] },
  { openid: 'demo-maker', nickname: '陈阿姨', roles: ['resident', 'maker'] },
  { openid: 'demo-resident', nickname: '刘大爷', roles: ['resident'] },
];

/** Loads the demo community; running it again changes nothing. */
export async function seedDemo(client: DynamoDBClient, tableName: string): Promise<{ users: Record<string, string> }> {
  const documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const users = new DynamoUserStore(documents, tableName);
  const communities = new DynamoCommunityStore(documents, tableName);
  if (!(await communities.getCommunity(DEMO_COMMUNITY.id))) await communities.putCommunity(DEMO_COMMUNITY);
  const ids: Record<string, string> = {};
  for (const demo of DEMO_MEMBERS) {
    const user = await findOrCreateUser({ openid: demo.openid, nickname: demo.nickname }, users);
    ids[demo.openid] = user.id;
    const { member } = await communities.addMember({
      communityId: DEMO_COMMUNITY.id,
      userId: user.id,
      roles: demo.roles,
      displayName: demo.nickname,
      joinedAt: new Date().toISOString(),
    });
    if ([...member.roles].sort().join() !== [...demo.roles].sort().join()) {
      await communities.setRoles(DEMO_COMMUNITY.id, user.id, demo.roles, member.roles);
    }
  }
  await seedDemoActivities(new DynamoActivityStore(documents, tableName), ids['demo-staff']!);
  await seedDemoMerchant(new DynamoMerchantStore(documents, tableName), ids['demo-merchant']!, ids['demo-staff']!);
  return { users: ids };
}

const HOUR = 3600_000;

/** Two activities when the community has none: one under way now, one tomorrow morning. */
async function seedDemoActivities(activities: DynamoActivityStore, staffId: string): Promise<void> {
  const existing = await activities.listActivities(DEMO_COMMUNITY.id, '0', undefined);
  if (existing.items.length > 0) return;
  const now = Date.now();
  const tomorrowNine = new Date(now + 24 * HOUR);
  tomorrowNine.setUTCHours(1, 0, 0, 0);
  const requests = [
    {
      title: '垃圾分类宣传',
      category: 'publicity' as const,
      location: '小区南门',
      startsAt: new Date(now - HOUR).toISOString(),
      endsAt: new Date(now + 3 * HOUR).toISOString(),
    },
    {
      title: '为独居老人包饺子',
      category: 'cooking' as const,
      location: '社区食堂',
      capacity: 12,
      startsAt: tomorrowNine.toISOString(),
      endsAt: new Date(tomorrowNine.getTime() + 3 * HOUR).toISOString(),
    },
  ];
  for (const request of requests) {
    await createActivity(
      { communityId: DEMO_COMMUNITY.id, actorId: staffId, request, categories: DEFAULT_ACTIVITY_CATEGORIES },
      activities,
    );
  }
}

/** `demo-merchant` owns an approved alliance merchant (fixed id, so seeding twice changes nothing). */
export const DEMO_MERCHANT_ID = 'demo-baozi';

async function seedDemoMerchant(merchants: DynamoMerchantStore, ownerId: string, staffId: string): Promise<void> {
  if (await merchants.getMerchant(DEMO_COMMUNITY.id, DEMO_MERCHANT_ID)) return;
  const now = new Date().toISOString();
  const merchant: MerchantDetail = {
    id: DEMO_MERCHANT_ID,
    communityId: DEMO_COMMUNITY.id,
    name: '张记包子铺',
    licenceNumber: '91510100MA6DEMO001',
    category: 'food',
    address: '邻里路 8 号',
    contact: '028-8888 0000',
    offer: { description: '凭志愿者证全场 8 折', pricePercent: 80 },
    status: 'active',
    ownerId,
    createdAt: now,
    decidedBy: staffId,
    decidedAt: now,
    usesCount: 0,
    complaintsCount: 0,
    upheldComplaintsCount: 0,
    staffIds: [ownerId],
  };
  await merchants.createMerchant(merchant);
}
