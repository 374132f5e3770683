import {
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { proxyAuditAction, type ProxyableRoute } from '@linli/shared';
import type { AuditDraft, CertificateReviewDraft, Effects, NotificationDraft, StatsDraft } from '../domain/effects';
import { newId } from '../lib/ids';
import { currentScope } from '../lib/request-scope';
import { pushEnabledFor } from '../lib/subscribe-templates';
import { cancellationReasons, getItem } from './client';
import { ENTITY, keys, retentionKey, type TableKey } from './keys';
import { NOTIFICATION_RETENTION_DAYS } from '../domain/office/retention';
import type { TransactionItem } from './client';

export type { AuditDraft, Effects, NotificationDraft, StatsDraft, StatsSection } from '../domain/effects';

/** Audit values are snapshots, kept small: long text is cut and keys dropped. */
function snapshot(value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  const json = JSON.stringify(value, (name, inner: unknown) =>
    ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK'].includes(name) ? undefined : inner,
  );
  return json.length > 20_000 ? { truncated: json.slice(0, 20_000) } : (JSON.parse(json) as unknown);
}

function auditItem(tableName: string, draft: AuditDraft, at: string): TransactionItem {
  const scope = currentScope();
  const id = newId(Date.parse(at));
  const actorId = draft.actorId ?? scope?.actorId ?? 'system';
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...keys.auditEntry(draft.communityId, at, id),
        ...keys.auditByActor(draft.communityId, actorId, at, id),
        ...keys.auditByObject(draft.communityId, draft.objectType, draft.objectId, at, id),
        type: ENTITY.auditEntry,
        id,
        communityId: draft.communityId,
        at,
        actorId,
        action: draft.action,
        objectType: draft.objectType,
        objectId: draft.objectId,
        before: snapshot(draft.before),
        after: snapshot(draft.after),
        onBehalfOf: scope?.onBehalfOf,
        requestId: scope?.requestId,
      },
    },
  };
}

