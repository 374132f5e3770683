import { DEFAULT_ACTIVITY_CATEGORIES, MAX_SERIES_OCCURRENCES, type CreateActivitySeriesRequest } from '@linli/shared';
import { AppError } from '../../lib/errors';
import type { ActivityDraft, ActivitySeriesStore } from './ports';
import { createActivitySeries, occurrencePatch, plannedOccurrences } from './series';

/** Friday 3 October 2025, 09:00–11:00 in China. */
const FRIDAY_NINE = { startsAt: '2025-10-03T01:00:00.000Z', endsAt: '2025-10-03T03:00:00.000Z' };
const request = (overrides: Partial<CreateActivitySeriesRequest> = {}): CreateActivitySeriesRequest => ({
  activity: { title: '助老洗澡', category: 'care', location: '日间照料中心', ...FRIDAY_NINE },
  weekdays: [5, 2],
  until: '2025-10-17',
  ...overrides,
});

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof AppError ? error.code : String(error);
  }
  return undefined;
}

/** A series store that keeps what it was asked to write. */
function recordingStore() {
  const written: { series: unknown; occurrences: ActivityDraft[]; effects: unknown }[] = [];
  const store: ActivitySeriesStore = {
    createSeries: async (series, occurrences, effects) => {
      written.push({ series, occurrences, effects });
    },
    getSeries: async () => null,
    getOccurrences: async () => [],
    saveSeries: async () => undefined,
  };
  return { store, written };
}

describe('plannedOccurrences', () => {
  it('expands the weekdays from the first occurrence to `until`', () => {
    expect(plannedOccurrences(request()).map((occurrence) => occurrence.startsAt)).toEqual([
      '2025-10-03T01:00:00.000Z',
      '2025-10-07T01:00:00.000Z',
      '2025-10-10T01:00:00.000Z',
      '2025-10-14T01:00:00.000Z',
      '2025-10-17T01:00:00.000Z',
    ]);
  });

  it('refuses more than the maximum occurrences and an end more than a year away', () => {
    expect(codeOf(() => plannedOccurrences(request({ weekdays: [1, 2, 3, 4, 5, 6, 7], until: '2025-12-31' })))).toBe(
      'activity_series.too_many_occurrences',
    );
    expect(codeOf(() => plannedOccurrences(request({ weekdays: [5], until: '2026-10-05' })))).toBe(
      'activity_series.until_too_far',
    );
    expect(plannedOccurrences(request({ weekdays: [5], until: '2026-07-03' }))).toHaveLength(MAX_SERIES_OCCURRENCES);
  });
});

describe('createActivitySeries', () => {
  it('makes every occurrence as createActivity does and hands them to the store in one write', async () => {
    const { store, written } = recordingStore();
    const now = new Date('2025-09-20T02:00:00.000Z');

    const view = await createActivitySeries(
      { communityId: 'c1', actorId: 'staff-1', request: request(), categories: DEFAULT_ACTIVITY_CATEGORIES, now },
      store,
    );

    expect(written).toHaveLength(1);
    const drafts = written[0]!.occurrences;
    expect(view.series).toMatchObject({
      weekdays: [2, 5],
      until: '2025-10-17',
      status: 'active',
      createdBy: 'staff-1',
    });
    expect(view.series.activityIds).toEqual(view.activities.map((activity) => activity.id));
    expect(new Set(drafts.map((draft) => draft.activity.id)).size).toBe(5);
    expect(new Set(drafts.map((draft) => draft.activity.checkinSecret)).size).toBe(5);
    expect(drafts.map((draft) => draft.activity)).toEqual(
      drafts.map(() =>
        expect.objectContaining({ seriesId: view.series.id, seriesWeekdays: [2, 5], location: '日间照料中心' }),
      ),
    );
    expect(drafts.map((draft) => draft.effects?.audit?.action)).toEqual(Array(5).fill('activity.create'));
    expect(drafts.map((draft) => draft.effects?.stats?.[0]?.month)).toEqual(Array(5).fill('2025-10'));
    expect(JSON.stringify(view)).not.toContain('checkinSecret');
  });

  it('refuses an unknown category before anything is written', async () => {
    const { store, written } = recordingStore();
    const unknown = request({ activity: { ...request().activity, category: 'juggling' } });

    await expect(
      createActivitySeries(
        { communityId: 'c1', actorId: 'staff-1', request: unknown, categories: DEFAULT_ACTIVITY_CATEGORIES },
        store,
      ),
    ).rejects.toMatchObject({ code: 'activity.category_unknown' });
    expect(written).toEqual([]);
  });
});

describe('occurrencePatch', () => {
  it('puts clock times on the occurrence’s own China-time day (an earlier end on the next) and passes the rest', () => {
    expect(
      occurrencePatch({ startsAt: '2025-10-06T16:30:00.000Z' }, { title: 'x', startTime: '14:00', endTime: '16:00' }),
    ).toEqual({
      title: 'x',
      startsAt: '2025-10-07T06:00:00.000Z',
      endsAt: '2025-10-07T08:00:00.000Z',
    });
    expect(occurrencePatch(FRIDAY_NINE, { startTime: '20:00', endTime: '02:00' })).toEqual({
      startsAt: '2025-10-03T12:00:00.000Z',
      endsAt: '2025-10-03T18:00:00.000Z',
    });
    expect(occurrencePatch(FRIDAY_NINE, { capacity: 8 })).toEqual({ capacity: 8 });
  });
});
