import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getItem } from '../client';
import { AppError } from '../../lib/errors';
import { keys } from '../keys';

/**
 * 401 `auth.account_closed` when `userId`'s account was closed: every authenticated request asks
 * (one read of the user record's `closedAt`), so a closed account's tokens stop working on every
 * instance within a second. A user id with no record (tools' tokens) is not closed.
 */
export async function refuseClosedAccount(
  client: DynamoDBDocumentClient,
  tableName: string,
  userId: string,
): Promise<void> {
  // Eventually consistent (half the cost): a closure reaches every reader within a second.
  const user = await getItem(client, tableName, keys.user(userId), { consistent: false });
  if (user?.closedAt) throw new AppError('auth.account_closed', 'This account was closed; please log in again');
}
