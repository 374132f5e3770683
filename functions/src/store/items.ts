import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Effects } from '../domain/effects';
import { getItem, isConditionalCheckFailed } from './client';
import { writeWithEffects } from './effects';
import type { TableKey } from './keys';

export { getItem };

const KEY_ATTRIBUTES = ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', 'type'];

/** The entity without its table keys. */
export function withoutKeys<T>(item: Record<string, unknown>): T {
  const copy = { ...item };
  for (const name of KEY_ATTRIBUTES) delete copy[name];
  return copy as T;
}

/** One entity by its key (strongly consistent), without its table keys; null when there is none. */
export async function getEntity<T>(
  client: DynamoDBDocumentClient,
  tableName: string,
  key: TableKey,
): Promise<T | null> {
  const item = await getItem(client, tableName, key);
  return item ? withoutKeys<T>(item) : null;
}

/** Puts a new item (with its effects in the same transaction); false when an item with this key exists already. */
export async function putNewEntity(
  client: DynamoDBDocumentClient,
  tableName: string,
  item: Record<string, unknown>,
  effects?: Effects,
): Promise<boolean> {
  try {
    await writeWithEffects(
      client,
      { Put: { TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(PK)' } },
      effects,
    );
    return true;
  } catch (error) {
    if (isConditionalCheckFailed(error)) return false;
    throw error;
  }
}

/**
 * An UpdateItem that SETs `set` (and REMOVEs `remove`) only while the item's `status`
 * is one of `fromStatuses`. Attribute names are always aliased, so reserved words are safe.
 */
export function statusUpdate(input: {
  tableName: string;
  key: TableKey;
  fromStatuses: readonly string[];
  set: Record<string, unknown>;
  add?: Record<string, number>;
  remove?: string[];
  extraCondition?: { expression: string; values: Record<string, unknown> };
}) {
  const names: Record<string, string> = { '#status': 'status' };
  const values: Record<string, unknown> = { ...input.extraCondition?.values };
  const assignments = Object.entries(input.set)
    .filter(([, value]) => value !== undefined)
    .map(([name, value], index) => {
      names[`#s${index}`] = name;
      values[`:s${index}`] = value;
      return `#s${index} = :s${index}`;
    });
  const additions = Object.entries(input.add ?? {}).map(([name, value], index) => {
    names[`#a${index}`] = name;
    values[`:a${index}`] = value;
    return `#a${index} :a${index}`;
  });
  const removals = (input.remove ?? []).map((name, index) => {
    names[`#r${index}`] = name;
    return `#r${index}`;
  });
  const statusChecks = input.fromStatuses.map((status, index) => {
    values[`:from${index}`] = status;
    return `#status = :from${index}`;
  });
  const expression = [
    assignments.length ? `SET ${assignments.join(', ')}` : '',
    additions.length ? `ADD ${additions.join(', ')}` : '',
    removals.length ? `REMOVE ${removals.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return {
    TableName: input.tableName,
    Key: input.key,
    UpdateExpression: expression,
    ConditionExpression:
      `(${statusChecks.join(' OR ')})` + (input.extraCondition ? ` AND ${input.extraCondition.expression}` : ''),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

/**
 * Runs a status update — with its effects (audit entry, counters, notifications) in the
 * same transaction when there are any; the item as it is now, or null when its status
 * did not allow it.
 */
export async function transitionEntity<T>(
  client: DynamoDBDocumentClient,
  update: ReturnType<typeof statusUpdate>,
  effects?: Effects,
): Promise<T | null> {
  try {
    if (effects) {
      const item = await writeWithEffects(client, { Update: update }, effects, { returnNew: true });
      return item ? withoutKeys<T>(item) : null;
    }
    const result = await client.send(new UpdateCommand({ ...update, ReturnValues: 'ALL_NEW' }));
    return result.Attributes ? withoutKeys<T>(result.Attributes) : null;
  } catch (error) {
    if (isConditionalCheckFailed(error)) return null;
    throw error;
  }
}
