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
 * |10c| a district and its officers               | PK=DISTRICT#{did} SK=PROFILE | OFFICER#{userId}                  |
 * |10b| an invitation, by its code                 | PK=INVITATION#{code}        SK=INVITATION                       |
 * |10 | idempotency record of a request             | PK=IDEMPOTENCY#{hash(scope,key)} SK=RECORD  (TTL expiresAt)     |
 * |11 | a ledger account (balance, lifetime earned) | member:  PK=COMMUNITY#{cid} SK=MEMBER#{userId}#ACCOUNT          |
 * |   |                                             | system:  PK=COMMUNITY#{cid} SK=ACCOUNT#{address}                |
 * |12 | a transfer by id (= its idempotency key)    | PK=COMMUNITY#{cid}          SK=TRANSFER#{transferId}            |
 * |13 | an account's history, newest first          | PK=LEDGER#{cid}#{address}   SK={createdAt}#{transferId}         |
 * |14 | an activity by id                           | PK=COMMUNITY#{cid}          SK=ACTIVITY#{activityId}            |
 * |14b| an uncapped activity's attendee shards       | PK=COMMUNITY#{cid}  SK=ACTIVITY#{aid}#ATTENDEES#{00..15}        |
 * |   | (with the activity: one Query, SK BETWEEN)  |                                                                 |
 * |14c| a weekly activity series (its occurrences'  | PK=COMMUNITY#{cid}          SK=SERIES#{seriesId}                |
 * |   | ids: read with them in one BatchGetItem)    |                                                                 |
 * |15 | a community's activities by start time      | GSI1: GSI1PK=ACTIVITIES#{cid} GSI1SK={startsAt}#{activityId}    |
 * |16 | activities due for auto-close (sparse)      | GSI2: GSI2PK=ACTIVITY_OPEN  GSI2SK={closeAfter}#{cid}#{aid}     |
 * |16b| cancelled activities still to settle (sparse)| GSI2: GSI2PK=ACTIVITY_SETTLE GSI2SK={cancelledAt}#{cid}#{aid}  |
 * |17 | a member's attendance at an activity        | PK=COMMUNITY#{cid}          SK=ATTENDANCE#{activityId}#{userId} |
 * |18 | all attendances of an activity              | Query PK=COMMUNITY#{cid}, SK begins_with ATTENDANCE#{aid}#      |
 * |18b| a member's sign-up (报名) for an activity     | PK=COMMUNITY#{cid}          SK=SIGNUP#{activityId}#{userId}     |
 * |18e| a member's volunteer profile (ID sealed)    | PK=COMMUNITY#{cid}          SK=VOLUNTEER#{userId}               |
 * |18c| an activity's sign-ups (roster, waitlist)    | Query PK=COMMUNITY#{cid}, SK BETWEEN SIGNUP#{aid}# and …#~      |
 * |18d| a member's sign-ups, by activity start       | GSI2: GSI2PK=MEMBER_SIGNUPS#{cid}#{userId} GSI2SK={startsAt}#{aid} |
 * |19 | a claim by id                               | PK=COMMUNITY#{cid}          SK=CLAIM#{claimId}                  |
 * |20 | the claims queue by status, oldest first    | GSI1: GSI1PK=CLAIMS#{cid}#{status} GSI1SK={createdAt}#{claimId} |
 * |21 | a member's claims, newest first             | GSI2: GSI2PK=MEMBER_CLAIMS#{cid}#{userId} GSI2SK={createdAt}#{id}|
 * |22 | a member's certificate                      | PK=COMMUNITY#{cid}          SK=MEMBER#{userId}#CERTIFICATE      |
 * |23 | a merchant (application → active → …)       | PK=COMMUNITY#{cid}          SK=MERCHANT#{mid}                   |
 * |24 | merchants by status (vetting, alliance list)| GSI1: GSI1PK=MERCHANTS#{cid}#{status} GSI1SK={createdAt}#{mid}  |
 * |25 | a merchant's staff member (authorization)   | PK=COMMUNITY#{cid}          SK=MERCHANT_STAFF#{mid}#{userId}    |
 * |26 | the merchants a member works for            | GSI2: GSI2PK=MY_MERCHANTS#{cid}#{userId} GSI2SK={mid}           |
 * |27 | a discount use                              | PK=COMMUNITY#{cid}          SK=USE#{useId}                      |
 * |28 | a merchant's uses, newest first             | GSI1: GSI1PK=MERCHANT_USES#{cid}#{mid} GSI1SK={at}#{useId}      |
 * |29 | a member's uses since a time (anti-proxy)   | GSI2: GSI2PK=MEMBER_USES#{cid}#{userId} GSI2SK >= {since}       |
 * |30 | proxy flags / complaints / posts by status  | GSI1: GSI1PK={FLAGS|COMPLAINTS|POSTS}#{cid}#{status} GSI1SK={createdAt}#{id} |
 * |31 | contribution leaderboard of a month & kind  | PK=LEADERBOARD#{cid}#{month}#{kind} SK={userId} (ADD points)    |
 * |32 | supermarket goods                           | PK=COMMUNITY#{cid} SK=GOOD#{goodId}; GSI1PK=GOODS#{cid}         |
 * |33 | redemptions by status / of a member         | GSI1: REDEMPTIONS#{cid}#{status}; GSI2: MEMBER_REDEMPTIONS#{cid}#{userId} |
 * |34 | the fund's head (sequence, hash, balance)   | PK=COMMUNITY#{cid}          SK=FUND#HEAD                        |
 * |35 | fund entries, newest first (public)         | PK=FUND#{cid}               SK={sequence, 12 digits}            |
 * |36 | fund totals per month                       | PK=COMMUNITY#{cid}          SK=FUND_MONTH#{YYYY-MM}             |
 * |37 | fund expenses by status                     | PK=COMMUNITY#{cid} SK=EXPENSE#{id}; GSI1: EXPENSES#{cid}#{status}|
 * |38 | a product; by status; a maker's products    | SK=PRODUCT#{pid}; GSI1: PRODUCTS#{cid}#{status}; GSI2: MAKER_PRODUCTS#{cid}#{uid} |
 * |39 | an order; a buyer's orders, newest first    | SK=ORDER#{oid}; GSI2: BUYER_ORDERS#{cid}#{uid} GSI2SK={createdAt}#{oid} |
 * |40 | unpaid orders due to expire (sparse)        | GSI1: GSI1PK=ORDERS_UNPAID GSI1SK={expiresAt}#{cid}#{oid}       |
 * |41 | a maker's sales and earnings                | PK=COMMUNITY#{cid}          SK=MAKER#{userId}                   |
 * |42 | all makers / all orders of a community      | Query PK=COMMUNITY#{cid}, SK begins_with MAKER# / ORDER#        |
 * |43 | a payout to a maker                         | PK=COMMUNITY#{cid}          SK=PAYOUT#{id}                      |
 * |44 | a pledge; pledges due on a day (sparse)     | SK=PLEDGE#{id}; GSI1: PLEDGES_DUE#{day} GSI1SK={cid}#{id}       |
 * |45 | a member's pledges                          | GSI2: GSI2PK=MEMBER_PLEDGES#{cid}#{userId}                      |
 * |46 | a user's notifications, newest first        | PK=USER#{userId}            SK=NOTIFICATION#{createdAt}#{id}    |
 * |47 | a community's transfers by time (exports)   | GSI1: GSI1PK=TRANSFERS#{cid} GSI1SK={createdAt}#{transferId}    |
 * |48 | monthly statistics, one item per section    | PK=COMMUNITY#{cid}          SK=STATS#{YYYY-MM}#{SECTION} (ADD)  |
 * |49 | current gauges (members, certificates)      | PK=COMMUNITY#{cid}          SK=GAUGES (ADD)                     |
 * |50 | audit log by time / actor / object          | PK=AUDIT#{cid} SK={at}#{id}; GSI1: AUDIT_ACTOR#{cid}#{actorId}; |
 * |   |                                             |   GSI2: AUDIT_OBJECT#{cid}#{type}#{id}  (both SK={at}#{id})     |
 * |51 | a member's points and minutes of a month    | PK=COMMUNITY#{cid} SK=EARNED#{userId}#{YYYY-MM};                |
 * |   | (monthly cap, expiry lots, recognition)     |   GSI1: GSI1PK=EARNERS#{cid}#{YYYY-MM} GSI1SK={userId}          |
 * |52 | the month's recognised volunteers           | PK=COMMUNITY#{cid}          SK=RECOGNITION#{YYYY-MM}#{userId}   |
 * |53 | a proxy relation; whom a proxy acts for     | SK=PROXY#{residentId}#{proxyId}; GSI1: PROXIES_FOR#{cid}#{proxyId} |
 * |54 | WeChat subscribe-message credits of a user  | PK=USER#{userId}            SK=SUBSCRIPTIONS                    |
 * |55 | notifications waiting for a WeChat push     | GSI2: GSI2PK=PUSH_PENDING  GSI2SK={createdAt}#{userId}#{id} (sparse) |
 * |56 | an expiry notice already sent (once)        | PK=COMMUNITY#{cid}  SK=EXPIRY_NOTICE#{userId}#{cutoffMonth}     |
 * |57 | a write done once per id (restock, income)  | PK=COMMUNITY#{cid}  SK=ONCE#{id}  (a retry finds it: no repeat)  |
 * |58 | the order a WeChat Pay refund belongs to     | PK=WECHAT_REFUND#{outRefundNo} SK=WECHAT_REFUND (refund notices) |
 * |59 | a volunteer team; all teams of a community  | PK=COMMUNITY#{cid} SK=TEAM#{tid}; Query SK begins_with TEAM#    |
 * |60 | a team name taken (unique per community)    | PK=COMMUNITY#{cid} SK=TEAM_NAME#{normalised name}               |
 * |61 | a team's member; all members of a team      | SK=TEAM_MEMBER#{tid}#{userId}; Query begins_with TEAM_MEMBER#{tid}# |
 * |62 | a request to join a team; a team's requests | SK=TEAM_REQUEST#{tid}#{userId}; Query begins_with TEAM_REQUEST#{tid}# |
 * |63 | a member's teams and requests (my state)    | GSI2: GSI2PK=MY_TEAMS#{cid}#{userId} GSI2SK={tid}#MEMBER|REQUEST |
 * |64 | a team's minutes and visits of a month      | STATS#{YYYY-MM}#TEAMS (pattern 48): teamMinutes:{tid}, teamVisits:{tid} |
 * |65 | a team's activities from a time (filtered)  | GSI1: ACTIVITIES#{cid} (pattern 15), FilterExpression teamId    |
 * |66 | a record request (correction, certificate)  | PK=COMMUNITY#{cid} SK=RECORD_REQUEST#{id}; GSI1: RECORD_REQUESTS#{cid}#{status}; |
 * |   |   the queue by status; a member's requests  |   GSI2: MEMBER_RECORD_REQUESTS#{cid}#{userId} (both SK={createdAt}#{id}) |
 * |67 | a service certificate by serial (public)    | PK=SERVICE_CERT#{serial} SK=SERVICE_CERT; GSI1: SERVICE_CERTS#{cid}; |
 * |   |   the register; a member's certificates     |   GSI2: MEMBER_SERVICE_CERTS#{cid}#{userId} (both SK={issuedAt}#{serial}) |
 * |68 | the certificates' yearly sequence; the seal | PK=COMMUNITY#{cid} SK=SERVICE_CERT_SEQ#{YYYY} / SK=CERT_SEAL       |
 * |69 | a member's open record requests (a count)   | PK=COMMUNITY#{cid} SK=RECORD_REQUESTS_OPEN#{userId} (ADD, ≤ 5)  |
 * |70 | a user's consents, one per kind and version | PK=USER#{userId} SK=CONSENT#{kind}#{version}; Query begins_with CONSENT# |
 * |   |   (privacy guide…; accepted/withdrawn at)   |   (a few items: every version a person ever accepted)           |
 * |71 | a photo; photos held for review (sparse)    | PK=COMMUNITY#{cid} SK=IMAGE#{imageId}; GSI1: IMAGES_HELD#{cid} GSI1SK={createdAt}#{id} |
 * |   |   photos whose WeChat verdict is late       |   GSI2: GSI2PK=IMAGES_CHECKING GSI2SK={checkBy}#{cid}#{id} (sparse) |
 * |72 | the photo a WeChat check's trace id is for  | PK=MEDIA_TRACE#{traceId}    SK=MEDIA_TRACE                      |
 * |73 | a member's upload URLs asked in an hour     | PK=COMMUNITY#{cid} SK=IMAGE_UPLOADS#{userId}#{YYYY-MM-DDTHH} (ADD, ≤ 30; TTL) |
 * |74 | a donation's held message; the queue and    | PK=COMMUNITY#{cid} SK=DONATION_MESSAGE#{orderId}; GSI1: DONATION_MESSAGES#{cid}#{status} |
 * |   |   the released ones (sparse: not removed)   |   GSI1SK={paidAt}#{orderId}; a released one: `donorMessage` on the FUND entry |
 * |75 | everything about one person (the data export | the user's partition (1, 3, 46, 54, 70); memberships (8); districts;   |
 * |   |   of issue 20): only Queries, every page   |   per community MEMBER#{uid}# (7), EARNED#{uid}# (51), PROXY#{uid}# and |
 * |   |                                             |   PROXIES_FOR (53), VOLUNTEER#{uid}, MAKER#{uid}, LEDGER#{cid}#member:{uid} |
 * |   |                                             |   and the per-member GSI2 partitions (18d 21 26 29 33 38 39 45 63 66 67 77); |
 * |   |                                             |   complaints, contributions, photos: SK begins_with COMPLAINT# /        |
 * |   |                                             |   CONTRIBUTION# / IMAGE# filtered on the person (no per-person index)   |
 * |76 | the fund entries naming a donor (sparse)    | GSI2: GSI2PK=FUND_DONOR#{userId} GSI2SK={cid}#{sequence}, on the FUND entry |
 * |   |   (their name beside the entry, unhashed)   |   (`publicDonorName`): taking the name off on withdrawal or closing |
 * |77 | a donation receipt request (捐赠票据); the  | PK=COMMUNITY#{cid} SK=RECEIPT_REQUEST#{id}; GSI1: RECEIPT_REQUESTS#{cid}#{status}; |
 * |   |   queue by status; a donor's requests       |   GSI2: MEMBER_RECEIPT_REQUESTS#{cid}#{userId} (both SK={createdAt}#{id}) |
 * |78 | a donation's open receipt request (one)     | `receiptRequest: {id, status, receiptNo?}` on its ORDER item (39): the |
 * |   |                                             |   request's writes and the refund's condition on it, in one transaction |
 * |78b| a receipt number given out (unique per       | PK=COMMUNITY#{cid} SK=RECEIPT_NO#{holder credit code}#{receipt number, upper |
 * |   |   issuing charity; kept after a void)       |   case}: Put with attribute_not_exists in the transaction     |
 * |79 | short-lived items due for removal (sparse;  | GSI1: GSI1PK=RETAIN#{UTC day of removal}#{shard 0..3}            |
 * |   |   retention, issue 20): idempotency records,|   GSI1SK={removal, epoch seconds, 12 digits}; written with the item |
 * |   |   rate windows, login codes, upload counts, |   (the TTL kinds: removal = `expiresAt`; notifications: createdAt + |
 * |   |   notifications                             |   180 days). `applyRetention` Queries each day's shards for       |
 * |   |                                             |   GSI1SK <= now and deletes each item only if its GSI1SK is still |
 * |   |                                             |   the one read (a record rewritten since keeps its new removal)  |
 * |81 | how many children a guardian added (a       | PK=COMMUNITY#{cid} SK=GUARDIAN#{guardianId}: `childCount`, raised |
 * |   |   counter, for the limit)                   |   with a condition in the child's transaction                    |
 * |80 | the notification backfill's progress (one   | PK=RETENTION SK=BACKFILL#notifications: `{done, startKey?}` — the |
 * |   |   item): notifications written before 79    |   one-off Scan of those without a removal key resumes from it     |
 * |82 | a community's member numbers (编号): the     | PK=COMMUNITY#{cid} SK=MEMBER_NUMBERS: `lastNo`, the highest given; |
 * |   |   counter the next member's is read from    |   raised in the new member's own transaction on the condition  |
 * |   |                                             |   it still stands where it was read (else read again, retried)  |
 * |82b| a member by their number (search; unique,   | PK=COMMUNITY#{cid} SK=MEMBER_NO#{memberNo}: `{userId}`, Put with |
 * |   |   never removed: a closed account's retired)|   attribute_not_exists in the same transaction; `memberNo` on #6 |
 * |82c| the member-number backfill's progress (one  | PK=BACKFILL SK=MEMBER_NUMBERS: `{done, communityId?, startKey?}`: |
 * |   |   item): members added before numbers       |   by community (5), members by join time (9), resumed from it   |
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

