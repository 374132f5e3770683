/**
 * The single table: every key Linli writes is built here, and nowhere else.
 * `infra/table.ts` takes the attribute and index names from this file.
 *
 * Access patterns (entity → key → how it is read):
 * | # | access pattern                              | key / index                                                     |
 * |---|---------------------------------------------|-----------------------------------------------------------------|
 * | 1 | user by id                                  | PK=USER#{userId}            SK=PROFILE                          |
 * | 2 | user id by WeChat openid (unique)           | PK=OPENID#{openid}          SK=OPENID                           |
 * | 3 | WeChat session key of a user (server only)  | PK=USER#{userId}            SK=WECHAT_SESSION                   |
 * | 4 | community by id                             | PK=COMMUNITY#{cid}          SK=PROFILE                          |
 * | 5 | all communities (public list)               | GSI1: GSI1PK=COMMUNITIES    GSI1SK={cid}                        |
 * | 6 | a member of a community                     | PK=COMMUNITY#{cid}          SK=MEMBER#{userId}#PROFILE          |
 * | 7 | a member's overview (profile, account,      | Query PK=COMMUNITY#{cid}, SK begins_with MEMBER#{userId}#       |
 * |   | certificate) in one request                 |   → #PROFILE, #ACCOUNT, #CERTIFICATE                            |
 * | 8 | the communities a user belongs to           | GSI1: GSI1PK=USER#{userId}  GSI1SK=COMMUNITY#{cid}              |
 * | 9 | members of a community, by join time        | GSI2: GSI2PK=MEMBERS#{cid}  GSI2SK={joinedAt}#{userId}          |
 * |10 | idempotency record of a request             | PK=IDEMPOTENCY#{hash(scope,key)} SK=RECORD  (TTL expiresAt)     |
 */
export const ATTRIBUTES = {
  partitionKey: 'PK',
  sortKey: 'SK',
  gsi1PartitionKey: 'GSI1PK',
  gsi1SortKey: 'GSI1SK',
  gsi2PartitionKey: 'GSI2PK',
  gsi2SortKey: 'GSI2SK',
  /** Epoch seconds; DynamoDB deletes the item some time after. Queries must still filter on it. */
  timeToLive: 'expiresAt',
  entityType: 'type',
} as const;

export const INDEXES = {
  gsi1: 'GSI1',
  gsi2: 'GSI2',
} as const;

export interface TableKey {
  PK: string;
  SK: string;
}

const key = (PK: string, SK: string): TableKey => ({ PK, SK });

export const keys = {
  user: (userId: string) => key(`USER#${userId}`, 'PROFILE'),
  openid: (openid: string) => key(`OPENID#${openid}`, 'OPENID'),
  wechatSession: (userId: string) => key(`USER#${userId}`, 'WECHAT_SESSION'),

  community: (communityId: string) => key(`COMMUNITY#${communityId}`, 'PROFILE'),
  communityListing: (communityId: string) => ({ GSI1PK: 'COMMUNITIES', GSI1SK: communityId }),
  allCommunitiesPartition: () => 'COMMUNITIES',

  member: (communityId: string, userId: string) => key(`COMMUNITY#${communityId}`, `MEMBER#${userId}#PROFILE`),
  memberAccount: (communityId: string, userId: string) => key(`COMMUNITY#${communityId}`, `MEMBER#${userId}#ACCOUNT`),
  memberCertificate: (communityId: string, userId: string) =>
    key(`COMMUNITY#${communityId}`, `MEMBER#${userId}#CERTIFICATE`),
  /** Prefix of every item that belongs to one member of one community (pattern 7). */
  memberItemsPrefix: (communityId: string, userId: string) => ({
    PK: `COMMUNITY#${communityId}`,
    SKPrefix: `MEMBER#${userId}#`,
  }),
  membershipOfUser: (userId: string, communityId: string) => ({
    GSI1PK: `USER#${userId}`,
    GSI1SK: `COMMUNITY#${communityId}`,
  }),
  membershipsOfUserPartition: (userId: string) => `USER#${userId}`,
  memberListing: (communityId: string, joinedAt: string, userId: string) => ({
    GSI2PK: `MEMBERS#${communityId}`,
    GSI2SK: `${joinedAt}#${userId}`,
  }),

  idempotency: (scopeHash: string) => key(`IDEMPOTENCY#${scopeHash}`, 'RECORD'),
} as const;

/** Which kind of item a row is; written on every item for exports and debugging. */
export const ENTITY = {
  user: 'User',
  openid: 'Openid',
  wechatSession: 'WechatSession',
  community: 'Community',
  member: 'Member',
  account: 'Account',
  certificate: 'Certificate',
  idempotency: 'Idempotency',
} as const;
