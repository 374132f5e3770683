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

/** A notification written before notifications had removal keys (before issue 20's retention). */
export interface UnkeyedNotification {
  PK: string;
  SK: string;
  createdAt: string;
}

/** Where the backfill stands: finished, or where its Scan resumes. */
export interface BackfillState {
  done: boolean;
  startKey?: Record<string, unknown>;
}

/** The one-off backfill of notifications' removal keys (pattern 80). */
export interface NotificationBackfillStore {
  backfillState(): Promise<BackfillState>;
  saveBackfillState(state: BackfillState): Promise<void>;
  /** One Scan page (`limit` items read) of notifications without a removal key. */
  unkeyedNotifications(
    limit: number,
    startKey?: Record<string, unknown>,
  ): Promise<{ items: UnkeyedNotification[]; nextKey?: Record<string, unknown> }>;
  /** Gives the notification its removal key, if it still has none; false when it had one or is gone. */
  keyNotification(item: UnkeyedNotification, removeAtSeconds: number): Promise<boolean>;
  /** Deletes the notification, if it still has no removal key; false otherwise. */
  removeUnkeyed(item: UnkeyedNotification): Promise<boolean>;
}

/** Scan pages (of up to 1,000 items read) per run of the backfill: the next run resumes. */
export const BACKFILL_PAGES_PER_RUN = 50;

/**
 * Notifications sent before they carried a removal key (pattern 79) are in no removal bucket, so
 * `applyRetention` would never find them. This one-off backfill Scans the table for them — the only
 * Scan Linli makes, once: its progress is kept (pattern 80) and, when it has been through the table,
 * each later run costs one read — and gives each its key (sent + `NOTIFICATION_RETENTION_DAYS`), or
 * deletes it at once when that is already past (its bucket may be older than the job's look-back).
 * Bounded per run (`maxPages`); idempotent (each write is conditional on the item still having no key).
 */
export async function backfillNotificationKeys(
  store: NotificationBackfillStore,
  options: { now: Date; maxPages?: number },
): Promise<{ keyed: number; removed: number; done: boolean }> {
  const outcome = { keyed: 0, removed: 0, done: true };
  let state = await store.backfillState();
  if (state.done) return outcome;
  const nowSeconds = Math.floor(options.now.getTime() / 1000);
  for (let pages = 0; pages < (options.maxPages ?? BACKFILL_PAGES_PER_RUN); pages += 1) {
    const page = await store.unkeyedNotifications(1000, state.startKey);
    for (const item of page.items) {
      const removeAt = Math.floor(Date.parse(item.createdAt) / 1000) + NOTIFICATION_RETENTION_DAYS * 86_400;
      if (!Number.isFinite(removeAt) || removeAt <= nowSeconds) {
        if (await store.removeUnkeyed(item)) outcome.removed += 1;
      } else if (await store.keyNotification(item, removeAt)) outcome.keyed += 1;
    }
    state = page.nextKey ? { done: false, startKey: page.nextKey } : { done: true };
    await store.saveBackfillState(state);
    if (state.done) return outcome;
  }
  return { ...outcome, done: false };
}
