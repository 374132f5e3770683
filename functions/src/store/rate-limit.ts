import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AppError } from '../lib/errors';
import { isConditionalCheckFailed } from './client';
import { keys, retentionValues } from './keys';

/**
 * Fixed-window rate limits kept in the table: one conditional ADD per request on the limited
 * routes (login, check-in, pass verification, gifts…), so every Lambda container sees the same count.
 * Windows expire through the table's TTL.
 */
export interface RateLimitRule {
  /** Requests allowed per window. */
  limit: number;
  windowSeconds: number;
  /** Count per source IP (before login) or per authenticated user. */
  by: 'ip' | 'user';
  /**
   * Whether a refused request counts too (the default, per user): a wrong check-in code is a guess
   * and must cost one. False where only what went through is worth limiting.
   */
  countsRefused?: boolean;
}

export const RATE_LIMITS = {
  login: { limit: 20, windowSeconds: 60, by: 'ip' },
  checkin: { limit: 30, windowSeconds: 60, by: 'user' },
  verifyPass: { limit: 60, windowSeconds: 60, by: 'user' },
  /** The public certificate check: enough for a school's desk, too few to walk the serials. */
  certificateCheck: { limit: 60, windowSeconds: 60, by: 'ip' },
  /** A person's data export (issue 20) reads their whole history: a few an hour is plenty. */
  dataExport: { limit: 10, windowSeconds: 3600, by: 'user' },
  /**
   * Gifts of points (issue 21): a gift by member number answers with the recipient's name, so numbers
   * could be walked a point at a time to collect the community's names; 20 gifts an hour is more than
   * any neighbour gives. Counted with the gift, in its transaction: a refused gift (not enough points,
   * no such number — which tells no name) does not count.
   */
  gift: { limit: 20, windowSeconds: 3600, by: 'user', countsRefused: false },
} satisfies Record<string, RateLimitRule>;

export type RateLimitName = keyof typeof RATE_LIMITS;

let overridesSource: string | undefined;
let overrides: Partial<Record<RateLimitName, Partial<RateLimitRule>>> = {};

/** The rule, with `RATE_LIMITS` (JSON, e.g. `{"login":{"limit":5}}`) from the environment applied. */
export function rateLimitRule(name: RateLimitName): RateLimitRule {
  const source = process.env.RATE_LIMITS ?? '';
  if (source !== overridesSource) {
    overridesSource = source;
    overrides = source ? (JSON.parse(source) as typeof overrides) : {};
  }
  return { ...RATE_LIMITS[name], ...overrides[name] };
}

export const tooManyRequests = (retryAfterSeconds: number) =>
  new AppError('rate.limited', 'Too many requests; please wait a moment and try again', { retryAfterSeconds });

/** Counts one request against `subject`'s window; throws 429 `rate.limited` once the window is full. */
export async function consumeRateLimit(
  client: DynamoDBDocumentClient,
  tableName: string,
  name: RateLimitName,
  subject: string,
  now: number = Date.now(),
): Promise<void> {
  const rule = rateLimitRule(name);
  const windowMs = rule.windowSeconds * 1000;
  const windowStart = now - (now % windowMs);
  const key = keys.rateWindow(name, subject, windowStart);
  const expiresAt = Math.ceil((windowStart + windowMs) / 1000) + 60;
  try {
    await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: key,
        // found again by the retention job when it is due (pattern 79)
        UpdateExpression:
          'ADD hits :one SET expiresAt = :expires, #type = :type, GSI1PK = :retainIn, GSI1SK = :retainAt',
        ConditionExpression: 'attribute_not_exists(hits) OR hits < :limit',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: {
          ':one': 1,
          ':limit': rule.limit,
          ':expires': expiresAt,
          ':type': 'RateWindow',
          ...retentionValues(key, expiresAt),
        },
      }),
    );
  } catch (error) {
    if (isConditionalCheckFailed(error)) throw tooManyRequests(Math.ceil((windowStart + windowMs - now) / 1000));
    throw error;
  }
}
