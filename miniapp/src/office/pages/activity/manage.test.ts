import type { Activity, ActivitySeriesChange, ImageView } from '@linli/shared';
import { anImage } from '../../../../test/factories';
import { toDateTimeInputs } from '../../../format/time';
import { translate, type Translate } from '../../../i18n';
import { seriesFromDraft, weeklyFrom } from '../../components/repeat-fields';
import { changedFields, seriesOutcomeText, seriesPatch, singlePatch } from '.';

const t: Translate = (key, values) => translate('zh-CN', key, values);

/** Tuesday 7 October 2025, 09:00–11:00 in Beijing. */
const TUESDAY = { startsAt: '2025-10-07T01:00:00.000Z', endsAt: '2025-10-07T03:00:00.000Z' };
const activity: Activity = {
  id: 'a1',
  communityId: 'demo',
  title: '助老洗澡',
  category: 'care',
  ...TUESDAY,
  graceMinutes: 15,
  status: 'scheduled',
  attendeeCount: 0,
  createdBy: 's1',
  createdAt: '2025-10-01T00:00:00.000Z',
  seriesId: 's1',
  seriesWeekdays: [2, 5],
};
/** The form as the page fills it (in the device's time zone, whatever it is). */
const draft = (
  overrides: { title?: string; startsAt?: string; endsAt?: string; capacity?: string; cover?: ImageView[] } = {},
) => ({
  title: overrides.title ?? activity.title,
  location: '',
  capacity: overrides.capacity ?? '',
  start: toDateTimeInputs(new Date(overrides.startsAt ?? activity.startsAt)),
  end: toDateTimeInputs(new Date(overrides.endsAt ?? activity.endsAt)),
  cover: overrides.cover ?? [],
});
const first = { title: '助老洗澡', category: 'care', ...TUESDAY };

describe('每周重复 on 发布活动', () => {
  it('proposes the first day’s weekday for four weeks', () => {
    expect(weeklyFrom(TUESDAY.startsAt)).toEqual({ weekly: true, weekdays: [2], until: '2025-11-03' });
  });

  it('asks for a weekday, the first day’s weekday among them, a real end and at most 40 times', () => {
    const problem = (weekdays: number[], until: string) =>
      (seriesFromDraft(first, { weekly: true, weekdays, until }, t) as { problem?: string }).problem;

    expect(problem([], '2025-10-31')).toBe('请至少选择一天');
    expect(problem([5], '2025-10-31')).toBe('开始日期是周二，请把周二也选上，或改开始日期');
    expect(problem([2], '2025-10-06')).toContain('2025-12-31');
    expect(problem([2], '2025-02-30')).toContain('2025-12-31');
    expect(problem([1, 2, 3, 4, 5, 6, 7], '2025-12-31')).toContain('40');
    expect(seriesFromDraft(first, { weekly: true, weekdays: [5, 2], until: '2025-10-31' }, t)).toEqual({
      activity: first,
      weekdays: [2, 5],
      until: '2025-10-31',
    });
  });
});

describe('changing an activity, alone or with the later ones', () => {
  it('sends only what changed, as times for one and as China clock times for the rest', () => {
    const changed = changedFields(
      activity,
      draft({ title: '洗澡（下午）', startsAt: '2025-10-07T06:00:00.000Z', endsAt: '2025-10-07T08:30:00.000Z' }),
      t,
    );
    if ('problem' in changed) throw new Error(changed.problem);

    expect(singlePatch(activity, changed)).toEqual({
      title: '洗澡（下午）',
      startsAt: '2025-10-07T06:00:00.000Z',
      endsAt: '2025-10-07T08:30:00.000Z',
    });
    expect(seriesPatch(activity, changed)).toEqual({ title: '洗澡（下午）', startTime: '14:00', endTime: '16:30' });
  });

  it('finds nothing to send when nothing changed, and refuses a bad capacity', () => {
    const unchanged = changedFields(activity, draft(), t);
    if ('problem' in unchanged) throw new Error(unchanged.problem);

    expect(singlePatch(activity, unchanged)).toBeNull();
    expect(seriesPatch(activity, unchanged)).toBeNull();
    expect(changedFields(activity, draft({ capacity: '0' }), t)).toEqual({ problem: '人数上限请填写正整数' });
  });

  it('sends a new cover photo by its id, and null when it was taken off', () => {
    const withCover = { ...activity, cover: anImage({ id: 'img_old' }) };
    const replaced = changedFields(withCover, draft({ cover: [anImage({ id: 'img_new' })] }), t);
    const removed = changedFields(withCover, draft({ cover: [] }), t);
    const kept = changedFields(withCover, draft({ cover: [anImage({ id: 'img_old' })] }), t);
    if ('problem' in replaced || 'problem' in removed || 'problem' in kept) throw new Error('unexpected problem');

    expect(singlePatch(withCover, replaced)).toEqual({ coverImageId: 'img_new' });
    expect(seriesPatch(withCover, replaced)).toEqual({ coverImageId: 'img_new' });
    expect(singlePatch(withCover, removed)).toEqual({ coverImageId: null });
    expect(singlePatch(withCover, kept)).toBeNull();
  });

  it('tells how many times changed and which could not', () => {
    const change: ActivitySeriesChange = {
      series: { ...({} as ActivitySeriesChange['series']), status: 'active', until: '2025-10-10' },
      activities: [],
      results: [
        { activityId: 'a1', startsAt: TUESDAY.startsAt, outcome: 'failed', error: { code: 'x', message: 'x' } },
        { activityId: 'a2', startsAt: '2025-10-10T01:00:00.000Z', outcome: 'cancelled' },
        { activityId: 'a3', startsAt: '2025-10-14T01:00:00.000Z', outcome: 'skipped', reason: 'cancelled' },
      ],
    };

    expect(seriesOutcomeText(change, 'cancelled', t, 'zh-CN')).toMatch(
      /^已取消 1 次活动，每周活动到 2025-10-10 为止；1 次没能修改：10月\d+日/,
    );
  });
});
