import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { nextMemberNo } from '@linli/shared';
import { cancellationReasons, getItem, type TransactionItem } from '../client';
import { ENTITY, keys } from '../keys';

/**
 * Tries of one member's write before a busy counter is answered as busy (503 `service.busy`): each
 * conflict means another member got a number meanwhile, so ten people joining at once all get theirs.
 */
export const MEMBER_NUMBER_ATTEMPTS = 25;

const pause = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.min(200, 10 * attempt) + Math.random() * 40));

/** A cancelled write that did not see the counter move is tried again at most this many times. */
const STALLED_ATTEMPTS = 4;

/**
 * The highest number the community has given (pattern 82), undefined when it has given none. The
 * request's read-ahead when it holds the counter; `fresh`: from the table (a strongly consistent read),
 * as after a cancelled write, when the read-ahead is what the write was cancelled for.
 */
export async function lastMemberNo(
  client: DynamoDBDocumentClient,
  tableName: string,
  communityId: string,
  options: { fresh?: boolean } = {},
): Promise<number | undefined> {
  const counter = await getItem(client, tableName, keys.memberNumbers(communityId), { fresh: options.fresh });
  return typeof counter?.lastNo === 'number' ? counter.lastNo : undefined;
}

/**
 * The two items that give `memberNo` to `userId`, for the member's own transaction: the counter
 * moved from `last` to `memberNo` on the condition it still stands at `last` (pattern 82), and the
 * number's own item, on the condition it was never given (pattern 82b).
 */
export function memberNumberItems(
  tableName: string,
  numbered: { communityId: string; userId: string; memberNo: number },
  last: number | undefined,
): TransactionItem[] {
  const { communityId, userId, memberNo } = numbered;
  return [
    {
      Update: {
        TableName: tableName,
        Key: keys.memberNumbers(communityId),
        UpdateExpression: 'SET lastNo = :next, #type = :type, communityId = :community',
        ConditionExpression: last === undefined ? 'attribute_not_exists(lastNo)' : 'lastNo = :last',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: {
          ':next': memberNo,
          ':type': ENTITY.memberNumbers,
          ':community': communityId,
          ...(last === undefined ? {} : { ':last': last }),
        },
      },
    },
    {
      Put: {
        TableName: tableName,
        Item: { ...keys.memberNumber(communityId, memberNo), type: ENTITY.memberNumber, communityId, memberNo, userId },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
  ];
}

/**
 * Gives `member` the community's next number in the transaction that `write` sends (the member's
 * own): `write` gets the member with its `memberNo` and the items of {@link memberNumberItems} to
 * add to it. The counter is read first (from the request's read-ahead when it was batched there);
 * when the transaction is cancelled because the counter moved meanwhile (another member took that
 * number) or an item was busy, the counter is read again from the table (never the request's
 * read-ahead, which is what went stale) and the write tried again with the next number, up to
 * {@link MEMBER_NUMBER_ATTEMPTS} times; a cancellation that leaves the counter where it was is tried
 * again a few times ({@link STALLED_ATTEMPTS}), then it is `write`'s to answer, as is any other failure.
 */
export async function withMemberNumber<Member extends { communityId: string; userId: string }, Result>(
  client: DynamoDBDocumentClient,
  tableName: string,
  member: Member,
  write: (numbered: Member & { memberNo: number }, items: TransactionItem[]) => Promise<Result>,
): Promise<Result> {
  let last = await lastMemberNo(client, tableName, member.communityId);
  let stalled = 0;
  for (let attempt = 1; ; attempt += 1) {
    const numbered = { ...member, memberNo: nextMemberNo(last) };
    try {
      return await write(numbered, memberNumberItems(tableName, numbered, last));
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (!reasons || attempt >= MEMBER_NUMBER_ATTEMPTS) throw error;
      await pause(attempt);
      const now = await lastMemberNo(client, tableName, member.communityId, { fresh: true });
      // The counter where it was read: cancelled for another item's condition (the write's own to
      // answer) — or by a number taken in a write whose counter this read does not show yet.
      if (now === last && !reasons.includes('TransactionConflict') && ++stalled >= STALLED_ATTEMPTS) throw error;
      last = now;
    }
  }
}
