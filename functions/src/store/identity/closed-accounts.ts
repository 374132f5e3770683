import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getItem } from '../client';
import { AppError } from '../../lib/errors';
import { keys } from '../keys';

/**
 * 401 `auth.account_closed` when `userId`'s account was closed: every authenticated request asks
 * (one strongly consistent read of the user record's `closedAt`), so a closed account's tokens stop
 * working at once on every instance. A user id with no record (tools' tokens) is not closed.
 */
export async function refuseClosedAccount(
  client: DynamoDBDocumentClient,
  tableName: string,
  userId: string,
): Promise<void> {
  const user = await getItem(client, tableName, keys.user(userId));
  if (user?.closedAt) throw new AppError('auth.account_closed', 'This account was closed; please log in again');
}
