import { createHash } from 'node:crypto';
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
const jobWrittenItem = (item: WireItem) => item.type?.S === 'Notification' && item.kind?.S === 'activity_reminder';

export interface TableSnapshot {
  hash: string;
  items: Map<string, string>;
}

/** An item as DynamoDB sends it: each attribute a typed value (`{S: …}`, `{N: …}`, `{M: {…}}`…). */
type WireItem = Record<string, Record<string, unknown>>;
type ScanPage = { Items?: WireItem[]; LastEvaluatedKey?: Record<string, unknown> };

/**
 * One page of a parallel Scan, as DynamoDB Local's JSON: a snapshot compares values, and the SDK's
 * typed deserializer with lib-dynamodb's conversion to JavaScript values cost more Node.js CPU than
 * the rest of a snapshot. DynamoDB Local wants a request signed, and does not check the signature.
 */
async function scanPage(endpoint: string, segment: number, segments: number, start: ScanPage['LastEvaluatedKey']) {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': 'DynamoDB_20120810.Scan',
      authorization:
        'AWS4-HMAC-SHA256 Credential=local/20260101/local/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
    },
    body: JSON.stringify({
      TableName: tableName(),
      Segment: segment,
      TotalSegments: segments,
      ExclusiveStartKey: start,
    }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`table snapshot: Scan → ${response.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as ScanPage;
}

/** A string attribute's value (`{S: …}`), else undefined. */
const text = (item: WireItem, name: string) => item[name]?.S as string | undefined;

/** An item's key and comparable text, or undefined for an item a snapshot leaves out. */
function comparable(item: WireItem): { key: string; text: string } | undefined {
  const type = text(item, 'type');
  if ((type !== undefined && VOLATILE_TYPES.has(type)) || jobWrittenItem(item)) return undefined;
  const stable = { ...item };
  for (const name of JOB_WRITTEN) delete stable[name];
  if (type === 'Image' && text(item, 'status') !== 'awaiting_upload')
    for (const name of VERDICT_WRITTEN) delete stable[name];
  if (text(stable, 'GSI1PK') === SHIPPING_DUE) {
    delete stable.GSI1PK;
    delete stable.GSI1SK;
  }
  return { key: `${text(item, 'PK')}|${text(item, 'SK')}`, text: stableJson(stable) };
}

/**
 * The previous snapshot's items by the JSON they came as: from one snapshot to the next most of the
 * table is the same, and an item sent as the same JSON needs no second look (one sent differently,
 * even with its attributes in another order, is looked at again: the cache saves work, never decides).
 */
let lastSeen = new Map<string, { key: string; text: string } | undefined>();

export async function tableSnapshot(): Promise<TableSnapshot> {
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  if (!endpoint) throw new Error('DYNAMODB_ENDPOINT is not set');
  const items = new Map<string, string>();
  const seen = new Map<string, { key: string; text: string } | undefined>();
  const segments = 4;
  await Promise.all(
    Array.from({ length: segments }, async (_unused, segment) => {
      let start: ScanPage['LastEvaluatedKey'];
      do {
        const page = await scanPage(endpoint, segment, segments, start);
        for (const item of page.Items ?? []) {
          const wire = JSON.stringify(item);
          const entry = lastSeen.has(wire) ? lastSeen.get(wire) : comparable(item);
          seen.set(wire, entry);
          if (entry) items.set(entry.key, entry.text);
        }
        start = page.LastEvaluatedKey;
      } while (start);
    }),
  );
  lastSeen = seen;
  const hash = createHash('sha256');
  for (const key of [...items.keys()].sort()) hash.update(`${key}\n${items.get(key)}\n`);
  return { hash: hash.digest('hex'), items };
}

/** The typed values that are sets: their members in any order. */
const SET_TYPES = new Set(['SS', 'NS', 'BS']);

/** An item's attributes in order of name, each value as {@link typedValueJson}: equal items, equal text. */
function stableJson(item: WireItem): string {
  return `{${Object.keys(item)
    .sort()
    .map((name) => `${JSON.stringify(name)}:${typedValueJson(item[name]!)}`)
    .join(',')}}`;
}

/** A typed value's JSON: a set's members sorted, a map's keys in order; a string, number… as it is. */
function typedValueJson(value: Record<string, unknown>): string {
  const [type] = Object.keys(value);
  const inner = value[type!];
  if (type === 'M') return `{"M":${stableJson(inner as WireItem)}}`;
  if (type === 'L') return `{"L":[${(inner as Record<string, unknown>[]).map(typedValueJson).join(',')}]}`;
  if (SET_TYPES.has(type!)) return `{${JSON.stringify(type)}:${JSON.stringify([...(inner as string[])].sort())}}`;
  return JSON.stringify(value);
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