/** One UpdateItem of ADDs: numbers are added, string sets gain members. */
export function addUpdate(
  tableName: string,
  key: { PK: string; SK: string },
  add: Record<string, number>,
  addToSet: Record<string, string[]> = {},
  set: Record<string, unknown> = {},
  deleteFromSet: Record<string, string[]> = {},
): TransactionItem {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const additions: string[] = [];
  const assignments: string[] = [];
  const deletions: string[] = [];
  Object.entries(deleteFromSet)
    .filter(([, members]) => members.length > 0)
    .forEach(([name, members], index) => {
      names[`#d${index}`] = name;
      values[`:d${index}`] = new Set(members);
      deletions.push(`#d${index} :d${index}`);
    });
  Object.entries(add).forEach(([name, value], index) => {
    names[`#n${index}`] = name;
    values[`:n${index}`] = value;
    additions.push(`#n${index} :n${index}`);
  });
  Object.entries(addToSet)
    .filter(([, members]) => members.length > 0)
    .forEach(([name, members], index) => {
      names[`#m${index}`] = name;
      values[`:m${index}`] = new Set(members);
      additions.push(`#m${index} :m${index}`);
    });
  Object.entries(set).forEach(([name, value], index) => {
    names[`#s${index}`] = name;
    values[`:s${index}`] = value;
    assignments.push(`#s${index} = :s${index}`);
  });
  const expression = [
    assignments.length ? `SET ${assignments.join(', ')}` : '',
    additions.length ? `ADD ${additions.join(', ')}` : '',
    deletions.length ? `DELETE ${deletions.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return {
    Update: {
      TableName: tableName,
      Key: key,
      UpdateExpression: expression,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/** Merges drafts for the same month and section: DynamoDB allows one operation per item per transaction. */
function mergeStats(drafts: StatsDraft[]): StatsDraft[] {
  const merged = new Map<string, StatsDraft>();
  for (const draft of drafts) {
    const id = `${draft.communityId}|${draft.month}|${draft.section}`;
    const existing = merged.get(id) ?? { ...draft, add: {}, addToSet: {}, deleteFromSet: {} };
    for (const [name, value] of Object.entries(draft.add ?? {})) {
      existing.add![name] = (existing.add![name] ?? 0) + value;
    }
    for (const [name, members] of Object.entries(draft.addToSet ?? {})) {
      existing.addToSet![name] = [...new Set([...(existing.addToSet![name] ?? []), ...members])];
    }
    for (const [name, members] of Object.entries(draft.deleteFromSet ?? {})) {
      existing.deleteFromSet![name] = [...new Set([...(existing.deleteFromSet![name] ?? []), ...members])];
    }
    merged.set(id, existing);
  }
  return [...merged.values()];
}

export function statsItem(tableName: string, draft: StatsDraft): TransactionItem {
  return addUpdate(
    tableName,
    keys.stats(draft.communityId, draft.month, draft.section),
    draft.add ?? {},
    draft.addToSet,
    {
      type: ENTITY.stats,
      communityId: draft.communityId,
      month: draft.month,
      section: draft.section,
    },
    draft.deleteFromSet,
  );
}

/** `active` → `review` (condition: still active), with the reason and when it was flagged. */
function certificateReviewItem(tableName: string, draft: CertificateReviewDraft, at: string): TransactionItem {
  return {
    Update: {
      TableName: tableName,
      Key: keys.memberCertificate(draft.communityId, draft.memberId),
      UpdateExpression: 'SET #status = :review, flaggedAt = :at, reviewReason = :reason',
      ConditionExpression: '#status = :active',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':review': 'review', ':active': 'active', ':at': at, ':reason': draft.reason },
    },
  };
}

function notificationItem(tableName: string, draft: NotificationDraft, createdAt: string): TransactionItem {
  const id = newId(Date.parse(createdAt));
  const push = pushEnabledFor(draft.kind);
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...keys.notification(draft.userId, createdAt, id),
        ...(push ? keys.pushPending(createdAt, draft.userId, id) : {}),
        // removed by the retention job NOTIFICATION_RETENTION_DAYS after it was sent (pattern 79)
        ...retentionKey(
          keys.notification(draft.userId, createdAt, id),
          Math.floor(Date.parse(createdAt) / 1000) + NOTIFICATION_RETENTION_DAYS * 86_400,
        ),
        type: ENTITY.notification,
        id,
        userId: draft.userId,
        communityId: draft.communityId,
        kind: draft.kind,
        title: draft.title,
        body: draft.body,
        message: draft.message,
        objectType: draft.objectType,
        objectId: draft.objectId,
        orderId: draft.orderId,
        createdAt,
        ...(push ? { push: 'pending' } : {}),
      },
    },
  };
}

/**
 * The items an action's effects add to its transaction. A proxy's action with no audit
 * of its own still gets one (`proxy.<route>`), so every proxy action is on record.
 */
export function effectItems(
  tableName: string,
  effects: Effects | undefined,
  now: Date = new Date(),
): TransactionItem[] {
  const at = now.toISOString();
  const items: TransactionItem[] = [];
  const scope = currentScope();
  let audit = effects?.audit;
  if (!audit && scope?.onBehalfOf && scope.communityId) {
    audit = {
      communityId: scope.communityId,
      // Only proxyable routes run on someone's behalf (the acting-for middleware refuses the rest).
      action: proxyAuditAction(scope.route as ProxyableRoute),
      objectType: 'member',
      objectId: scope.onBehalfOf,
    };
  }
  if (audit) items.push(auditItem(tableName, audit, at));
  for (const draft of mergeStats(effects?.stats ?? [])) items.push(statsItem(tableName, draft));
  if (effects?.gauges && Object.keys(effects.gauges.add).length > 0) {
    items.push(
      addUpdate(
        tableName,
        keys.gauges(effects.gauges.communityId),
        effects.gauges.add,
        {},
        {
          type: ENTITY.gauges,
          communityId: effects.gauges.communityId,
        },
      ),
    );
  }
  for (const draft of effects?.notify ?? []) items.push(notificationItem(tableName, draft, at));
  for (const draft of effects?.certificateReviews ?? []) items.push(certificateReviewItem(tableName, draft, at));
  return items;
}

/** A failed condition of a single write that was sent as a transaction (it carried effects). */
class ConditionalCheckFailed extends Error {
  override name = 'ConditionalCheckFailedException';
  constructor(readonly Item?: Record<string, unknown>) {
    super('The conditional request failed');
  }
}

/**
 * Writes one item together with its effects. Without effects it is the plain single
 * request; with effects it is one transaction, and a failed condition on the item is
 * rethrown as ConditionalCheckFailedException so callers handle both alike.
 * Returns the updated item for an Update when `returnNew` (single request only).
 */
export async function writeWithEffects(
  client: DynamoDBDocumentClient,
  item: TransactionItem,
  effects: Effects | undefined,
  options: {
    returnNew?: boolean;
    /** More items of the same change, after the first. */ with?: TransactionItem[];
  } = {},
): Promise<Record<string, unknown> | undefined> {
  const tableName = (item.Put ?? item.Update ?? item.Delete ?? item.ConditionCheck)!.TableName!;
  const extra = [...(options.with ?? []), ...effectItems(tableName, effects)];
  if (extra.length === 0) {
    if (item.Put) await client.send(new PutCommand(item.Put));
    else if (item.Update) {
      const result = await client.send(
        new UpdateCommand({ ...item.Update, ...(options.returnNew ? { ReturnValues: 'ALL_NEW' } : {}) }),
      );
      return result.Attributes;
    } else if (item.Delete) await client.send(new DeleteCommand(item.Delete));
    return undefined;
  }
  try {
    await client.send(new TransactWriteCommand({ TransactItems: [item, ...extra] }));
  } catch (error) {
    if (cancellationReasons(error)?.[0] === 'ConditionalCheckFailed') throw new ConditionalCheckFailed();
    throw error;
  }
  if (options.returnNew && item.Update) {
    // A transaction returns no values: read the item back (staff actions only, never a hot path).
    return (await getItem(client, tableName, item.Update.Key as TableKey)) ?? undefined;
  }
  return undefined;
}
