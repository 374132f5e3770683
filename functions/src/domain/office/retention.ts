/**
 * Retention (issue 20 item 7; PIPL Art. 19 and 47: keep personal information no longer than its
 * purpose needs). The schedule itself — every kind of data, how long and why — is the README's
 * "Retention schedule (issue 20)". The short-lived kinds carry a removal key (pattern 79 in
 * `store/keys.ts`) written with them; the daily `applyRetention` job deletes those that are due.
 * DynamoDB's own TTL (`expiresAt`) deletes the TTL kinds too, some time after expiry, in production;
 * DynamoDB Local never does, and notifications have no TTL: this job is what removes them.
 */

/** A notification in the in-app inbox is kept 180 days after it was sent, then removed. */
export const NOTIFICATION_RETENTION_DAYS = 180;

/** Days of removal buckets each run reads back from today (a job down longer leaves older ones to TTL). */
export const RETENTION_LOOKBACK_DAYS = 40;

/** At most this many items removed per run (the next day's run takes the rest: it reads the same buckets). */
export const MAX_REMOVALS_PER_RUN = 20_000;

const DAY_MS = 86_400_000;

/** An item due for removal, as its removal key found it. */
export interface DueItem {
  PK: string;
  SK: string;
  /** The removal key read (GSI1PK, GSI1SK): the item is deleted only if it still has it. */
  bucket: string;
  removeAt: string;
  type: string;
}

export interface RetentionStore {
  /** Due items (removal ≤ `nowSeconds`) of one shard of one day's bucket, a page at a time. */
  dueItems(
    partition: string,
    nowSeconds: number,
    limit: number,
    startKey?: Record<string, unknown>,
  ): Promise<{ items: DueItem[]; nextKey?: Record<string, unknown> }>;
  /** Deletes each item whose removal key is still the one read; returns those that went. */
  remove(items: readonly DueItem[]): Promise<DueItem[]>;
  partitionsOf(day: string): string[];
}

export interface RetentionReport {
  now: string;
  /** Removed items by their entity type (`Idempotency`, `RateWindow`, `LoginCode`, `ImageUploads`, `Notification`). */
  removed: Record<string, number>;
  /** Due items not removed: already gone (DynamoDB's TTL got there first) or given a new removal time meanwhile. */
  skipped: number;
  bucketsRead: number;
  /** True when the run stopped at `maxRemovals`: the next run continues. */
  bounded: boolean;
}

/** The UTC days from `lookbackDays` ago to today, oldest first. */
export function bucketDays(now: Date, lookbackDays: number): string[] {
  const today = Date.parse(now.toISOString().slice(0, 10));
  return Array.from({ length: lookbackDays + 1 }, (_, index) =>
    new Date(today - (lookbackDays - index) * DAY_MS).toISOString().slice(0, 10),
  );
}

/**
 * Removes every item whose removal time has passed at `now`: each shard of each day's bucket from
 * `lookbackDays` ago to today is Queried for removal ≤ now (never a Scan), and the items are deleted a
 * page (≤ 25) at a time, each only if its removal key is unchanged. Idempotent: a second run finds nothing.
 */
export async function applyRetention(
  store: RetentionStore,
  options: { now: Date; lookbackDays?: number; maxRemovals?: number },
): Promise<RetentionReport> {
  const nowSeconds = Math.floor(options.now.getTime() / 1000);
  const maxRemovals = options.maxRemovals ?? MAX_REMOVALS_PER_RUN;
  const report: RetentionReport = {
    now: options.now.toISOString(),
    removed: {},
    skipped: 0,
    bucketsRead: 0,
    bounded: false,
  };
  let handled = 0;
  for (const day of bucketDays(options.now, options.lookbackDays ?? RETENTION_LOOKBACK_DAYS)) {
    for (const partition of store.partitionsOf(day)) {
      report.bucketsRead += 1;
      let startKey: Record<string, unknown> | undefined;
      do {
        if (handled >= maxRemovals) {
          report.bounded = true;
          return report;
        }
        const page = await store.dueItems(partition, nowSeconds, Math.min(25, maxRemovals - handled), startKey);
        const removed = await store.remove(page.items);
        handled += page.items.length;
        report.skipped += page.items.length - removed.length;
        for (const item of removed) report.removed[item.type] = (report.removed[item.type] ?? 0) + 1;
        startKey = page.nextKey;
      } while (startKey);
    }
  }
  return report;
}
