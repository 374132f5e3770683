import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Claim } from '@linli/shared';
import { ENTITY, keys } from '../functions/src/store/keys';
import { DynamoCommunityStore } from '../functions/src/store/identity/identity-store';
import { invoke, type Handler } from '../tests/support/events';
import type { RequestCounts } from './counting-client';
import { apiEvent, batchWrite, communityRecord, tokenFor } from './fixtures';
import type { BenchStack } from './stack';
import { now, percentile } from './timing';

export interface ScaleSize {
  members: number;
  activities: number;
  postings: number;
}

export interface ScaleTiming {
  route: string;
  p50: number;
  p99: number;
  requests: RequestCounts;
  /** Set when the route does not exist yet. */
  missing?: string;
}

export interface ScaleRun {
  size: ScaleSize;
  generateSeconds: number;
  timings: ScaleTiming[];
}

/** Entries of the subject member's own history: page 50 of 20 needs at least 981. */
const SUBJECT_ENTRIES = 1_100;
const CLAIMS_PER_ACTIVITY = 5;
const STATS_HANDLER = path.resolve(__dirname, '..', 'functions', 'src', 'http', 'office', 'get-stats.ts');
const DAY = 86_400_000;

const iso = (milliseconds: number) => new Date(milliseconds).toISOString();

function memberItems(communityId: string, userId: string, index: number, roles: string[]) {
  const joinedAt = iso(Date.UTC(2025, 0, 1) + index * 60_000);
  return [
    {
      ...keys.member(communityId, userId),
      ...keys.membershipOfUser(userId, communityId),
      ...keys.memberListing(communityId, joinedAt, userId),
      type: ENTITY.member,
      communityId,
      userId,
      roles,
      displayName: `居民${index}`,
      joinedAt,
    },
    {
      ...keys.memberAccount(communityId, userId),
      type: ENTITY.account,
      communityId,
      address: `member:${userId}`,
      balancePoints: 10 + (index % 50),
      earnedPoints: 10 + (index % 50),
    },
  ];
}

function activityItem(communityId: string, index: number, staffId: string) {
  const id = `act${String(index).padStart(6, '0')}`;
  const startsAt = iso(Date.now() + (index - 1_000) * DAY * 0.3);
  return {
    ...keys.activity(communityId, id),
    ...keys.activityListing(communityId, startsAt, id),
    type: ENTITY.activity,
    id,
    communityId,
    title: `活动 ${index}`,
    category: 'care',
    startsAt,
    endsAt: iso(Date.parse(startsAt) + 2 * 3_600_000),
    graceMinutes: 15,
    status: 'scheduled',
    attendeeCount: CLAIMS_PER_ACTIVITY,
    createdBy: staffId,
    createdAt: iso(Date.parse(startsAt) - 7 * DAY),
    checkinSecret: 'bench-secret-bench-secret-bench-secret',
  };
}

function claimItem(
  communityId: string,
  activity: { id: string; title: string; startsAt: string },
  memberId: string,
  index: number,
  staffId: string,
) {
  const claim: Claim = {
    id: `cl${activity.id}m${index}`,
    communityId,
    memberId,
    memberName: `居民${index}`,
    activityId: activity.id,
    activityTitle: activity.title,
    minutes: 120,
    points: 2,
    status: index % 10 === 0 ? 'pending' : 'approved',
    source: 'checkin',
    flagged: false,
    createdBy: memberId,
    createdAt: activity.startsAt,
    ...(index % 10 === 0 ? {} : { decidedBy: staffId, decidedAt: activity.startsAt }),
  };
  return {
    ...keys.claim(communityId, claim.id),
    ...keys.claimQueue(communityId, claim.status, claim.createdAt, claim.id),
    ...keys.memberClaims(communityId, claim.memberId, claim.createdAt, claim.id),
    type: ENTITY.claim,
    ...claim,
  };
}

/** One history row as transferItems (functions/src/store/ledger/ledger-store.ts) writes it. */
function ledgerEntry(communityId: string, address: string, index: number, amountPoints: number) {
  const createdAt = iso(Date.UTC(2024, 0, 1) + index * 90_000);
  const transferId = `claim:bench${String(index).padStart(8, '0')}`;
  return {
    ...keys.ledgerEntry(communityId, address, createdAt, transferId),
    type: ENTITY.ledgerEntry,
    communityId,
    address,
    transferId,
    amountPoints,
    kind: 'claim',
    memo: `活动 ${index % 2_000}`,
    createdAt,
  };
}

/**
 * A community of `size`: members with accounts, activities with claims (one in ten pending),
 * and `size.postings` ledger history rows — half on member accounts (the subject member
 * holding ${SUBJECT_ENTRIES}), half on the issuance account — written with BatchWriteItem.
 */