/** Attendee counter shards per uncapped activity: 16 items each take ~1,000 writes a second. */
export const ATTENDEE_SHARDS = 16;

/** FNV-1a of a text: a stable, well-spread 32-bit number. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** The shard a member's check-ins count on (FNV-1a of the member id): fixed per member. */
export function attendeeShardOf(memberId: string): number {
  return fnv1a(memberId) % ATTENDEE_SHARDS;
}

/**
 * Shards of each day's removal bucket (pattern 79): every idempotent request writes into one, so a
 * day's writes are spread over 4 GSI partitions (each takes ~1,000 writes a second).
 */
export const RETENTION_SHARDS = 4;

/** The UTC day of an epoch-seconds instant: `2026-12-01`. */
export const retentionDayOf = (epochSeconds: number): string =>
  new Date(epochSeconds * 1000).toISOString().slice(0, 10);

/** An item's removal key (pattern 79): its bucket by the day it is due, sharded by its own key. */
export function retentionKey(item: TableKey, removeAtSeconds: number): { GSI1PK: string; GSI1SK: string } {
  const shard = fnv1a(`${item.PK}\n${item.SK}`) % RETENTION_SHARDS;
  return {
    GSI1PK: `RETAIN#${retentionDayOf(removeAtSeconds)}#${shard}`,
    GSI1SK: String(Math.max(0, Math.floor(removeAtSeconds))).padStart(12, '0'),
  };
}

