import { randomUUID } from 'node:crypto';
import { BatchWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Community, Role } from '@linli/shared';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ENTITY, keys } from '../functions/src/store/keys';
import { DynamoCommunityStore } from '../functions/src/store/identity/identity-store';
import { DynamoLedgerStore } from '../functions/src/store/ledger/ledger-store';
import { newId } from '../functions/src/lib/ids';
import { issueToken } from '../functions/src/lib/token';
import { httpEvent, invoke, type Handler } from '../tests/support/events';

/** People and objects for the bench and the request-count test, written through the real stores and handlers. */
export interface Person {
  userId: string;
  token: string;
  displayName: string;
}

type Item = Record<string, unknown>;

const BATCH_SIZE = 25;

/** BatchWriteItem, 25 items a request, `parallel` requests in flight, unprocessed items retried. */
export async function batchWrite(
  client: DynamoDBDocumentClient,
  tableName: string,
  items: Item[],
  parallel = 8,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const batch = items.slice(next, next + BATCH_SIZE);
      next += BATCH_SIZE;
      let requests = batch.map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; requests.length > 0; attempt += 1) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 20 * 2 ** attempt)));
        const result = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
        requests = (result.UnprocessedItems?.[tableName] ?? []) as typeof requests;
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}

export function communityRecord(id = `bench-${randomUUID().slice(0, 8)}`): Community {
  return {
    id,
    name: '压测社区',
    currencyName: '志愿积分',
    rules: {
      pointsPerHour: 1,
      certificateThresholdPoints: 1_000_000,
      fundShareBps: 2000,
      minuteRounding: { unitMinutes: 30, mode: 'down' },
    },
  };
}

/** The items `DynamoUserStore.createUser` and `DynamoCommunityStore.addMember` write, for BatchWriteItem. */
export function personItems(communityId: string, userId: string, roles: Role[], displayName: string, at: string) {
  return [
    { ...keys.openid(`bench-${userId}`), type: ENTITY.openid, userId },
    {
      ...keys.user(userId),
      type: ENTITY.user,
      id: userId,
      openid: `bench-${userId}`,
      nickname: displayName,
      createdAt: at,
    },
    {
      ...keys.member(communityId, userId),
      ...keys.membershipOfUser(userId, communityId),
      ...keys.memberListing(communityId, at, userId),
      type: ENTITY.member,
      communityId,
      userId,
      roles,
      displayName,
      joinedAt: at,
    },
  ];
}

export function tokenFor(userId: string): string {
  const secret = process.env.JWT_SECRET;
  if (!secret) throw new Error('JWT_SECRET is not set');
  return issueToken(userId, secret, 24 * 3600).token;
}

/** A community and its people: one staff member and `residents` residents (users and memberships). */
export async function createCommunity(
  client: DynamoDBDocumentClient,
  tableName: string,
  options: { residents: number; id?: string },
) {
  const community = communityRecord(options.id);
  await new DynamoCommunityStore(client, tableName).putCommunity(community);
  const at = new Date().toISOString();
  const person = (userId: string, displayName: string): Person => ({ userId, displayName, token: tokenFor(userId) });
  // User ids as login makes them (`newId`: 26 characters).
  const staff = person(newId(), '压测社工');
  const residents = Array.from({ length: options.residents }, (_, index) => person(newId(), `居民${index + 1}`));
  await batchWrite(client, tableName, [
    ...personItems(community.id, staff.userId, ['staff', 'maker'], staff.displayName, at),
    ...residents.flatMap((resident) =>
      personItems(community.id, resident.userId, ['resident'], resident.displayName, at),
    ),
  ]);
  return { community, cid: community.id, staff, residents };
}

/** Gives a member other roles (directly: the fixtures are not what is being measured). */
export async function setRoles(
  client: DynamoDBDocumentClient,
  tableName: string,
  communityId: string,
  userId: string,
  roles: Role[],
): Promise<void> {
  await client.send(
    new UpdateCommand({
      TableName: tableName,
      Key: keys.member(communityId, userId),
      UpdateExpression: 'SET #roles = :roles',
      ExpressionAttributeNames: { '#roles': 'roles' },
      ExpressionAttributeValues: { ':roles': roles },
    }),
  );
}

/** Points for members, issued through the real ledger store (as approvals do). */
export async function grantPoints(
  client: DynamoDBDocumentClient,
  tableName: string,
  communityId: string,
  userIds: string[],
  points: number,
): Promise<void> {
  const ledger = new DynamoLedgerStore(client, tableName);
  for (let start = 0; start < userIds.length; start += 16) {
    await Promise.all(
      userIds.slice(start, start + 16).map((userId) =>
        ledger.post({
          communityId,
          transferId: `bench-grant:${randomUUID()}`,
          kind: 'adjustment',
          memo: 'bench grant',
          postings: [{ source: 'community:issuance', destination: `member:${userId}`, amountPoints: points }],
          actorId: 'bench',
          createdAt: new Date().toISOString(),
        }),
      ),
    );
  }
}

/** An API Gateway v2 event as the mini-program sends it: bearer token, JSON body, an Idempotency-Key on writes. */
export function apiEvent(
  method: string,
  path: string,
  pathParameters: Record<string, string>,
  options: { token?: string; body?: unknown; query?: Record<string, string> } = {},
): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (method !== 'GET') headers['idempotency-key'] = `bench-${randomUUID()}`;
  const rawPath = path.replace(/\{(\w+)\}/g, (_, name: string) => pathParameters[name] ?? '');
  const event = httpEvent({
    method,
    path: rawPath,
    routeKey: `${method} ${path}`,
    body: options.body,
    headers,
    pathParameters,
  });
  if (options.query) {
    event.queryStringParameters = options.query;
    event.rawQueryString = new URLSearchParams(options.query).toString();
  }
  return event;
}

/** Invokes a handler in-process and fails loudly on an unexpected status. */
export async function expectStatus(handler: Handler, event: APIGatewayProxyEventV2, status: number) {
  const reply = await invoke(handler, event);
  if (reply.status !== status) {
    throw new Error(`${event.routeKey} → ${reply.status} (expected ${status}): ${JSON.stringify(reply.body)}`);
  }
  return reply.body;
}