async function generate(stack: BenchStack, size: ScaleSize) {
  const client = stack.client.documentClient;
  const community = communityRecord();
  const cid = community.id;
  await new DynamoCommunityStore(client, stack.tableName).putCommunity(community);
  const memberIds = Array.from({ length: size.members }, (_, index) => `m${String(index).padStart(7, '0')}`);
  const [staffId, subjectId] = [memberIds[0]!, memberIds[1]!];
  const items: Record<string, unknown>[] = memberIds.flatMap((userId, index) =>
    memberItems(cid, userId, index, index === 0 ? ['staff'] : ['resident']),
  );
  for (let index = 0; index < size.activities; index += 1) {
    const activity = activityItem(cid, index, staffId);
    items.push(activity);
    for (let offset = 0; offset < CLAIMS_PER_ACTIVITY; offset += 1) {
      const memberIndex = 1 + ((index * CLAIMS_PER_ACTIVITY + offset) % (size.members - 1));
      items.push(claimItem(cid, activity, memberIds[memberIndex]!, index * CLAIMS_PER_ACTIVITY + offset, staffId));
    }
  }
  const memberRows = Math.floor(size.postings / 2);
  for (let index = 0; index < size.postings; index += 1) {
    if (index >= memberRows) {
      items.push(ledgerEntry(cid, 'community:issuance', index, -2));
      continue;
    }
    const owner =
      index < Math.min(SUBJECT_ENTRIES, memberRows) ? subjectId : memberIds[1 + (index % (size.members - 1))]!;
    items.push(ledgerEntry(cid, `member:${owner}`, index, 2));
  }
  await batchWrite(client, stack.tableName, items, 16);
  return { cid, staff: tokenFor(staffId), subject: tokenFor(subjectId) };
}

interface Probe {
  route: string;
  handler: Handler;
  event: () => ReturnType<typeof apiEvent>;
}

const WARM_UP_ROUNDS = 5;

/** Rounds over every probe in turn (so a pause of DynamoDB Local hits them all alike), warm-up rounds dropped. */
async function timeRoundRobin(stack: BenchStack, probes: Probe[], runs: number): Promise<ScaleTiming[]> {
  const times = probes.map(() => [] as number[]);
  const requests = probes.map((): RequestCounts => ({}));
  for (let round = 0; round < runs + WARM_UP_ROUNDS; round += 1) {
    for (const [index, probe] of probes.entries()) {
      stack.client.reset();
      const start = now();
      const reply = await invoke(probe.handler, probe.event());
      const milliseconds = now() - start;
      if (reply.status !== 200) throw new Error(`${probe.route} → ${reply.status}: ${JSON.stringify(reply.body)}`);
      requests[index] = stack.client.counts();
      if (round >= WARM_UP_ROUNDS) times[index]!.push(milliseconds);
    }
  }
  return probes.map((probe, index) => ({
    route: probe.route,
    p50: percentile(times[index]!, 0.5),
    p99: percentile(times[index]!, 0.99),
    requests: requests[index]!,
  }));
}

const handlerOf = (module: { handler: unknown }) => module.handler as Handler;

export async function measureScale(stack: BenchStack, size: ScaleSize, runs: number): Promise<ScaleRun> {
  const started = now();
  const { cid, staff, subject } = await generate(stack, size);
  const generateSeconds = (now() - started) / 1000;
  const [getMe, getMyLedger, listClaims] = await Promise.all([
    import('../functions/src/http/identity/get-me').then(handlerOf),
    import('../functions/src/http/ledger/get-my-ledger').then(handlerOf),
    import('../functions/src/http/timebank/list-claims').then(handlerOf),
  ]);
  const ledgerPage = (cursor?: string) =>
    apiEvent(
      'GET',
      '/v1/communities/{cid}/me/ledger',
      { cid },
      { token: subject, ...(cursor ? { query: { cursor } } : {}) },
    );
  let cursor: string | undefined;
  for (let page = 1; page < 50; page += 1) {
    const reply = await invoke(getMyLedger, ledgerPage(cursor));
    cursor = reply.body.nextCursor as string | undefined;
    if (!cursor) throw new Error(`the subject's ledger ended at page ${page}`);
  }
  const page50Cursor = cursor;
  const probes: Probe[] = [
    {
      route: 'me',
      handler: getMe,
      event: () => apiEvent('GET', '/v1/communities/{cid}/me', { cid }, { token: subject }),
    },
    { route: 'ledger page 1', handler: getMyLedger, event: () => ledgerPage() },
    { route: 'ledger page 50', handler: getMyLedger, event: () => ledgerPage(page50Cursor) },
    {
      route: 'approval queue',
      handler: listClaims,
      event: () =>
        apiEvent('GET', '/v1/communities/{cid}/claims', { cid }, { token: staff, query: { status: 'pending' } }),
    },
  ];
  const statsBuilt = existsSync(STATS_HANDLER);
  if (statsBuilt) {
    probes.push({
      route: 'statistics',
      handler: handlerOf((await import(STATS_HANDLER)) as { handler: unknown }),
      event: () => apiEvent('GET', '/v1/communities/{cid}/stats', { cid }, { token: staff }),
    });
  }
  const timings = await timeRoundRobin(stack, probes, runs);
  if (!statsBuilt) {
    timings.push({
      route: 'statistics',
      p50: Number.NaN,
      p99: Number.NaN,
      requests: {},
      missing: 'not built yet (functions/src/http/office/get-stats.ts)',
    });
  }
  return { size, generateSeconds, timings };
}