/** The same key as an update's values: `SET GSI1PK = :retainIn, GSI1SK = :retainAt`. */
export function retentionValues(item: TableKey, removeAtSeconds: number): { ':retainIn': string; ':retainAt': string } {
  const { GSI1PK, GSI1SK } = retentionKey(item, removeAtSeconds);
  return { ':retainIn': GSI1PK, ':retainAt': GSI1SK };
}

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

  account: (communityId: string, address: string) =>
    address.startsWith('member:')
      ? key(`COMMUNITY#${communityId}`, `MEMBER#${address.slice('member:'.length)}#ACCOUNT`)
      : key(`COMMUNITY#${communityId}`, `ACCOUNT#${address}`),
  transfer: (communityId: string, transferId: string) => key(`COMMUNITY#${communityId}`, `TRANSFER#${transferId}`),
  ledgerEntry: (communityId: string, address: string, createdAt: string, transferId: string) =>
    key(`LEDGER#${communityId}#${address}`, `${createdAt}#${transferId}`),
  ledgerPartition: (communityId: string, address: string) => `LEDGER#${communityId}#${address}`,

  activity: (communityId: string, activityId: string) => key(`COMMUNITY#${communityId}`, `ACTIVITY#${activityId}`),
  activitySeries: (communityId: string, seriesId: string) => key(`COMMUNITY#${communityId}`, `SERIES#${seriesId}`),
  /**
   * One of an uncapped activity's attendee counter shards (issue 15): a scan check-in ADDs to the
   * shard of its member, so a crowd checking in at once writes {@link ATTENDEE_SHARDS} items, not one.
   */
  attendeeShard: (communityId: string, activityId: string, shard: number) =>
    key(`COMMUNITY#${communityId}`, `ACTIVITY#${activityId}#ATTENDEES#${String(shard).padStart(2, '0')}`),
  /** The activity item and its shards, in one Query (`SK BETWEEN`). */
  activityWithShards: (communityId: string, activityId: string) => ({
    PK: `COMMUNITY#${communityId}`,
    from: `ACTIVITY#${activityId}`,
    to: `ACTIVITY#${activityId}#ATTENDEES#~`,
  }),
  activityListing: (communityId: string, startsAt: string, activityId: string) => ({
    GSI1PK: `ACTIVITIES#${communityId}`,
    GSI1SK: `${startsAt}#${activityId}`,
  }),
  activitiesPartition: (communityId: string) => `ACTIVITIES#${communityId}`,
  activityAutoClose: (closeAfter: string, communityId: string, activityId: string) => ({
    GSI2PK: 'ACTIVITY_OPEN',
    GSI2SK: `${closeAfter}#${communityId}#${activityId}`,
  }),
  activityAutoClosePartition: () => 'ACTIVITY_OPEN',
  activitySettlement: (cancelledAt: string, communityId: string, activityId: string) => ({
    GSI2PK: 'ACTIVITY_SETTLE',
    GSI2SK: `${cancelledAt}#${communityId}#${activityId}`,
  }),
  activitySettlementPartition: () => 'ACTIVITY_SETTLE',

  attendance: (communityId: string, activityId: string, userId: string) =>
    key(`COMMUNITY#${communityId}`, `ATTENDANCE#${activityId}#${userId}`),
  attendancesPrefix: (activityId: string) => `ATTENDANCE#${activityId}#`,
  volunteerProfile: (communityId: string, userId: string) => key(`COMMUNITY#${communityId}`, `VOLUNTEER#${userId}`),
  signup: (communityId: string, activityId: string, userId: string) =>
    key(`COMMUNITY#${communityId}`, `SIGNUP#${activityId}#${userId}`),
  /** An activity's sign-ups, in one Query (`SK BETWEEN`). */
  signupsOf: (communityId: string, activityId: string) => ({
    PK: `COMMUNITY#${communityId}`,
    from: `SIGNUP#${activityId}#`,
    to: `SIGNUP#${activityId}#~`,
  }),
  memberSignup: (communityId: string, userId: string, startsAt: string, activityId: string) => ({
    GSI2PK: `MEMBER_SIGNUPS#${communityId}#${userId}`,
    GSI2SK: `${startsAt}#${activityId}`,
  }),
  memberSignupsPartition: (communityId: string, userId: string) => `MEMBER_SIGNUPS#${communityId}#${userId}`,

  recordRequest: (communityId: string, requestId: string) =>
    key(`COMMUNITY#${communityId}`, `RECORD_REQUEST#${requestId}`),
  recordRequestIndexes: (request: {
    communityId: string;
    memberId: string;
    status: string;
    createdAt: string;
    id: string;
  }) => ({
    GSI1PK: `RECORD_REQUESTS#${request.communityId}#${request.status}`,
    GSI1SK: `${request.createdAt}#${request.id}`,
    GSI2PK: `MEMBER_RECORD_REQUESTS#${request.communityId}#${request.memberId}`,
    GSI2SK: `${request.createdAt}#${request.id}`,
  }),
  recordRequestQueue: (communityId: string, status: string) => `RECORD_REQUESTS#${communityId}#${status}`,
  memberRecordRequests: (communityId: string, userId: string) => `MEMBER_RECORD_REQUESTS#${communityId}#${userId}`,
  /** How many of a member's record requests are open (a counter: the limit holds under concurrency). */
  openRecordRequests: (communityId: string, userId: string) =>
    key(`COMMUNITY#${communityId}`, `RECORD_REQUESTS_OPEN#${userId}`),
  serviceCertificate: (serialNumber: string) => key(`SERVICE_CERT#${serialNumber}`, 'SERVICE_CERT'),
  serviceCertificateIndexes: (certificate: {
    communityId: string;
    memberId: string;
    issuedAt: string;
    serialNumber: string;
  }) => ({
    GSI1PK: `SERVICE_CERTS#${certificate.communityId}`,
    GSI1SK: `${certificate.issuedAt}#${certificate.serialNumber}`,
    GSI2PK: `MEMBER_SERVICE_CERTS#${certificate.communityId}#${certificate.memberId}`,
    GSI2SK: `${certificate.issuedAt}#${certificate.serialNumber}`,
  }),
  serviceCertificateRegister: (communityId: string) => `SERVICE_CERTS#${communityId}`,
  memberServiceCertificates: (communityId: string, userId: string) => `MEMBER_SERVICE_CERTS#${communityId}#${userId}`,
  serviceCertificateSequence: (communityId: string, year: string) =>
    key(`COMMUNITY#${communityId}`, `SERVICE_CERT_SEQ#${year}`),
  certificateSeal: (communityId: string) => key(`COMMUNITY#${communityId}`, 'CERT_SEAL'),
  claim: (communityId: string, claimId: string) => key(`COMMUNITY#${communityId}`, `CLAIM#${claimId}`),
  claimQueue: (communityId: string, status: string, createdAt: string, claimId: string) => ({
    GSI1PK: `CLAIMS#${communityId}#${status}`,
    GSI1SK: `${createdAt}#${claimId}`,
  }),
  claimQueuePartition: (communityId: string, status: string) => `CLAIMS#${communityId}#${status}`,
  memberClaims: (communityId: string, userId: string, createdAt: string, claimId: string) => ({
    GSI2PK: `MEMBER_CLAIMS#${communityId}#${userId}`,
    GSI2SK: `${createdAt}#${claimId}`,
  }),
  memberClaimsPartition: (communityId: string, userId: string) => `MEMBER_CLAIMS#${communityId}#${userId}`,
  membersPartition: (communityId: string) => `MEMBERS#${communityId}`,

  merchant: (communityId: string, merchantId: string) => key(`COMMUNITY#${communityId}`, `MERCHANT#${merchantId}`),
  merchantsByStatus: (communityId: string, status: string) => `MERCHANTS#${communityId}#${status}`,
  merchantStaff: (communityId: string, merchantId: string, userId: string) =>
    key(`COMMUNITY#${communityId}`, `MERCHANT_STAFF#${merchantId}#${userId}`),
  myMerchants: (communityId: string, userId: string) => `MY_MERCHANTS#${communityId}#${userId}`,
  discountUse: (communityId: string, useId: string) => key(`COMMUNITY#${communityId}`, `USE#${useId}`),
  merchantUses: (communityId: string, merchantId: string) => `MERCHANT_USES#${communityId}#${merchantId}`,
  memberUses: (communityId: string, userId: string) => `MEMBER_USES#${communityId}#${userId}`,
  flag: (communityId: string, flagId: string) => key(`COMMUNITY#${communityId}`, `FLAG#${flagId}`),
  flagsByStatus: (communityId: string, status: string) => `FLAGS#${communityId}#${status}`,
  complaint: (communityId: string, complaintId: string) => key(`COMMUNITY#${communityId}`, `COMPLAINT#${complaintId}`),
  complaintsByStatus: (communityId: string, status: string) => `COMPLAINTS#${communityId}#${status}`,
  post: (communityId: string, postId: string) => key(`COMMUNITY#${communityId}`, `POST#${postId}`),
  postsByStatus: (communityId: string, status: string) => `POSTS#${communityId}#${status}`,
  contribution: (communityId: string, contributionId: string) =>
    key(`COMMUNITY#${communityId}`, `CONTRIBUTION#${contributionId}`),
  leaderboardEntry: (communityId: string, month: string, kind: string, userId: string) =>
    key(`LEADERBOARD#${communityId}#${month}#${kind}`, userId),
  leaderboardPartition: (communityId: string, month: string, kind: string) =>
    `LEADERBOARD#${communityId}#${month}#${kind}`,
  good: (communityId: string, goodId: string) => key(`COMMUNITY#${communityId}`, `GOOD#${goodId}`),
  goodsPartition: (communityId: string) => `GOODS#${communityId}`,
  redemption: (communityId: string, redemptionId: string) =>
    key(`COMMUNITY#${communityId}`, `REDEMPTION#${redemptionId}`),
  redemptionsByStatus: (communityId: string, status: string) => `REDEMPTIONS#${communityId}#${status}`,
  memberRedemptions: (communityId: string, userId: string) => `MEMBER_REDEMPTIONS#${communityId}#${userId}`,

  fundHead: (communityId: string) => key(`COMMUNITY#${communityId}`, 'FUND#HEAD'),
  fundEntry: (communityId: string, sequence: number) => key(`FUND#${communityId}`, String(sequence).padStart(12, '0')),
  fundEntriesPartition: (communityId: string) => `FUND#${communityId}`,
  publicDonorPartition: (userId: string) => `FUND_DONOR#${userId}`,
  publicDonor: (userId: string, communityId: string, sequence: number) => ({
    GSI2PK: `FUND_DONOR#${userId}`,
    GSI2SK: `${communityId}#${String(sequence).padStart(12, '0')}`,
  }),
  fundMonth: (communityId: string, month: string) => key(`COMMUNITY#${communityId}`, `FUND_MONTH#${month}`),
  fundMonthPrefix: () => 'FUND_MONTH#',
  fundExpense: (communityId: string, expenseId: string) => key(`COMMUNITY#${communityId}`, `EXPENSE#${expenseId}`),
  fundExpensesByStatus: (communityId: string, status: string) => `EXPENSES#${communityId}#${status}`,

  product: (communityId: string, productId: string) => key(`COMMUNITY#${communityId}`, `PRODUCT#${productId}`),
  productsByStatus: (communityId: string, status: string) => `PRODUCTS#${communityId}#${status}`,
  makerProducts: (communityId: string, makerId: string) => `MAKER_PRODUCTS#${communityId}#${makerId}`,
  order: (communityId: string, orderId: string) => key(`COMMUNITY#${communityId}`, `ORDER#${orderId}`),
  buyerOrders: (communityId: string, buyerId: string) => `BUYER_ORDERS#${communityId}#${buyerId}`,
  unpaidOrdersPartition: () => 'ORDERS_UNPAID',
  /** Paid orders whose shipping upload to WeChat is due (sparse GSI1, by next attempt). */
  shippingDuePartition: () => 'ORDERS_SHIPPING_DUE',
  makerAccount: (communityId: string, makerId: string) => key(`COMMUNITY#${communityId}`, `MAKER#${makerId}`),
  makerAccountPrefix: () => 'MAKER#',
  orderPrefix: () => 'ORDER#',
  payout: (communityId: string, payoutId: string) => key(`COMMUNITY#${communityId}`, `PAYOUT#${payoutId}`),
  once: (communityId: string, operationId: string) => key(`COMMUNITY#${communityId}`, `ONCE#${operationId}`),
  pledge: (communityId: string, pledgeId: string) => key(`COMMUNITY#${communityId}`, `PLEDGE#${pledgeId}`),
  pledgesDue: (dayOfMonth: number) => `PLEDGES_DUE#${dayOfMonth}`,
  memberPledges: (communityId: string, userId: string) => `MEMBER_PLEDGES#${communityId}#${userId}`,
  notification: (userId: string, createdAt: string, id: string) =>
    key(`USER#${userId}`, `NOTIFICATION#${createdAt}#${id}`),
  notificationPrefix: () => 'NOTIFICATION#',
  /** A user's own partition (profile, session, notifications, subscriptions). */
  userPartition: (userId: string) => `USER#${userId}`,
  /** A community's partition (every item whose PK is the community). */
  communityPartition: (communityId: string) => `COMMUNITY#${communityId}`,
  /** GSI1SK prefix of a user's memberships (pattern 8). */
  membershipPrefix: () => 'COMMUNITY#',
  /** SK prefixes of a community's complaints, contributions and photos (the data export filters them on the person). */
  complaintPrefix: () => 'COMPLAINT#',
  contributionPrefix: () => 'CONTRIBUTION#',
  imagePrefix: () => 'IMAGE#',
  /** A district (街道) and, in its partition, its officers. */
  district: (districtId: string) => key(`DISTRICT#${districtId}`, 'PROFILE'),
  districtOfficer: (districtId: string, userId: string) => key(`DISTRICT#${districtId}`, `OFFICER#${userId}`),
  /** GSI1 of districts: all of them (a platform has tens), and the ones a user is an officer of. */
  districtsPartition: () => 'DISTRICTS',
  officerDistrictsPartition: (userId: string) => `USER_DISTRICTS#${userId}`,
  /** An invitation to a community, by its code (accepting it knows only the code). */
  invitation: (code: string) => key(`INVITATION#${code}`, 'INVITATION'),
  /** A WeChat login code already used (a replay guard, TTL expiresAt). */
  loginCode: (codeHash: string) => key(`LOGIN_CODE#${codeHash}`, 'USED'),
  /** A fund entry appended once (its id), so a retry finds it. */
  fundEntryOnce: (communityId: string, entryId: string) => key(`COMMUNITY#${communityId}`, `ONCE#FUND#${entryId}`),
  /** A request budget's window (per IP or user), counted with ADD. */
  /** One shard of a day's removal bucket (pattern 79). */
  retentionPartition: (day: string, shard: number) => `RETAIN#${day}#${shard}`,
  /** How many children a guardian added in the community (pattern 81). */
  guardianChildren: (communityId: string, guardianId: string) =>
    key(`COMMUNITY#${communityId}`, `GUARDIAN#${guardianId}`),
  /** The notification backfill's progress (pattern 80). */
  notificationBackfill: () => key('RETENTION', 'BACKFILL#notifications'),
  /** A community's member-number counter: the highest number given (pattern 82). */
  memberNumbers: (communityId: string) => key(`COMMUNITY#${communityId}`, 'MEMBER_NUMBERS'),
  /** The member a number was given to (pattern 82b). */
  memberNumber: (communityId: string, memberNo: number) => key(`COMMUNITY#${communityId}`, `MEMBER_NO#${memberNo}`),
  /** The member-number backfill's progress (pattern 82c). */
  memberNumberBackfill: () => key('BACKFILL', 'MEMBER_NUMBERS'),
  rateWindow: (name: string, subject: string, windowStart: number) =>
    key(`RATE#${name}#${subject}`, String(windowStart)),
  /** SK prefixes of a community partition that reconciliation reads whole. */
  reconcilePrefixes: {
    members: 'MEMBER#',
    systemAccounts: 'ACCOUNT#',
    payouts: 'PAYOUT#',
    goods: 'GOOD#',
    merchants: 'MERCHANT#',
  },
  pushPending: (createdAt: string, userId: string, id: string) => ({
    GSI2PK: 'PUSH_PENDING',
    GSI2SK: `${createdAt}#${userId}#${id}`,
  }),
  pushPendingPartition: () => 'PUSH_PENDING',
  subscriptions: (userId: string) => key(`USER#${userId}`, 'SUBSCRIPTIONS'),
  /** One version of one consent of a user (pattern 70). */
  consent: (userId: string, kind: string, version: string) => key(`USER#${userId}`, `CONSENT#${kind}#${version}`),
  consentPrefix: () => 'CONSENT#',

  image: (communityId: string, imageId: string) => key(`COMMUNITY#${communityId}`, `IMAGE#${imageId}`),
  heldImagesPartition: (communityId: string) => `IMAGES_HELD#${communityId}`,
  heldImage: (communityId: string, createdAt: string, imageId: string) => ({
    GSI1PK: `IMAGES_HELD#${communityId}`,
    GSI1SK: `${createdAt}#${imageId}`,
  }),
  checkingImagesPartition: () => 'IMAGES_CHECKING',
  checkingImage: (communityId: string, checkBy: string, imageId: string) => ({
    GSI2PK: 'IMAGES_CHECKING',
    GSI2SK: `${checkBy}#${communityId}#${imageId}`,
  }),
  donationMessage: (communityId: string, orderId: string) =>
    key(`COMMUNITY#${communityId}`, `DONATION_MESSAGE#${orderId}`),
  donationMessagesPartition: (communityId: string, status: 'under_review' | 'released') =>
    `DONATION_MESSAGES#${communityId}#${status}`,
  donationMessageIndex: (
    communityId: string,
    status: 'under_review' | 'released',
    paidAt: string,
    orderId: string,
  ) => ({
    GSI1PK: `DONATION_MESSAGES#${communityId}#${status}`,
    GSI1SK: `${paidAt}#${orderId}`,
  }),
  receiptRequest: (communityId: string, requestId: string) =>
    key(`COMMUNITY#${communityId}`, `RECEIPT_REQUEST#${requestId}`),
  receiptRequestQueue: (communityId: string, status: string) => `RECEIPT_REQUESTS#${communityId}#${status}`,
  receiptRequestIndexes: (
    communityId: string,
    request: { donorId: string; status: string; createdAt: string; id: string },
  ) => ({
    GSI1PK: `RECEIPT_REQUESTS#${communityId}#${request.status}`,
    GSI1SK: `${request.createdAt}#${request.id}`,
    GSI2PK: `MEMBER_RECEIPT_REQUESTS#${communityId}#${request.donorId}`,
    GSI2SK: `${request.createdAt}#${request.id}`,
  }),
  memberReceiptRequests: (communityId: string, userId: string) => `MEMBER_RECEIPT_REQUESTS#${communityId}#${userId}`,
  receiptNumber: (communityId: string, holderCreditCode: string, receiptNo: string) =>
    key(`COMMUNITY#${communityId}`, `RECEIPT_NO#${holderCreditCode}#${receiptNo.toUpperCase()}`),
  mediaTrace: (traceId: string) => key(`MEDIA_TRACE#${traceId}`, 'MEDIA_TRACE'),
  imageUploadsOfHour: (communityId: string, userId: string, hour: string) =>
    key(`COMMUNITY#${communityId}`, `IMAGE_UPLOADS#${userId}#${hour}`),

  transferJournal: (communityId: string, createdAt: string, transferId: string) => ({
    GSI1PK: `TRANSFERS#${communityId}`,
    GSI1SK: `${createdAt}#${transferId}`,
  }),
  transferJournalPartition: (communityId: string) => `TRANSFERS#${communityId}`,

  stats: (communityId: string, month: string, section: string) =>
    key(`COMMUNITY#${communityId}`, `STATS#${month}#${section}`),
  statsPrefix: () => 'STATS#',
  gauges: (communityId: string) => key(`COMMUNITY#${communityId}`, 'GAUGES'),

  auditEntry: (communityId: string, at: string, id: string) => key(`AUDIT#${communityId}`, `${at}#${id}`),
  auditPartition: (communityId: string) => `AUDIT#${communityId}`,
  auditByActor: (communityId: string, actorId: string, at: string, id: string) => ({
    GSI1PK: `AUDIT_ACTOR#${communityId}#${actorId}`,
    GSI1SK: `${at}#${id}`,
  }),
  auditActorPartition: (communityId: string, actorId: string) => `AUDIT_ACTOR#${communityId}#${actorId}`,
  auditByObject: (communityId: string, objectType: string, objectId: string, at: string, id: string) => ({
    GSI2PK: `AUDIT_OBJECT#${communityId}#${objectType}#${objectId}`,
    GSI2SK: `${at}#${id}`,
  }),
  auditObjectPartition: (communityId: string, objectType: string, objectId: string) =>
    `AUDIT_OBJECT#${communityId}#${objectType}#${objectId}`,

  earned: (communityId: string, userId: string, month: string) =>
    key(`COMMUNITY#${communityId}`, `EARNED#${userId}#${month}`),
  earnedPrefix: (userId: string) => `EARNED#${userId}#`,
  earners: (communityId: string, month: string, userId: string) => ({
    GSI1PK: `EARNERS#${communityId}#${month}`,
    GSI1SK: userId,
  }),
  earnersPartition: (communityId: string, month: string) => `EARNERS#${communityId}#${month}`,
  recognition: (communityId: string, month: string, userId: string) =>
    key(`COMMUNITY#${communityId}`, `RECOGNITION#${month}#${userId}`),
  recognitionPrefix: (month: string) => `RECOGNITION#${month}#`,

  proxy: (communityId: string, residentId: string, proxyId: string) =>
    key(`COMMUNITY#${communityId}`, `PROXY#${residentId}#${proxyId}`),
  proxiesOfResidentPrefix: (residentId: string) => `PROXY#${residentId}#`,
  proxyPrefix: () => 'PROXY#',
  proxiesFor: (communityId: string, proxyId: string, residentId: string) => ({
    GSI1PK: `PROXIES_FOR#${communityId}#${proxyId}`,
    GSI1SK: residentId,
  }),
  proxiesForPartition: (communityId: string, proxyId: string) => `PROXIES_FOR#${communityId}#${proxyId}`,
  expiryNotice: (communityId: string, userId: string, cutoff: string) =>
    key(`COMMUNITY#${communityId}`, `EXPIRY_NOTICE#${userId}#${cutoff}`),
  wechatRefund: (outRefundNo: string) => key(`WECHAT_REFUND#${outRefundNo}`, 'WECHAT_REFUND'),

  team: (communityId: string, teamId: string) => key(`COMMUNITY#${communityId}`, `TEAM#${teamId}`),
  teamsPrefix: () => 'TEAM#',
  /** Claims a team's name in its community (case and width folded), so two teams never share one. */
  teamName: (communityId: string, name: string) =>
    key(`COMMUNITY#${communityId}`, `TEAM_NAME#${name.normalize('NFKC').trim().toLowerCase()}`),
  teamMember: (communityId: string, teamId: string, userId: string) =>
    key(`COMMUNITY#${communityId}`, `TEAM_MEMBER#${teamId}#${userId}`),
  teamMembersPrefix: (teamId: string) => `TEAM_MEMBER#${teamId}#`,
  teamRequest: (communityId: string, teamId: string, userId: string) =>
    key(`COMMUNITY#${communityId}`, `TEAM_REQUEST#${teamId}#${userId}`),
  teamRequestsPrefix: (teamId: string) => `TEAM_REQUEST#${teamId}#`,
  /** A membership's or a request's place among the member's teams (`my state` in one Query). */
  myTeams: (communityId: string, userId: string, teamId: string, kind: 'MEMBER' | 'REQUEST') => ({
    GSI2PK: `MY_TEAMS#${communityId}#${userId}`,
    GSI2SK: `${teamId}#${kind}`,
  }),
  myTeamsPartition: (communityId: string, userId: string) => `MY_TEAMS#${communityId}#${userId}`,
} as const;

