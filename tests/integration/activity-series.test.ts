import {
  addDays,
  addMonths,
  contracts,
  dayOf,
  MAX_SERIES_OCCURRENCES,
  monthOf,
  weekdayOf,
  weekdayOfDay,
  type ActivitySeriesView,
  type CreateActivitySeriesRequest,
} from '@linli/shared';
import { login, newUser, send } from '../support/api';
import { checkinCode, minutesFromNow, officeClaim, timebankCommunity } from '../support/timebank';

/**
 * Weekly activities (issue 17): a series is made of ordinary activities, each with its own QR and
 * attendance; staff edit or cancel one occurrence (the single-activity routes) or one and the rest.
 * Dates are computed from the clock in China time, never from a fixed today.
 */

const HOUR_MS = 3_600_000;
/** `2025-10-31` at `07:30` in Beijing, as an ISO instant in UTC (23:30 the day before). */
const chinaTime = (day: string, clock: string) => new Date(`${day}T${clock}:00+08:00`).toISOString();
const tomorrow = () => addDays(dayOf(new Date()), 1);

function seriesRequest(
  startsAt: string,
  weekdays: number[],
  until: string,
  overrides: Partial<CreateActivitySeriesRequest['activity']> = {},
): CreateActivitySeriesRequest {
  const endsAt = new Date(Date.parse(startsAt) + 2 * HOUR_MS).toISOString();
  return { activity: { title: '助老洗澡', category: 'care', startsAt, endsAt, ...overrides }, weekdays, until };
}

