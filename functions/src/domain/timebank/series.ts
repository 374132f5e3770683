import {
  MAX_SERIES_DAYS,
  MAX_SERIES_OCCURRENCES,
  addDays,
  atClockTime,
  dayOf,
  seriesOccurrences,
  type Activity,
  type ActivityCategoryDefinition,
  type ActivitySeries,
  type ActivitySeriesChange,
  type ActivitySeriesOutcome,
  type ActivitySeriesPatch,
  type ActivitySeriesView,
  type CreateActivitySeriesRequest,
  type OccurrenceTimes,
  type UpdateActivityRequest,
} from '@linli/shared';
import { AppError, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import {
  assertCategory,
  cancelActivity,
  createActivity,
  toActivity,
  updateActivity,
  type SettlementDependencies,
} from './activities';
import type { ActivityDraft, ActivityRecord, ActivitySeriesStore, ActivityStore } from './ports';

/**
 * Weekly activities (issue 17). A series is made of ordinary activities, each with its own id,
 * check-in secret (QR), attendance and claims, carrying `seriesId`; editing or cancelling ONE
 * occurrence is the single-activity route. Here: creating the series, and editing or cancelling an
 * occurrence "and the rest", each occurrence through the single-activity use case, so its rules,
 * audit and statistics are the same.
 */

/**
 * The occurrences a request asks for: 400 `activity_series.until_too_far` when `until` is more than
 * {@link MAX_SERIES_DAYS} days after the first occurrence's day, `activity_series.too_many_occurrences`
 * beyond {@link MAX_SERIES_OCCURRENCES} (they are written in one transaction, with an audit entry each).
 */
export function plannedOccurrences(request: CreateActivitySeriesRequest): OccurrenceTimes[] {
  const latestUntil = addDays(dayOf(request.activity.startsAt), MAX_SERIES_DAYS);
  if (request.until > latestUntil) {
    throw new AppError(
      'activity_series.until_too_far',
      `A weekly series ends at most ${MAX_SERIES_DAYS} days after its first occurrence`,
      { latestUntil },
    );
  }
  const occurrences = seriesOccurrences(request.activity, request.weekdays, request.until);
  if (occurrences.length > MAX_SERIES_OCCURRENCES) {
    throw new AppError(
      'activity_series.too_many_occurrences',
      `A weekly series has at most ${MAX_SERIES_OCCURRENCES} occurrences: choose an earlier end or fewer weekdays`,
      { maxOccurrences: MAX_SERIES_OCCURRENCES },
    );
  }
  return occurrences;
}

/**
 * Creates the series: each occurrence is made by `createActivity` (the category checked, its audit
 * entry and its month's count as for any activity) and all of them are written with the series in
 * one transaction — a refused or failed request leaves nothing, and a retry with the same
 * Idempotency-Key is answered from its record.
 */
export async function createActivitySeries(
  input: {
    communityId: string;
    actorId: string;
    request: CreateActivitySeriesRequest;
    categories: readonly ActivityCategoryDefinition[];
    now?: Date;
    /** A fixed id (the demo data); a new one otherwise. */
    seriesId?: string;
  },
  series: ActivitySeriesStore,
): Promise<ActivitySeriesView> {
  const now = input.now ?? new Date();
  const occurrences = plannedOccurrences(input.request);
  const id = input.seriesId ?? newId(now.getTime());
  const weekdays = [...input.request.weekdays].sort((left, right) => left - right);
  const drafts: ActivityDraft[] = [];
  const collector = {
    createActivity: async (activity: ActivityRecord, effects?: ActivityDraft['effects']) => {
      drafts.push({ activity, effects });
    },
  };
  const activities: Activity[] = [];
  const first = input.request.activity;
  for (const times of occurrences) {
    // A sign-up cut-off keeps its distance to each occurrence's start (a day before, an hour before…).
    const closes = first.signupClosesAt
      ? new Date(
          Date.parse(times.startsAt) - (Date.parse(first.startsAt) - Date.parse(first.signupClosesAt)),
        ).toISOString()
      : undefined;
    const request = { ...first, ...times, ...(closes ? { signupClosesAt: closes } : {}) };
    const common = { communityId: input.communityId, actorId: input.actorId, categories: input.categories, now };
    activities.push(await createActivity({ ...common, request, series: { id, weekdays } }, collector));
  }
  const record: ActivitySeries = {
    id,
    communityId: input.communityId,
    weekdays,
    until: input.request.until,
    activityIds: activities.map((activity) => activity.id),
    status: 'active',
    createdBy: input.actorId,
    createdAt: now.toISOString(),
  };
  await series.createSeries(record, drafts, {
    audit: {
      communityId: input.communityId,
      action: 'activity_series.create',
      objectType: 'activity_series',
      objectId: id,
      after: record,
    },
  });
  return { series: record, activities };
}

const byStart = (left: { startsAt: string }, right: { startsAt: string }) =>
  Date.parse(left.startsAt) - Date.parse(right.startsAt);

/** The series and its occurrences, soonest first (404 `activity_series.not_found`). */
async function loadSeries(series: ActivitySeriesStore, communityId: string, seriesId: string) {
  const record = await series.getSeries(communityId, seriesId);
  if (!record) throw notFound('activity_series');
  const occurrences = (await series.getOccurrences(communityId, record.activityIds)).sort(byStart);
  return { record, occurrences };
}

export async function getActivitySeries(
  input: { communityId: string; seriesId: string },
  series: ActivitySeriesStore,
): Promise<ActivitySeriesView> {
  const { record, occurrences } = await loadSeries(series, input.communityId, input.seriesId);
  return { series: record, activities: occurrences.map(toActivity) };
}

/** Occurrence `from` and the later ones (404 `activity_series.occurrence_not_found` for another activity). */
async function fromOnwards(series: ActivitySeriesStore, communityId: string, seriesId: string, fromId: string) {
  const { record, occurrences } = await loadSeries(series, communityId, seriesId);
  const from = occurrences.find((occurrence) => occurrence.id === fromId);
  if (!from) {
    throw new AppError('activity_series.occurrence_not_found', 'This activity is not an occurrence of this series', {
      seriesId,
      activityId: fromId,
    });
  }
  const targets = occurrences.filter((occurrence) => byStart(occurrence, from) >= 0);
  return { record, occurrences, targets };
}

/**
 * A series edit as one occurrence's single edit: clock times on the occurrence's own China-time day
 * (an `endTime` not after `startTime` on the day after).
 */
export function occurrencePatch(occurrence: Pick<Activity, 'startsAt'>, patch: ActivitySeriesPatch) {
  const { startTime, endTime, ...fields } = patch;
  const single: UpdateActivityRequest = { ...fields };
  if (startTime !== undefined && endTime !== undefined) {
    const day = dayOf(occurrence.startsAt);
    single.startsAt = atClockTime(day, startTime);
    single.endsAt = atClockTime(endTime > startTime ? day : addDays(day, 1), endTime);
  }
  return single;
}

/** Would the edit change anything of the occurrence? (A retry finds the earlier attempt's edits made.) */
function changes(occurrence: Pick<Activity, keyof UpdateActivityRequest>, patch: UpdateActivityRequest): boolean {
  return Object.entries(patch).some(
    ([field, value]) =>
      value !== undefined && JSON.stringify(value) !== JSON.stringify(occurrence[field as keyof UpdateActivityRequest]),
  );
}

const outcomeOf = (
  occurrence: Pick<Activity, 'id' | 'startsAt'>,
  outcome: ActivitySeriesOutcome['outcome'],
  extra: Partial<ActivitySeriesOutcome> = {},
): ActivitySeriesOutcome => ({ activityId: occurrence.id, startsAt: occurrence.startsAt, outcome, ...extra });

/** A refusal of one occurrence, reported; anything else (DynamoDB busy…) fails the request, to be retried. */
function refusal(occurrence: Pick<Activity, 'id' | 'startsAt'>, error: unknown): ActivitySeriesOutcome {
  if (!(error instanceof AppError)) throw error;
  return outcomeOf(occurrence, 'failed', { error: { code: error.code, message: error.message } });
}

/**
 * "This and the rest": the edit applied to occurrence `from` and every later one, each through
 * `updateActivity` (the single edit's rules: a cancelled one cannot be edited, one people attended
 * only widens its window, capacity never below who came). Cancelled occurrences and those already over
 * are left as they are (`skipped`); one a rule refuses is reported `failed` with that rule's error
 * while the others are edited — the reply lists what happened to each. An unknown category refuses
 * the whole edit (400) before anything is written.
 */
export async function updateActivitySeries(
  input: {
    communityId: string;
    seriesId: string;
    from: string;
    patch: ActivitySeriesPatch;
    categories: readonly ActivityCategoryDefinition[];
    now?: Date;
  },
  dependencies: { series: ActivitySeriesStore; activities: ActivityStore },
): Promise<ActivitySeriesChange> {
  const now = (input.now ?? new Date()).getTime();
  if (input.patch.category !== undefined) assertCategory(input.patch.category, input.categories);
  const { record, occurrences, targets } = await fromOnwards(
    dependencies.series,
    input.communityId,
    input.seriesId,
    input.from,
  );
  const edited = new Map<string, Activity>();
  const results: ActivitySeriesOutcome[] = [];
  for (const occurrence of targets) {
    const patch = occurrencePatch(occurrence, input.patch);
    if (occurrence.status === 'cancelled') results.push(outcomeOf(occurrence, 'skipped', { reason: 'cancelled' }));
    else if (Date.parse(occurrence.endsAt) <= now) results.push(outcomeOf(occurrence, 'skipped', { reason: 'past' }));
    else if (!changes(occurrence, patch)) results.push(outcomeOf(occurrence, 'unchanged'));
    else {
      try {
        const single = {
          communityId: input.communityId,
          activityId: occurrence.id,
          patch,
          categories: input.categories,
        };
        const updated = await updateActivity(single, dependencies.activities);
        edited.set(occurrence.id, updated);
        results.push(outcomeOf(updated, 'updated'));
      } catch (error) {
        results.push(refusal(occurrence, error));
      }
    }
  }
  const activities = occurrences.map((occurrence) => edited.get(occurrence.id) ?? toActivity(occurrence));
  return { series: record, activities, results };
}

/**
 * "Cancel this and the rest": occurrence `from` and every later one still scheduled, each through
 * `cancelActivity` (its claims and attendances settle as for any cancellation; one with approved hours
 * is reported `failed` with `activity.has_approved_claims`). The series then ends on the day of its
 * last occurrence left (`until`), or is `cancelled` when none is left; that change is audited.
 */
export async function cancelActivitySeries(
  input: { communityId: string; seriesId: string; from: string; actorId: string; now?: Date },
  dependencies: SettlementDependencies & { series: ActivitySeriesStore },
): Promise<ActivitySeriesChange> {
  const now = input.now ?? new Date();
  const { record, occurrences, targets } = await fromOnwards(
    dependencies.series,
    input.communityId,
    input.seriesId,
    input.from,
  );
  const cancelled = new Map<string, Activity>();
  const results: ActivitySeriesOutcome[] = [];
  for (const occurrence of targets) {
    if (occurrence.status === 'cancelled') {
      results.push(outcomeOf(occurrence, 'skipped', { reason: 'cancelled' }));
      continue;
    }
    try {
      const single = { communityId: input.communityId, activityId: occurrence.id, actorId: input.actorId, now };
      cancelled.set(occurrence.id, await cancelActivity(single, dependencies));
      results.push(outcomeOf(occurrence, 'cancelled'));
    } catch (error) {
      results.push(refusal(occurrence, error));
    }
  }
  const activities = occurrences.map((occurrence) => cancelled.get(occurrence.id) ?? toActivity(occurrence));
  // Only when some of the rest is cancelled (now, or by an earlier attempt of this request).
  const ended = targets.some((target) => (cancelled.get(target.id) ?? target).status === 'cancelled');
  const series = ended
    ? await endSeries(record, activities, { actorId: input.actorId, now }, dependencies.series)
    : record;
  return { series, activities, results };
}

/** The series' `until` moved to its last occurrence left (or the series `cancelled`), saved with its audit entry. */
async function endSeries(
  record: ActivitySeries,
  activities: Activity[],
  by: { actorId: string; now: Date },
  series: ActivitySeriesStore,
): Promise<ActivitySeries> {
  const left = activities.filter((activity) => activity.status !== 'cancelled');
  const last = left[left.length - 1];
  const until = last ? dayOf(last.startsAt) : record.until;
  const status = last ? 'active' : 'cancelled';
  if (until === record.until && status === record.status) return record;
  const next: ActivitySeries = {
    ...record,
    until,
    status,
    updatedBy: by.actorId,
    updatedAt: by.now.toISOString(),
  };
  await series.saveSeries(next, {
    audit: {
      communityId: record.communityId,
      action: 'activity_series.cancel',
      objectType: 'activity_series',
      objectId: record.id,
      before: record,
      after: next,
    },
  });
  return next;
}
