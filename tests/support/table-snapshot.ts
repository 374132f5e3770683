import { createHash } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from './api';
import { tableName } from './factories';

/**
 * A stable hash of every item in the table (a full, parallel Scan: fine for a test), leaving out
 * the items a refused request may legitimately leave: Idempotency-Key locks and rate-limit windows.
 */
export const VOLATILE_TYPES = new Set(['Idempotency', 'RateWindow']);

/**
 * Attributes the local stack's scheduled jobs write at any moment, whatever request is under test:
 * an activity's `shardedCount`, the attendee shards' sum the 5-minute job copies onto it for lists;
 * a sign-up's reminder flags (`sendActivityReminders`) and no-show mark, and the member's no-show
 * count (`closeOpenAttendances`); an order's WeChat shipping upload state and its place in the
 * index of uploads due (`retryShippingUploads`).
 */
const JOB_WRITTEN = ['shardedCount', 'remindedDayBefore', 'remindedHourBefore', 'noShow', 'noShows', 'shipping'];

/** The index of shipping uploads due, which `retryShippingUploads` moves an order in and out of. */
const SHIPPING_DUE = 'ORDERS_SHIPPING_DUE';

/**
 * What WeChat's image check changes on a photo at any moment (its verdict arrives by message push a
 * moment after the upload, or the `holdOverdueImageChecks` job moves it): status, when, why held, and
 * its place in the review queue (GSI1) and the overdue-check index (GSI2).
 */
const VERDICT_WRITTEN = ['status', 'checkedAt', 'heldBecause', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK'];

/** Items the scheduled jobs add at any moment: the reminders `sendActivityReminders` writes. */
const jobWrittenItem = (item: Record<string, unknown>) =>
  item.type === 'Notification' && item.kind === 'activity_reminder';

export interface TableSnapshot {
  hash: string;
  items: Map<string, string>;
}

export async function tableSnapshot(): Promise<TableSnapshot> {
  const items = new Map<string, string>();
  const client = documentClient();
  const segments = 4;
  await Promise.all(
    Array.from({ length: segments }, async (_unused, segment) => {
      let start: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new ScanCommand({
            TableName: tableName(),
            ExclusiveStartKey: start,
            Segment: segment,
            TotalSegments: segments,
          }),
        );
        for (const item of page.Items ?? []) {
          if (VOLATILE_TYPES.has(String(item.type)) || jobWrittenItem(item)) continue;
          const stable = { ...item };
          for (const name of JOB_WRITTEN) delete stable[name];
          if (item.type === 'Image' && item.status !== 'awaiting_upload')
            for (const name of VERDICT_WRITTEN) delete stable[name];
          if (stable.GSI1PK === SHIPPING_DUE) {
            delete stable.GSI1PK;
            delete stable.GSI1SK;
          }
          items.set(`${String(item.PK)}|${String(item.SK)}`, stableJson(stable));
        }
        start = page.LastEvaluatedKey;
      } while (start);
    }),
  );
  const hash = createHash('sha256');
  for (const key of [...items.keys()].sort()) hash.update(`${key}\n${items.get(key)}\n`);
  return { hash: hash.digest('hex'), items };
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value instanceof Set) return stableJson([...value].map(String).sort());
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'undefined';
}

export function describeChanges(before: Map<string, string>, after: Map<string, string>): string[] {
  const changes: string[] = [];
  for (const [key, value] of after) {
    if (!before.has(key)) changes.push(`added ${key} ${value.slice(0, 200)}`);
    else if (before.get(key) !== value) changes.push(`changed ${key} ${value.slice(0, 200)}`);
  }
  for (const key of before.keys()) if (!after.has(key)) changes.push(`removed ${key}`);
  return changes;
}