async function createSeries(
  cid: string,
  token: string,
  body: CreateActivitySeriesRequest,
): Promise<ActivitySeriesView> {
  const reply = await send(contracts.createActivitySeries, { params: { cid }, token, body });
  if (reply.status !== 201) throw new Error(`create series → ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

/** Four Tuesdays… (whatever weekday tomorrow is in China), 09:00–11:00, from tomorrow on. */
async function weeklyFromTomorrow(cid: string, token: string): Promise<ActivitySeriesView> {
  const first = tomorrow();
  return createSeries(cid, token, seriesRequest(chinaTime(first, '09:00'), [weekdayOfDay(first)], addDays(first, 21)));
}

async function activitiesOf(cid: string, token: string) {
  const reply = await send(contracts.listActivities, { params: { cid }, token });
  return reply.body.items;
}

describe('creating a weekly series', () => {
  it('makes each occurrence on the weekdays in China time, across a month boundary, each with its own QR', async () => {
    const { cid, staff, admin, resident } = await timebankCommunity();
    // Three days before the end of next month, and the first of the month after (07:30 in Beijing is
    // still the day before in UTC: the weekday and the month are China's).
    const monthAfter = addMonths(monthOf(new Date()), 2);
    const first = addDays(`${monthAfter}-01`, -3);
    const days = [first, addDays(first, 3), addDays(first, 7), addDays(first, 10)];
    const weekdays = [weekdayOfDay(days[0]!), weekdayOfDay(days[1]!)];

    const created = await send(contracts.createActivitySeries, {
      params: { cid },
      token: staff.token,
      body: seriesRequest(chinaTime(first, '07:30'), weekdays, days[3]!, { location: '日间照料中心' }),
    });
    const { series, activities } = created.body;
    const fetched = await send(contracts.getActivitySeries, { params: { cid, sid: series.id }, token: resident.token });
    const codes = await Promise.all(activities.map((activity) => checkinCode(cid, activity.id, staff.token)));
    const stats = await send(contracts.getStats, {
      params: { cid },
      token: staff.token,
      query: { from: addMonths(monthAfter, -1), to: monthAfter },
    });
    const audit = await send(contracts.listAudit, {
      params: { cid },
      token: admin.token,
      query: { objectType: 'activity_series', objectId: series.id },
    });

    expect(created.status).toBe(201);
    expect(series).toMatchObject({ weekdays: [...weekdays].sort(), until: days[3], status: 'active' });
    expect(activities.map((activity) => activity.startsAt)).toEqual(days.map((day) => chinaTime(day, '07:30')));
    expect(activities.map((activity) => activity.endsAt)).toEqual(days.map((day) => chinaTime(day, '09:30')));
    expect(activities.map((activity) => monthOf(activity.startsAt))).toEqual([
      addMonths(monthAfter, -1),
      monthAfter,
      monthAfter,
      monthAfter,
    ]);
    expect(activities.map((activity) => weekdayOf(activity.startsAt))).toEqual([...weekdays, ...weekdays]);
    expect(activities).toEqual(
      activities.map(() =>
        expect.objectContaining({ seriesId: series.id, location: '日间照料中心', status: 'scheduled' }),
      ),
    );
    expect(new Set(activities.map((activity) => activity.id)).size).toBe(4);
    expect(series.activityIds).toEqual(activities.map((activity) => activity.id));
    expect(fetched.status).toBe(200);
    expect(fetched.body.activities.map((activity) => activity.id)).toEqual(series.activityIds);
    expect(codes.map((code, index) => code.qr.split(':')[1] === activities[index]!.id)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(new Set(codes.map((code) => code.qr)).size).toBe(4);
    expect(JSON.stringify([created.body, fetched.body])).not.toContain('checkinSecret');
    expect(stats.body.months.map((month) => [month.month, month.activities])).toEqual([
      [addMonths(monthAfter, -1), 1],
      [monthAfter, 3],
    ]);
    expect(audit.body.items.map((entry) => entry.action)).toEqual(['activity_series.create']);
  });

  it('is staff-only, and refuses too many occurrences, a far end or bad weekdays with a 400, writing nothing', async () => {
    const { cid, staff, resident } = await timebankCommunity();
    const first = tomorrow();
    const startsAt = chinaTime(first, '09:00');
    const weekday = weekdayOfDay(first);
    const otherDay = (weekday % 7) + 1;

    const refused = await Promise.all(
      [
        { token: resident.token, body: seriesRequest(startsAt, [weekday], addDays(first, 7)) },
        { token: staff.token, body: seriesRequest(startsAt, [1, 2, 3, 4, 5, 6, 7], addDays(first, 60)) },
        { token: staff.token, body: seriesRequest(startsAt, [weekday], addDays(first, 400)) },
        { token: staff.token, body: seriesRequest(startsAt, [otherDay], addDays(first, 14)) },
        { token: staff.token, body: seriesRequest(startsAt, [weekday, weekday], addDays(first, 14)) },
        { token: staff.token, body: seriesRequest(startsAt, [weekday], addDays(first, -1)) },
        { token: staff.token, body: seriesRequest(startsAt, [weekday], addDays(first, 14), { category: 'juggling' }) },
      ].map(({ token, body }) => send(contracts.createActivitySeries, { params: { cid }, token, body })),
    );
    const notAWeekday = await send(contracts.createActivitySeries, {
      params: { cid },
      token: staff.token,
      invalidBody: { ...seriesRequest(startsAt, [weekday], addDays(first, 14)), weekdays: [weekday, 8] },
    });

    expect(refused.map((reply) => [reply.status, (reply.body as { error?: { code: string } }).error?.code])).toEqual([
      [403, 'auth.forbidden'],
      [400, 'activity_series.too_many_occurrences'],
      [400, 'activity_series.until_too_far'],
      [400, 'request.validation_failed'],
      [400, 'request.validation_failed'],
      [400, 'request.validation_failed'],
      [400, 'activity.category_unknown'],
    ]);
    expect(JSON.stringify(refused[3]!.body)).toContain('activity.startsAt');
    expect(notAWeekday.status).toBe(400);
    expect(await activitiesOf(cid, staff.token)).toEqual([]);
  });

  it('writes the largest series at once and answers a retry with the same Idempotency-Key from the first reply', async () => {
    const { cid, staff } = await timebankCommunity();
    const first = tomorrow();
    // Once a week for 40 weeks: the most one series holds, over ten months, in one transaction.
    const body = seriesRequest(chinaTime(first, '09:00'), [weekdayOfDay(first)], addDays(first, 7 * 39));
    const headers = { 'idempotency-key': `series-${cid}-retry` };

    const [once, again] = [
      await send(contracts.createActivitySeries, { params: { cid }, token: staff.token, body, headers }),
      await send(contracts.createActivitySeries, { params: { cid }, token: staff.token, body, headers }),
    ];

    const fetched = await send(contracts.getActivitySeries, {
      params: { cid, sid: once.body.series.id },
      token: staff.token,
    });
    const listed = await activitiesOf(cid, staff.token);

    expect([once.status, again.status]).toEqual([201, 201]);
    expect(once.body.activities).toHaveLength(MAX_SERIES_OCCURRENCES);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.series.id).toBe(once.body.series.id);
    expect(fetched.body.activities.map((activity) => activity.id)).toEqual(once.body.series.activityIds);
    // The first page of the community's activities: the series' first 25, nothing else (no second series).
    expect(listed.map((activity) => activity.id)).toEqual(once.body.series.activityIds.slice(0, 25));
  });
});

describe('editing one occurrence or the rest', () => {
  it('edits one alone, then it and every later one on their own days, leaving earlier and cancelled ones', async () => {
    const { cid, staff } = await timebankCommunity();
    const { series, activities } = await weeklyFromTomorrow(cid, staff.token);
    const [first, second, third, fourth] = activities.map((activity) => activity.id) as [
      string,
      string,
      string,
      string,
    ];

    const alone = await send(contracts.updateActivity, {
      params: { cid, aid: second },
      token: staff.token,
      body: { title: '只改这一次' },
    });
    await send(contracts.cancelActivity, { params: { cid, aid: third }, token: staff.token });
    const rest = await send(contracts.updateActivitySeries, {
      params: { cid, sid: series.id },
      token: staff.token,
      body: { from: second, patch: { title: '助老洗澡（下午）', startTime: '14:00', endTime: '16:30', capacity: 6 } },
    });
    const after = await send(contracts.getActivitySeries, { params: { cid, sid: series.id }, token: staff.token });
    const byId = new Map(after.body.activities.map((activity) => [activity.id, activity]));

    expect(alone.body.title).toBe('只改这一次');
    expect(rest.status).toBe(200);
    expect(rest.body.results.map((result) => [result.activityId, result.outcome, result.reason])).toEqual([
      [second, 'updated', undefined],
      [third, 'skipped', 'cancelled'],
      [fourth, 'updated', undefined],
    ]);
    expect(byId.get(first)).toMatchObject({ title: '助老洗澡', startsAt: activities[0]!.startsAt });
    expect(byId.get(third)).toMatchObject({
      title: '助老洗澡',
      status: 'cancelled',
      startsAt: activities[2]!.startsAt,
    });
    for (const [index, id] of [
      [1, second],
      [3, fourth],
    ] as const) {
      const day = dayOf(activities[index]!.startsAt);
      expect(byId.get(id)).toMatchObject({
        title: '助老洗澡（下午）',
        capacity: 6,
        startsAt: chinaTime(day, '14:00'),
        endsAt: chinaTime(day, '16:30'),
      });
    }
  });

  it('reports an occurrence a single edit would refuse, edits the others, and refuses an unknown category outright', async () => {
    const { cid, staff, otherStaff, resident } = await timebankCommunity();
    // Under way now, once a week: someone attended the first, so its window may only widen.
    const startsAt = minutesFromNow(-30);
    const { series, activities } = await createSeries(
      cid,
      staff.token,
      seriesRequest(startsAt, [weekdayOf(startsAt)], addDays(dayOf(startsAt), 14)),
    );
    await officeClaim(cid, activities[0]!.id, otherStaff.token, resident.userId, 30);

    const unknownCategory = await send(contracts.updateActivitySeries, {
      params: { cid, sid: series.id },
      token: staff.token,
      body: { from: activities[0]!.id, patch: { category: 'juggling', title: '不会写入' } },
    });
    const narrowed = await send(contracts.updateActivitySeries, {
      params: { cid, sid: series.id },
      token: staff.token,
      body: { from: activities[0]!.id, patch: { startTime: '00:00', endTime: '00:30' } },
    });
    const retried = await send(contracts.updateActivitySeries, {
      params: { cid, sid: series.id },
      token: staff.token,
      body: { from: activities[0]!.id, patch: { startTime: '00:00', endTime: '00:30' } },
    });
    const byResident = await send(contracts.updateActivitySeries, {
      params: { cid, sid: series.id },
      token: resident.token,
      body: { from: activities[0]!.id, patch: { title: 'x' } },
    });

    expect(unknownCategory.status).toBe(400);
    expect((await activitiesOf(cid, staff.token)).map((activity) => activity.title)).not.toContain('不会写入');
    expect(narrowed.status).toBe(200);
    expect(narrowed.body.results.map((result) => [result.outcome, result.error?.code])).toEqual([
      ['failed', 'activity.window_below_attendance'],
      ['updated', undefined],
      ['updated', undefined],
    ]);
    expect(narrowed.body.activities[0]).toMatchObject({ startsAt, endsAt: activities[0]!.endsAt });
    expect(narrowed.body.activities[1]!.startsAt).toBe(chinaTime(dayOf(activities[1]!.startsAt), '00:00'));
    expect(retried.body.results.map((result) => result.outcome)).toEqual(['failed', 'unchanged', 'unchanged']);
    expect(byResident.status).toBe(403);
  });
});

describe('cancelling one occurrence or the rest', () => {
  it('cancels one alone, then the rest from a later one; earlier ones stay and the series ends before it', async () => {
    const { cid, staff, admin } = await timebankCommunity();
    const { series, activities } = await weeklyFromTomorrow(cid, staff.token);
    const ids = activities.map((activity) => activity.id);

    const alone = await send(contracts.cancelActivity, { params: { cid, aid: ids[0]! }, token: staff.token });
    const rest = await send(contracts.cancelActivitySeries, {
      params: { cid, sid: series.id },
      token: staff.token,
      body: { from: ids[2]! },
    });
    const afterRest = await send(contracts.getActivitySeries, { params: { cid, sid: series.id }, token: staff.token });
    const everything = await send(contracts.cancelActivitySeries, {
      params: { cid, sid: series.id },
      token: staff.token,
      body: { from: ids[0]! },
    });
    const audit = await send(contracts.listAudit, {
      params: { cid },
      token: admin.token,
      query: { objectType: 'activity_series', objectId: series.id },
    });

    expect(alone.body.status).toBe('cancelled');
    expect(rest.status).toBe(200);
    expect(rest.body.results.map((result) => [result.activityId, result.outcome])).toEqual([
      [ids[2], 'cancelled'],
      [ids[3], 'cancelled'],
    ]);
    expect(afterRest.body.activities.map((activity) => activity.status)).toEqual([
      'cancelled',
      'scheduled',
      'cancelled',
      'cancelled',
    ]);
    expect(afterRest.body.series).toMatchObject({ status: 'active', until: dayOf(activities[1]!.startsAt) });
    expect(everything.body.results.map((result) => [result.outcome, result.reason])).toEqual([
      ['skipped', 'cancelled'],
      ['cancelled', undefined],
      ['skipped', 'cancelled'],
      ['skipped', 'cancelled'],
    ]);
    expect(everything.body.series.status).toBe('cancelled');
    expect(audit.body.items.map((entry) => entry.action).sort()).toEqual([
      'activity_series.cancel',
      'activity_series.cancel',
      'activity_series.create',
    ]);
  });

  it('settles each cancelled occurrence as a single cancellation does, and names only occurrences of the series', async () => {
    const { cid, staff, otherStaff, resident } = await timebankCommunity();
    const startsAt = minutesFromNow(-30);
    const { series, activities } = await createSeries(
      cid,
      staff.token,
      seriesRequest(startsAt, [weekdayOf(startsAt)], addDays(dayOf(startsAt), 7)),
    );
    const other = await weeklyFromTomorrow(cid, staff.token);
    const claim = await officeClaim(cid, activities[0]!.id, otherStaff.token, resident.userId, 30);

    const notInSeries = await send(contracts.cancelActivitySeries, {
      params: { cid, sid: series.id },
      token: staff.token,
      body: { from: other.activities[0]!.id },
    });
    const headers = { 'idempotency-key': `cancel-${series.id}` };
    const cancelled = await send(contracts.cancelActivitySeries, {
      params: { cid, sid: series.id },
      token: staff.token,
      body: { from: activities[0]!.id },
      headers,
    });
    const replayed = await send(contracts.cancelActivitySeries, {
      params: { cid, sid: series.id },
      token: staff.token,
      body: { from: activities[0]!.id },
      headers,
    });
    const claims = await send(contracts.listMyClaims, { params: { cid }, token: resident.token });
    const outsider = await newUser('outsider');
    const [unknown, byOutsider] = await Promise.all([
      send(contracts.getActivitySeries, { params: { cid, sid: 'no-such-series' }, token: resident.token }),
      send(contracts.getActivitySeries, { params: { cid, sid: series.id }, token: outsider.token }),
    ]);

    expect(notInSeries.status).toBe(404);
    expect((notInSeries.body as unknown as { error: { code: string } }).error.code).toBe(
      'activity_series.occurrence_not_found',
    );
    expect(cancelled.body.results.map((result) => result.outcome)).toEqual(['cancelled', 'cancelled']);
    expect(cancelled.body.series.status).toBe('cancelled');
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect(claims.body.items.find((item) => item.id === claim.id)).toMatchObject({
      status: 'rejected',
      reason: '活动已取消',
    });
    expect(other.activities.every((activity) => activity.status === 'scheduled')).toBe(true);
    expect(unknown.status).toBe(404);
    expect(byOutsider.status).toBe(403);
  });
});

describe('the demo data', () => {
  it('has 助老洗澡 every Tuesday and Friday at 09:00 for four weeks, shown to residents', async () => {
    const resident = await login('demo-resident');

    const reply = await send(contracts.getActivitySeries, {
      params: { cid: 'demo', sid: 'demo-bathing' },
      token: resident.token,
    });

    expect(reply.status).toBe(200);
    expect(reply.body.series.weekdays).toEqual([2, 5]);
    expect(reply.body.activities).toHaveLength(8);
    const onTuesdayOrFridayAtNine = (startsAt: string) =>
      [2, 5].includes(weekdayOf(startsAt)) && startsAt === chinaTime(dayOf(startsAt), '09:00');
    expect(reply.body.activities.map((activity) => onTuesdayOrFridayAtNine(activity.startsAt))).toEqual(
      Array(8).fill(true),
    );
  });
});
