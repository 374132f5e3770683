import { createHash } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { runInScope } from '../lib/request-scope';
import { decodeCursor, encodeCursor, queryPage, type CursorBinding } from './cursor';

const signingKey = createHash('sha256').update('test key').digest();
const keyAttributes = ['PK', 'SK', 'GSI1PK', 'GSI1SK'];
const key = { PK: 'CLAIM#c1#k1', SK: 'CLAIM', GSI1PK: 'CLAIMS#c1#pending', GSI1SK: '2026-11-01T10:00:00.000Z#k1' };
const binding: CursorBinding = {
  route: 'listClaims',
  actorId: 'u1',
  indexName: 'GSI1',
  partition: 'CLAIMS#c1#pending',
  newestFirst: true,
  filters: { status: 'pending' },
};

const issued = () => encodeCursor(key, keyAttributes, binding, signingKey)!;
const refusal = { code: 'request.invalid_cursor' };

describe('page cursors', () => {
  it('give back the key to the query that issued them', () => {
    expect(decodeCursor(issued(), keyAttributes, binding, signingKey)).toEqual(key);
    expect(decodeCursor(undefined, keyAttributes, binding, signingKey)).toBeUndefined();
    expect(encodeCursor(undefined, keyAttributes, binding, signingKey)).toBeNull();
  });

  it('do not depend on the order the binding was written in', () => {
    const reordered: CursorBinding = { filters: { status: 'pending' }, ...binding };

    expect(decodeCursor(issued(), keyAttributes, reordered, signingKey)).toEqual(key);
  });

  it.each<[string, Partial<CursorBinding>]>([
    ['another route', { route: 'listMyClaims' }],
    ['another caller', { actorId: 'u2' }],
    ['a proxy acting for the caller', { onBehalfOf: 'u9' }],
    ['another partition', { partition: 'CLAIMS#c2#pending' }],
    ['another index', { indexName: 'GSI2' }],
    ['the other order', { newestFirst: false }],
    ['another filter', { filters: { status: 'approved' } }],
    ['another sort-key range', { sortKeyExpression: 'GSI1SK BETWEEN :from AND :to', sortKeyValues: { ':from': 'a' } }],
  ])('are refused by %s', (_name, change) => {
    expect(() => decodeCursor(issued(), keyAttributes, { ...binding, ...change }, signingKey)).toThrow(
      expect.objectContaining(refusal),
    );
  });

  it('are refused when altered, unsigned, signed with another key or not cursors at all', () => {
    const [payload, signature] = issued().split('.') as [string, string];
    const alteredKey = Buffer.from(JSON.stringify([key.PK, key.SK, key.GSI1PK, 'z'])).toString('base64url');
    const otherKey = createHash('sha256').update('other key').digest();
    const candidates = [
      `${alteredKey}.${signature}`,
      payload,
      `${payload}.`,
      `${payload}.${signature.slice(1)}A`,
      Buffer.from(JSON.stringify(key)).toString('base64url'),
      '{}',
      '.'.repeat(30),
      '😀',
    ];

    for (const cursor of candidates) {
      expect(() => decodeCursor(cursor, keyAttributes, binding, signingKey)).toThrow(expect.objectContaining(refusal));
    }
    expect(() => decodeCursor(issued(), keyAttributes, binding, otherKey)).toThrow(expect.objectContaining(refusal));
  });

  it('refuse a well-signed payload that is not the key shape', () => {
    const cursor = encodeCursor({ PK: 'a', SK: 'b' }, ['PK', 'SK'], binding, signingKey)!;

    expect(() => decodeCursor(cursor, keyAttributes, binding, signingKey)).toThrow(expect.objectContaining(refusal));
  });
});

describe('queryPage', () => {
  const savedSecret = process.env.JWT_SECRET;
  beforeAll(() => {
    process.env.JWT_SECRET = 'a-test-secret-that-is-long-enough-for-hs256';
  });
  afterAll(() => {
    if (savedSecret === undefined) delete process.env.JWT_SECRET;
    else process.env.JWT_SECRET = savedSecret;
  });

  /** A client answering one page with a next key, or refusing the start key as DynamoDB does. */
  const client = (answer: 'page' | 'outside') =>
    ({
      send: async () => {
        if (answer === 'page') return { Items: [{ PK: 'P', SK: 'a' }], LastEvaluatedKey: { PK: 'P', SK: 'a' } };
        const error = new Error('The provided starting key does not match the range key predicate');
        error.name = 'ValidationException';
        throw error;
      },
    }) as unknown as DynamoDBDocumentClient;
  const scope = { requestId: 'r1', actorId: 'u1', route: 'listActivities' };
  const query = {
    tableName: 'linli-test',
    partition: 'P',
    sortKeyCondition: { expression: 'SK >= :from', values: { ':from': '2026-11-01' }, fromClock: true },
    limit: 1,
  };

  it('issues a cursor that the next call of the same query accepts, even when the clock moved the range', async () => {
    const first = await runInScope(scope, () => queryPage(client('page'), { ...query, cursor: undefined }));
    const moved = { ...query.sortKeyCondition, values: { ':from': '2026-11-02' } };

    const second = await runInScope(scope, () =>
      queryPage(client('page'), { ...query, sortKeyCondition: moved, cursor: first.nextCursor! }),
    );

    expect(second.items).toHaveLength(1);
  });

  it('answers 400 when DynamoDB finds a genuine cursor outside the moved range, not a 500', async () => {
    const first = await runInScope(scope, () => queryPage(client('page'), { ...query, cursor: undefined }));

    await expect(
      runInScope(scope, () => queryPage(client('outside'), { ...query, cursor: first.nextCursor! })),
    ).rejects.toMatchObject(refusal);
  });

  it('refuses the cursor of another caller before asking DynamoDB', async () => {
    const first = await runInScope(scope, () => queryPage(client('page'), { ...query, cursor: undefined }));

    await expect(
      runInScope({ ...scope, actorId: 'u2' }, () => queryPage(client('page'), { ...query, cursor: first.nextCursor! })),
    ).rejects.toMatchObject(refusal);
  });
});
