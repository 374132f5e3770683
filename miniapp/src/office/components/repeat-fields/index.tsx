import { Button, Input, Picker, Text, View } from '@tarojs/components';
import {
  ISO_WEEKDAYS,
  MAX_SERIES_OCCURRENCES,
  addDays,
  dayOf,
  isCalendarDay,
  seriesOccurrences,
  weekdayOf,
  weekdaysLabel,
  type CreateActivityRequest,
  type CreateActivitySeriesRequest,
} from '@linli/shared';
import ChoiceTabs from '../../../components/choice-tabs';
import { formatDateTime } from '../../../format/time';
import { useI18n, type Translate } from '../../../i18n';
import { accessibleName, pressedSemantics } from '../../../components/accessible-name';

/** 每周重复 on 发布活动: off, or the ISO weekdays (China time) and the last day. */
export interface Repeat {
  weekly: boolean;
  weekdays: number[];
  /** `YYYY-MM-DD`, China time, inclusive. */
  until: string;
}

export const NO_REPEAT: Repeat = { weekly: false, weekdays: [], until: '' };

/** WeChat has a good native date picker; on the office PC (H5) typing `2025-12-31` is quicker. */
const NATIVE_PICKERS = process.env.TARO_ENV === 'weapp';
const PREVIEW_DATES = 4;

/** Weekly from the first occurrence's day for four weeks: what switching 每周重复 on proposes. */
export function weeklyFrom(startsAt: string | null): Repeat {
  if (!startsAt) return { weekly: true, weekdays: [], until: '' };
  return { weekly: true, weekdays: [weekdayOf(startsAt)], until: addDays(dayOf(startsAt), 27) };
}

/** The series the form describes, or the first thing the person must fix. */
export function seriesFromDraft(
  activity: CreateActivityRequest,
  repeat: Repeat,
  t: Translate,
  language: 'zh-CN' | 'en' = 'zh-CN',
): CreateActivitySeriesRequest | { problem: string } {
  if (repeat.weekdays.length === 0) return { problem: t('series.weekdaysRequired') };
  const firstWeekday = weekdayOf(activity.startsAt);
  if (!repeat.weekdays.includes(firstWeekday)) {
    return { problem: t('series.firstNotOnWeekday', { day: weekdaysLabel([firstWeekday], language) }) };
  }
  const until = repeat.until.trim();
  if (!isCalendarDay(until) || until < dayOf(activity.startsAt)) return { problem: t('series.untilInvalid') };
  const body = { activity, weekdays: [...repeat.weekdays].sort((left, right) => left - right), until };
  if (seriesOccurrences(activity, body.weekdays, until).length > MAX_SERIES_OCCURRENCES) {
    return { problem: t('series.tooMany', { max: MAX_SERIES_OCCURRENCES }) };
  }
  return body;
}

/** 只办一次 / 每周重复; when weekly, the weekdays as large toggles, the last day and a preview of the dates. */
export default function RepeatFields({
  value,
  onChange,
  first,
}: {
  value: Repeat;
  onChange: (repeat: Repeat) => void;
  /** The first occurrence as the form holds it now (null while its times are not valid). */
  first: { startsAt: string; endsAt: string } | null;
}) {
  const { t } = useI18n();
  return (
    <View className="field" id="activity-repeat-field">
      <Text className="field__label">{t('series.repeat')}</Text>
      <ChoiceTabs
        idPrefix="activity-repeat"
        value={value.weekly ? 'weekly' : 'once'}
        onChange={(choice) => onChange(choice === 'weekly' ? weeklyFrom(first?.startsAt ?? null) : NO_REPEAT)}
        choices={[
          { value: 'once', label: t('series.once') },
          { value: 'weekly', label: t('series.weekly') },
        ]}
      />
      {value.weekly ? <WeeklyFields value={value} onChange={onChange} first={first} /> : null}
    </View>
  );
}

function WeeklyFields({
  value,
  onChange,
  first,
}: {
  value: Repeat;
  onChange: (repeat: Repeat) => void;
  first: { startsAt: string; endsAt: string } | null;
}) {
  const { t, language } = useI18n();
  const toggle = (day: number) =>
    onChange({
      ...value,
      weekdays: value.weekdays.includes(day)
        ? value.weekdays.filter((known) => known !== day)
        : [...value.weekdays, day],
    });
  return (
    <>
      <Text className="field__label">{t('series.weekdays')}</Text>
      <View className="choices" id="activity-weekdays">
        {ISO_WEEKDAYS.map((day) => (
          <Button
            key={day}
            id={`activity-weekday-${day}`}
            className={value.weekdays.includes(day) ? 'choice choice--on' : 'choice'}
            {...pressedSemantics(value.weekdays.includes(day))}
            onClick={() => toggle(day)}
          >
            {language === 'en' ? weekdaysLabel([day], 'en') : `周${weekdaysLabel([day], 'zh-CN')}`}
          </Button>
        ))}
      </View>
      <Text className="field__label">{t('series.until')}</Text>
      {NATIVE_PICKERS ? (
        <Picker mode="date" value={value.until} onChange={(event) => onChange({ ...value, until: event.detail.value })}>
          <View className="field__input">{value.until}</View>
        </Picker>
      ) : (
        <Input
          {...accessibleName(t('series.until'))}
          id="activity-until"
          className="field__input"
          value={value.until}
          placeholder={t('series.untilPlaceholder')}
          maxlength={10}
          onInput={(event) => onChange({ ...value, until: event.detail.value })}
        />
      )}
      <Preview value={value} first={first} />
      <Text className="card__hint">{t('series.eachOwnCode')}</Text>
    </>
  );
}

/** 共 N 次：the first few dates, as the server will make them. */
function Preview({ value, first }: { value: Repeat; first: { startsAt: string; endsAt: string } | null }) {
  const { t, language } = useI18n();
  if (!first || !isCalendarDay(value.until.trim())) return null;
  const occurrences = seriesOccurrences(first, value.weekdays, value.until.trim());
  if (occurrences.length === 0) return null;
  if (occurrences.length > MAX_SERIES_OCCURRENCES) {
    return <Text className="form-error">{t('series.tooMany', { max: MAX_SERIES_OCCURRENCES })}</Text>;
  }
  const shown = occurrences.slice(0, PREVIEW_DATES).map((occurrence) => formatDateTime(occurrence.startsAt, language));
  const dates = shown.join(language === 'en' ? '; ' : '、');
  return (
    <Text className="card__hint" id="activity-repeat-preview">
      {t('series.preview', {
        count: occurrences.length,
        dates: occurrences.length > PREVIEW_DATES ? t('series.previewMore', { dates }) : dates,
      })}
    </Text>
  );
}
