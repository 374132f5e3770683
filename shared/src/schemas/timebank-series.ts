import * as z from 'zod/mini';
import { dayOf } from '../calendar';
import { isCalendarDay, weekdayOf } from '../series';
import { CommunityId, EntityId } from './common';
import { Day } from './office';
import { CreateActivityRequest, UpdateActivityRequest, type Activity } from './timebank';

/**
 * Weekly activities (issue 17), part of the time bank: a series is a set of ordinary activities —
 * each with its own id, check-in QR and attendance — made at once on given weekdays until a day.
 */

/** An ISO weekday in China time: Monday 1 … Sunday 7. */
export const IsoWeekday = z.int().check(z.minimum(1), z.maximum(7));

/** A real China-time calendar day, `2026-11-24`. */
const SeriesDay = Day.check(z.refine(isCalendarDay, 'must be a real calendar day'));

/** `HH:MM`, China time. */
export const ClockTime = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time like 09:30'));

/**
 * `activity` is the first occurrence, exactly as `POST …/activities` takes one (every field it gains
 * is a field of every occurrence); the others repeat its China-time clock time and duration on each
 * of `weekdays` up to `until` (inclusive). The first occurrence must fall on one of the weekdays.
 */
export const CreateActivitySeriesRequest = z
  .strictObject({
    activity: CreateActivityRequest,
    weekdays: z.array(IsoWeekday).check(
      z.minLength(1, 'choose at least one weekday'),
      z.maxLength(7),
      z.refine((days) => new Set(days).size === days.length, 'weekdays must not repeat'),
    ),
    until: SeriesDay,
  })
  .check(
    z.refine(
      (series) =>
        !Number.isFinite(Date.parse(series.activity.startsAt)) ||
        series.weekdays.includes(weekdayOf(series.activity.startsAt)),
      { message: 'the first occurrence must fall on one of the weekdays (China time)', path: ['activity', 'startsAt'] },
    ),
    z.refine(
      (series) =>
        !Number.isFinite(Date.parse(series.activity.startsAt)) || series.until >= dayOf(series.activity.startsAt),
      { message: 'until must not be before the first occurrence’s day', path: ['until'] },
    ),
  );
export type CreateActivitySeriesRequest = z.infer<typeof CreateActivitySeriesRequest>;

/**
 * What "this and the rest" may change: what a single edit may (`PATCH …/activities/{aid}`), but the
 * time as China-time clock times (`startTime`, `endTime`, both or neither) so each occurrence keeps its
 * own day; an `endTime` not after `startTime` is on the next day (20:00–02:00), an equal one is refused.
 */
// From the shape (not `z.omit`, which refuses a schema with refinements): a field the single edit gains is here too.
const { startsAt: _startsAt, endsAt: _endsAt, ...editableFields } = UpdateActivityRequest.shape;

export const ActivitySeriesPatch = z
  .strictObject({ ...editableFields, startTime: z.optional(ClockTime), endTime: z.optional(ClockTime) })
  .check(
    z.refine((patch) => (patch.startTime === undefined) === (patch.endTime === undefined), {
      message: 'give startTime and endTime together',
      path: ['endTime'],
    }),
    z.refine((patch) => !patch.startTime || patch.endTime !== patch.startTime, {
      message: 'endTime must not be startTime (an earlier endTime is on the next day)',
      path: ['endTime'],
    }),
    z.refine((patch) => Object.values(patch).some((value) => value !== undefined), 'change at least one field'),
  );
export type ActivitySeriesPatch = z.infer<typeof ActivitySeriesPatch>;

/** Edit occurrence `from` and every later one of its series. */
export const UpdateActivitySeriesRequest = z.strictObject({ from: EntityId, patch: ActivitySeriesPatch });
export type UpdateActivitySeriesRequest = z.infer<typeof UpdateActivitySeriesRequest>;

/** Cancel occurrence `from` and every later one of its series. */
export const CancelActivitySeriesRequest = z.strictObject({ from: EntityId });
export type CancelActivitySeriesRequest = z.infer<typeof CancelActivitySeriesRequest>;

export const ActivitySeriesPath = z.strictObject({ cid: CommunityId, sid: EntityId });

/**
 * A weekly series: its weekdays, its last day and its occurrences' ids (first to last). `until` moves
 * back when the rest of the series is cancelled; `status` is `cancelled` once no occurrence is left.
 */
export interface ActivitySeries {
  id: string;
  communityId: string;
  weekdays: number[];
  until: string;
  activityIds: string[];
  status: 'active' | 'cancelled';
  createdBy: string;
  createdAt: string;
  updatedBy?: string;
  updatedAt?: string;
}

/** A series with its occurrences, soonest first. */
export interface ActivitySeriesView {
  series: ActivitySeries;
  activities: Activity[];
}

/**
 * What "this and the rest" did to one occurrence: `updated` / `cancelled`; `unchanged` (it already
 * was so: a retry); `skipped` (`reason`: it was cancelled before, or — for an edit — it is over);
 * `failed` with the error a single edit or cancellation of it would have answered.
 */
export interface ActivitySeriesOutcome {
  activityId: string;
  startsAt: string;
  outcome: 'updated' | 'cancelled' | 'unchanged' | 'skipped' | 'failed';
  reason?: 'cancelled' | 'past';
  error?: { code: string; message: string };
}

export interface ActivitySeriesChange extends ActivitySeriesView {
  results: ActivitySeriesOutcome[];
}
