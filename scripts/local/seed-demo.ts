import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  DEFAULT_ACTIVITY_CATEGORIES,
  addDays,
  atClockTime,
  dayOf,
  weekdayOfDay,
  type Community,
  type Role,
} from '@linli/shared';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { findOrCreateUser } from '../../functions/src/domain/identity/login';
import {
  DynamoCommunityStore,
  DynamoDistrictStore,
  DynamoUserStore,
} from '../../functions/src/store/identity/identity-store';
import { NEW_COMMUNITY_RULES } from '../../functions/src/domain/identity/platform';
import { DynamoActivityStore } from '../../functions/src/store/timebank/timebank-store';
import { createActivity } from '../../functions/src/domain/timebank/activities';
import { createActivitySeries } from '../../functions/src/domain/timebank/series';
import { DynamoActivitySeriesStore } from '../../functions/src/store/timebank/series-store';
import { DynamoMerchantStore } from '../../functions/src/store/market/merchant-store';
import { DynamoTeamStore } from '../../functions/src/store/timebank/team-store';
import type { MerchantDetail } from '@linli/shared';
import { backfillMemberNumbers } from '../../functions/src/domain/identity/member-numbers';
import { DynamoMemberNumberBackfillStore } from '../../functions/src/store/identity/member-number-backfill-store';

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
  // Its responsible person signs the 志愿服务记录证明 the office issues.
  office: { address: '邻里路 1 号社区服务中心', phone: '0871-6300 0000', responsiblePerson: '王主任' },
  // 慈善法: the fund takes online donations under a charity with public-fundraising qualification.
  fundHolder: {
    name: '邻里市慈善总会（示例）',
    creditCode: '53100000500021676K',
    qualification: { certificateNo: '邻慈公募字〔2024〕001 号', validFrom: '2024-01-01', validUntil: '2099-12-31' },
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

/** Loads the demo community (every member with their number); running it again changes nothing. */
export async function seedDemo(client: DynamoDBClient, tableName: string): Promise<{ users: Record<string, string> }> {
  const documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const users = new DynamoUserStore(documents, tableName);
  const communities = new DynamoCommunityStore(documents, tableName);
  const existing = await communities.getCommunity(DEMO_COMMUNITY.id);
  if (!existing) await communities.putCommunity(DEMO_COMMUNITY);
  else if (!existing.fundHolder) {
    // A demo table seeded before issue 20: its fund gets the demo holder, nothing else changes.
    await communities.updateCommunity({ ...existing, fundHolder: DEMO_COMMUNITY.fundHolder }, undefined, {
      fields: ['fundHolder'],
      rules: [],
    });
  }
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
  await seedDemoSeries(new DynamoActivitySeriesStore(documents, tableName), ids['demo-staff']!);
  await seedDemoMerchant(new DynamoMerchantStore(documents, tableName), ids['demo-merchant']!, ids['demo-staff']!);
  await seedDemoDistrict({ communities, districts: new DynamoDistrictStore(documents, tableName), users }, ids);
  await seedDemoTeams({ communities, users, teams: new DynamoTeamStore(documents, tableName) }, ids);
  // A demo table seeded before member numbers: its members get theirs now (the job would, within a minute).
  await backfillMemberNumbers(new DynamoMemberNumberBackfillStore(documents, tableName), {
    maxPages: Number.MAX_SAFE_INTEGER,
  });
  return { users: ids };
}

/**
 * 解放路街道 with two communities shaped like the programmes Linli comes from: 青龙街 (信用币, a credit
 * supermarket) and 凤凰里 (凤凰币), each with its admin; demo-resident belongs to 青龙街 too (switching
 * communities), and `demo-district` is the district's officer (its dashboard).
 */
export const DEMO_DISTRICT = { id: 'jiefanglu', name: '解放路街道' };
export const DISTRICT_COMMUNITIES: (Community & { admin: string })[] = [
  {
    id: 'qinglongjie',
    name: '青龙街社区',
    currencyName: '信用币',
    rules: { ...NEW_COMMUNITY_RULES, pointsPerHour: 10, certificateThresholdPoints: 100 },
    districtId: DEMO_DISTRICT.id,
    office: { address: '青龙街 18 号社区服务中心', phone: '0871-6300 1234', responsiblePerson: '刘书记' },
    admin: 'demo-qinglong-admin',
  },
  {
    id: 'fenghuangli',
    name: '凤凰里社区',
    currencyName: '凤凰币',
    rules: {
      ...NEW_COMMUNITY_RULES,
      pointsPerHour: 12,
      activityCategories: [
        { id: 'care', label: '助残扶老' },
        { id: 'civility', label: '文明劝导' },
        { id: 'safety', label: '社区平安' },
        { id: 'environment', label: '环保科普' },
        { id: 'other', label: '其他' },
      ],
    },
    districtId: DEMO_DISTRICT.id,
    office: { address: '凤凰里 3 栋 1 楼', phone: '0871-6300 5678', responsiblePerson: '陈主任' },
    admin: 'demo-fenghuang-admin',
  },
];

async function seedDemoDistrict(
  stores: { communities: DynamoCommunityStore; districts: DynamoDistrictStore; users: DynamoUserStore },
  ids: Record<string, string>,
): Promise<void> {
  const { communities, districts, users } = stores;
  await districts.createDistrict({ ...DEMO_DISTRICT, createdAt: new Date().toISOString() });
  const officer = await findOrCreateUser({ openid: 'demo-district', nickname: '街道干部' }, users);
  await districts.addOfficer(DEMO_DISTRICT.id, officer.id);
  ids['demo-district'] = officer.id;
  for (const { admin, ...community } of DISTRICT_COMMUNITIES) {
    await communities.createCommunity(community);
    const user = await findOrCreateUser({ openid: admin, nickname: `${community.name}管理员` }, users);
    ids[admin] = user.id;
    await communities.addMember({
      communityId: community.id,
      userId: user.id,
      roles: ['resident', 'staff', 'admin'],
      displayName: user.nickname,
      joinedAt: new Date().toISOString(),
    });
  }
  await communities.addMember({
    communityId: 'qinglongjie',
    userId: ids['demo-resident']!,
    roles: ['resident'],
    displayName: '刘大爷',
    joinedAt: new Date().toISOString(),
  });
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

/** The weekly 助老洗澡 (fixed id, so seeding twice changes nothing). */
export const DEMO_SERIES_ID = 'demo-bathing';

/** 助老洗澡 every Tuesday and Friday, 09:00–11:00 China time, for four weeks from the next of those days. */
async function seedDemoSeries(series: DynamoActivitySeriesStore, staffId: string): Promise<void> {
  if (await series.getSeries(DEMO_COMMUNITY.id, DEMO_SERIES_ID)) return;
  const weekdays = [2, 5];
  let first = addDays(dayOf(new Date()), 1);
  while (!weekdays.includes(weekdayOfDay(first))) first = addDays(first, 1);
  const activity = {
    title: '助老洗澡',
    category: 'care',
    description: '为行动不便的老人上门洗澡，两人一组',
    location: '日间照料中心',
    capacity: 6,
    startsAt: atClockTime(first, '09:00'),
    endsAt: atClockTime(first, '11:00'),
  };
  await createActivitySeries(
    {
      communityId: DEMO_COMMUNITY.id,
      actorId: staffId,
      request: { activity, weekdays, until: addDays(first, 25) },
      categories: DEFAULT_ACTIVITY_CATEGORIES,
      seriesId: DEMO_SERIES_ID,
    },
    series,
  );
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

/**
 * Volunteer teams, each led by a resident of its own dev login (fixed ids: seeding twice changes
 * nothing): `demo` has 爱心助老队 (`demo-leader`); 凤凰里 has its four teams.
 */
export const DEMO_TEAMS: {
  communityId: string;
  id: string;
  name: string;
  description: string;
  leader: { openid: string; nickname: string };
}[] = [
  {
    communityId: DEMO_COMMUNITY.id,
    id: 'demo-aixin',
    name: '爱心助老队',
    description: '每周看望独居老人，陪聊天、帮买菜',
    leader: { openid: 'demo-leader', nickname: '孙队长' },
  },
  {
    communityId: 'fenghuangli',
    id: 'fenghuang-zhucan',
    name: '助残扶老',
    description: '为行动不便的老人和残障邻居送餐、陪同就医',
    leader: { openid: 'demo-fenghuang-leader-1', nickname: '周阿姨' },
  },
  {
    communityId: 'fenghuangli',
    id: 'fenghuang-wenming',
    name: '文明劝导',
    description: '劝导乱停车、乱扔垃圾，维护小区秩序',
    leader: { openid: 'demo-fenghuang-leader-2', nickname: '吴大哥' },
  },
  {
    communityId: 'fenghuangli',
    id: 'fenghuang-pingan',
    name: '社区平安',
    description: '夜间巡逻、防火防盗宣传',
    leader: { openid: 'demo-fenghuang-leader-3', nickname: '郑师傅' },
  },
  {
    communityId: 'fenghuangli',
    id: 'fenghuang-huanbao',
    name: '环保科普',
    description: '垃圾分类指导、环保知识进楼栋',
    leader: { openid: 'demo-fenghuang-leader-4', nickname: '冯老师' },
  },
];

async function seedDemoTeams(
  stores: { communities: DynamoCommunityStore; users: DynamoUserStore; teams: DynamoTeamStore },
  ids: Record<string, string>,
): Promise<void> {
  const now = new Date().toISOString();
  for (const { leader, ...team } of DEMO_TEAMS) {
    const user = await findOrCreateUser(leader, stores.users);
    ids[leader.openid] = user.id;
    if (await stores.teams.getTeam(team.communityId, team.id)) continue;
    await stores.communities.addMember({
      communityId: team.communityId,
      userId: user.id,
      roles: ['resident'],
      displayName: leader.nickname,
      joinedAt: now,
    });
    const record = { ...team, leaderIds: [user.id], memberCount: 1, createdBy: 'system', createdAt: now, version: 1 };
    const membership = {
      teamId: team.id,
      memberId: user.id,
      displayName: leader.nickname,
      role: 'leader' as const,
      joinedAt: now,
      addedBy: 'system',
    };
    await stores.teams.createTeam(record, [membership], {
      audit: {
        communityId: team.communityId,
        action: 'team.create',
        objectType: 'team',
        objectId: team.id,
        after: team,
      },
    });
  }
}