/** Which kind of item a row is; written on every item for exports and debugging. */
export const ENTITY = {
  user: 'User',
  openid: 'Openid',
  wechatSession: 'WechatSession',
  community: 'Community',
  invitation: 'Invitation',
  district: 'District',
  districtOfficer: 'DistrictOfficer',
  member: 'Member',
  memberNumbers: 'MemberNumbers',
  memberNumber: 'MemberNumber',
  account: 'Account',
  certificate: 'Certificate',
  idempotency: 'Idempotency',
  transfer: 'Transfer',
  ledgerEntry: 'LedgerEntry',
  activity: 'Activity',
  activitySeries: 'ActivitySeries',
  attendeeShard: 'AttendeeShard',
  attendance: 'Attendance',
  signup: 'Signup',
  volunteerProfile: 'VolunteerProfile',
  recordRequest: 'RecordRequest',
  serviceCertificate: 'ServiceCertificate',
  serviceCertificateSequence: 'ServiceCertificateSequence',
  certificateSeal: 'CertificateSeal',
  openRecordRequests: 'OpenRecordRequests',
  claim: 'Claim',
  merchant: 'Merchant',
  merchantStaff: 'MerchantStaff',
  discountUse: 'DiscountUse',
  flag: 'ProxyFlag',
  complaint: 'Complaint',
  post: 'MerchantPost',
  contribution: 'Contribution',
  leaderboardEntry: 'LeaderboardEntry',
  good: 'Good',
  redemption: 'Redemption',
  fundHead: 'FundHead',
  fundEntry: 'FundEntry',
  fundMonth: 'FundMonth',
  fundExpense: 'FundExpense',
  product: 'Product',
  order: 'Order',
  makerAccount: 'MakerAccount',
  payout: 'Payout',
  once: 'Once',
  pledge: 'Pledge',
  notification: 'Notification',
  subscriptions: 'Subscriptions',
  consent: 'Consent',
  image: 'Image',
  donationMessage: 'DonationMessage',
  receiptRequest: 'ReceiptRequest',
  receiptNumber: 'ReceiptNumber',
  mediaTrace: 'MediaTrace',
  imageUploads: 'ImageUploads',
  stats: 'MonthlyStats',
  gauges: 'Gauges',
  auditEntry: 'AuditEntry',
  earned: 'MonthEarned',
  recognition: 'Recognition',
  proxy: 'Proxy',
  expiryNotice: 'ExpiryNotice',
  wechatRefund: 'WechatRefund',
  team: 'Team',
  teamName: 'TeamName',
  teamMember: 'TeamMember',
  teamRequest: 'TeamJoinRequest',
} as const;
