import { Button, Input, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import {
  activityCategoriesOf,
  contracts,
  type ActivityCategory,
  type ActivityCategoryDefinition,
  type CreateActivityRequest,
  type ImageView,
} from '@linli/shared';
import { request, newIdempotencyKey } from '../../../api';
import CategoryField from '../../../components/category-field';
import ChoiceTabs from '../../../components/choice-tabs';
import DateTimeField, { type DateTimeValue } from '../../../components/date-time-field';
import SubmitButton from '../../../components/submit-button';
import CoverField from '../../components/cover-field';
import OfficeLayout from '../../components/office-layout';
import RepeatFields, { NO_REPEAT, seriesFromDraft } from '../../components/repeat-fields';
import { fromDateTimeInputs, toDateTimeInputs } from '../../../format/time';
import { describeError, useI18n, type Translate } from '../../../i18n';
import { ROUTES, replacePage } from '../../../routes';
import { accessibleName } from '../../../components/accessible-name';

interface Draft {
  title: string;
  category: ActivityCategory | undefined;
  start: DateTimeValue;
  end: DateTimeValue;
  location: string;
  capacity: string;
  /** 岗位, as typed: each a name and a number of people. */
  positions: PositionDraft[];
  signupRequired: boolean;
  /** Sign-up closes before the start (at `closes`) instead of at it. */
  closesEarly: boolean;
  closes: DateTimeValue;
  /** 报名条件, as typed: a minimum age, skills separated by 、 or commas, accident insurance. */
  minAge: string;
  skills: string;
  insurance: boolean;
  /** The cover photo, once uploaded (none or one). */
  cover: ImageView[];
}

interface PositionDraft {
  name: string;
  capacity: string;
}

const MAX_POSITIONS = 10;

const HOUR_MS = 60 * 60 * 1000;

function newDraft(now = Date.now()): Draft {
  const start = Math.ceil(now / (15 * 60 * 1000)) * 15 * 60 * 1000 + HOUR_MS;
  return {
    title: '',
    category: undefined,
    start: toDateTimeInputs(new Date(start)),
    end: toDateTimeInputs(new Date(start + 2 * HOUR_MS)),
    location: '',
    capacity: '',
    positions: [],
    signupRequired: false,
    closesEarly: false,
    closes: toDateTimeInputs(new Date(start - 24 * HOUR_MS)),
    minAge: '',
    skills: '',
    insurance: false,
    cover: [],
  };
}

/** The draft's 报名条件 (none when nothing is asked), or the first thing to fix in them. */
function requirementsFromDraft(
  draft: Draft,
  t: Translate,
): { requirements?: CreateActivityRequest['requirements'] } | { problem: string } {
  const minAgeText = draft.minAge.trim();
  const minAge = minAgeText === '' ? undefined : Number(minAgeText);
  if (minAge !== undefined && (!Number.isInteger(minAge) || minAge < 1 || minAge > 100)) {
    return { problem: t('newActivity.minAgeInvalid') };
  }
  const skills = draft.skills
    .split(/[、,，\s]+/)
    .map((skill) => skill.trim())
    .filter(Boolean);
  if (minAge === undefined && skills.length === 0 && !draft.insurance) return {};
  return {
    requirements: {
      ...(minAge !== undefined ? { minAge } : {}),
      ...(skills.length > 0 ? { skills } : {}),
      ...(draft.insurance ? { insurance: true } : {}),
    },
  };
}

/** The positions the draft names, or the first thing to fix in them. */
function positionsFromDraft(
  draft: Draft,
  t: Translate,
): { positions?: CreateActivityRequest['positions'] } | { problem: string } {
  if (draft.positions.length === 0) return {};
  const positions = draft.positions.map((position) => ({
    name: position.name.trim(),
    capacity: Number(position.capacity.trim()),
  }));
  if (positions.some((position) => !position.name)) return { problem: t('newActivity.positionNameRequired') };
  if (positions.some((position) => !Number.isInteger(position.capacity) || position.capacity < 1)) {
    return { problem: t('newActivity.positionCapacityInvalid') };
  }
  if (new Set(positions.map((position) => position.name)).size !== positions.length) {
    return { problem: t('newActivity.positionNamesRepeat') };
  }
  return { positions };
}

/** The request the draft describes, or the first thing the person must fix. */
export function activityFromDraft(draft: Draft, t: Translate): CreateActivityRequest | { problem: string } {
  const title = draft.title.trim();
  if (!title) return { problem: t('newActivity.titleRequired') };
  if (!draft.category) return { problem: t('newActivity.categoryRequired') };
  const startsAt = fromDateTimeInputs(draft.start.date, draft.start.time);
  const endsAt = fromDateTimeInputs(draft.end.date, draft.end.time);
  if (!startsAt || !endsAt) return { problem: t('newActivity.timeInvalid') };
  if (Date.parse(endsAt) <= Date.parse(startsAt)) return { problem: t('newActivity.endBeforeStart') };
  const capacityText = draft.capacity.trim();
  const capacity = capacityText === '' ? undefined : Number(capacityText);
  if (capacity !== undefined && (!Number.isInteger(capacity) || capacity < 1)) {
    return { problem: t('newActivity.capacityInvalid') };
  }
  const positions = positionsFromDraft(draft, t);
  if ('problem' in positions) return positions;
  if (positions.positions && capacity !== undefined) return { problem: t('newActivity.capacityWithPositions') };
  const signupClosesAt = draft.closesEarly ? fromDateTimeInputs(draft.closes.date, draft.closes.time) : undefined;
  if (draft.closesEarly && (!signupClosesAt || Date.parse(signupClosesAt) > Date.parse(startsAt))) {
    return { problem: t('newActivity.closesAfterStart') };
  }
  const requirements = requirementsFromDraft(draft, t);
  if ('problem' in requirements) return requirements;
  const location = draft.location.trim();
  const coverImageId = draft.cover[0]?.id;
  return {
    ...requirements,
    title,
    category: draft.category,
    startsAt,
    endsAt,
    ...(location ? { location } : {}),
    ...(capacity !== undefined ? { capacity } : {}),
    ...positions,
    ...(draft.signupRequired ? { signupRequired: true } : {}),
    ...(signupClosesAt ? { signupClosesAt } : {}),
    ...(coverImageId ? { coverImageId } : {}),
  };
}

/** Staff publish a volunteer activity: what, which kind, when, where, how many people — once, or every week. */
export default function NewActivityPage() {
  return (
    <OfficeLayout title="newActivity.title">
      {({ communityId }) => <NewActivityForm communityId={communityId} />}
    </OfficeLayout>
  );
}

/** The start and end the draft holds, when both are valid (the weekly preview's first occurrence). */
function firstOccurrence(draft: Draft): { startsAt: string; endsAt: string } | null {
  const startsAt = fromDateTimeInputs(draft.start.date, draft.start.time);
  const endsAt = fromDateTimeInputs(draft.end.date, draft.end.time);
  return startsAt && endsAt && Date.parse(endsAt) > Date.parse(startsAt) ? { startsAt, endsAt } : null;
}

function NewActivityForm({ communityId }: { communityId: string }) {
  const { t, language } = useI18n();
  const [draft, setDraft] = useState(() => newDraft());
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [categories, setCategories] = useState<readonly ActivityCategoryDefinition[]>();
  const [repeat, setRepeat] = useState(NO_REPEAT);
  const [uploading, setUploading] = useState(false);
  const change = (patch: Partial<Draft>) => setDraft((previous) => ({ ...previous, ...patch }));

  // The community's own categories (an admin edits them in the rules).
  useEffect(() => {
    let live = true;
    request(contracts.getCommunity, { params: { cid: communityId } })
      .then((community) => live && setCategories(activityCategoriesOf(community.rules)))
      .catch((error: unknown) => live && setProblem(describeError(t, error)));
    return () => {
      live = false;
    };
  }, [communityId, t]);

  const submit = async () => {
    if (busy) return;
    if (uploading) return setProblem(t('photos.stillUploading'));
    const body = activityFromDraft(draft, t);
    const series = repeat.weekly && !('problem' in body) ? seriesFromDraft(body, repeat, t, language) : undefined;
    const invalid = 'problem' in body ? body : series && 'problem' in series ? series : undefined;
    if (invalid) {
      setProblem(invalid.problem);
      return;
    }
    setBusy(true);
    setProblem(undefined);
    try {
      if (series && !('problem' in series)) {
        await request(contracts.createActivitySeries, { params: { cid: communityId }, body: series, idempotencyKey });
      } else if (!('problem' in body)) {
        await request(contracts.createActivity, { params: { cid: communityId }, body, idempotencyKey });
      }
      await replacePage(ROUTES.officeActivities);
    } catch (error) {
      setProblem(describeError(t, error));
      setBusy(false);
    }
  };

  return (
    <View className="card" id="new-activity-form">
      <DraftFields draft={draft} categories={categories} onChange={change} />
      <CoverField
        id="activity-cover"
        communityId={communityId}
        title={draft.title}
        value={draft.cover}
        onChange={(cover) => change({ cover })}
        onBusyChange={setUploading}
      />
      <SignupFields draft={draft} onChange={change} />
      <RepeatFields value={repeat} onChange={setRepeat} first={firstOccurrence(draft)} />
      {problem ? (
        <Text className="form-error" id="new-activity-error">
          {problem}
        </Text>
      ) : null}
      <SubmitButton id="activity-submit" busy={busy} onClick={submit}>
        {busy ? t('newActivity.submitting') : t('newActivity.submit')}
      </SubmitButton>
    </View>
  );
}

/** What, which kind, when, where and how many people: the draft's fields, as typed. */
function DraftFields({
  draft,
  categories,
  onChange: change,
}: {
  draft: Draft;
  categories: readonly ActivityCategoryDefinition[] | undefined;
  onChange: (patch: Partial<Draft>) => void;
}) {
  const { t } = useI18n();
  return (
    <>
      <View className="field">
        <Text className="field__label">{t('newActivity.name')}</Text>
        <Input
          {...accessibleName(t('newActivity.name'))}
          id="activity-title"
          className="field__input"
          value={draft.title}
          placeholder={t('newActivity.namePlaceholder')}
          maxlength={60}
          onInput={(event) => change({ title: event.detail.value })}
        />
      </View>
      <CategoryField
        idPrefix="activity-category"
        value={draft.category}
        categories={categories}
        onChange={(category) => change({ category })}
      />
      <DateTimeField
        id="activity-start"
        label={t('newActivity.start')}
        value={draft.start}
        onChange={(start) => change({ start })}
      />
      <DateTimeField
        id="activity-end"
        label={t('newActivity.end')}
        value={draft.end}
        onChange={(end) => change({ end })}
      />
      <View className="field">
        <Text className="field__label">{t('newActivity.location')}</Text>
        <Input
          {...accessibleName(t('newActivity.location'))}
          id="activity-location"
          className="field__input"
          value={draft.location}
          placeholder={t('newActivity.locationPlaceholder')}
          maxlength={100}
          onInput={(event) => change({ location: event.detail.value })}
        />
      </View>
      <View className="field">
        <Text className="field__label">{t('newActivity.capacity')}</Text>
        <Input
          {...accessibleName(t('newActivity.capacity'))}
          id="activity-capacity"
          className="field__input"
          type="number"
          value={draft.capacity}
          placeholder={t('newActivity.capacityPlaceholder')}
          maxlength={5}
          onInput={(event) => change({ capacity: event.detail.value })}
        />
      </View>
    </>
  );
}

/** 报名: positions (岗位) with their places, whether check-in needs a sign-up, and an earlier cut-off. */
function SignupFields({ draft, onChange }: { draft: Draft; onChange: (patch: Partial<Draft>) => void }) {
  return (
    <>
      <PositionsField draft={draft} onChange={onChange} />
      <SignupRuleFields draft={draft} onChange={onChange} />
      <RequirementFields draft={draft} onChange={onChange} />
    </>
  );
}

/** 岗位: a name and a number of people each, added and removed one by one. */
function PositionsField({ draft, onChange: change }: { draft: Draft; onChange: (patch: Partial<Draft>) => void }) {
  const { t } = useI18n();
  const setPosition = (index: number, patch: Partial<PositionDraft>) =>
    change({ positions: draft.positions.map((position, at) => (at === index ? { ...position, ...patch } : position)) });
  return (
    <View className="field" id="activity-positions">
      <Text className="field__label">{t('newActivity.positions')}</Text>
      <Text className="card__hint">{t('newActivity.positionsHint')}</Text>
      {draft.positions.map((position, index) => (
        <View className="row" key={index}>
          <Input
            {...accessibleName(t('newActivity.positionNamePlaceholder'))}
            id={`activity-position-name-${index}`}
            className="field__input"
            value={position.name}
            placeholder={t('newActivity.positionNamePlaceholder')}
            maxlength={30}
            onInput={(event) => setPosition(index, { name: event.detail.value })}
          />
          <Input
            {...accessibleName(t('newActivity.positionCapacityPlaceholder'))}
            id={`activity-position-capacity-${index}`}
            className="field__input"
            type="number"
            value={position.capacity}
            placeholder={t('newActivity.positionCapacityPlaceholder')}
            maxlength={4}
            onInput={(event) => setPosition(index, { capacity: event.detail.value })}
          />
          <Button
            id={`activity-position-remove-${index}`}
            className="button button--secondary button--small"
            onClick={() => change({ positions: draft.positions.filter((_, at) => at !== index) })}
          >
            {t('newActivity.positionRemove')}
          </Button>
        </View>
      ))}
      {draft.positions.length < MAX_POSITIONS ? (
        <Button
          id="activity-position-add"
          className="button button--secondary button--small"
          onClick={() => change({ positions: [...draft.positions, { name: '', capacity: '' }] })}
        >
          {t('newActivity.positionAdd')}
        </Button>
      ) : null}
    </View>
  );
}

/** Whether check-in needs a confirmed sign-up, and when sign-up closes. */
function SignupRuleFields({ draft, onChange: change }: { draft: Draft; onChange: (patch: Partial<Draft>) => void }) {
  const { t } = useI18n();
  return (
    <>
      <View className="field">
        <Text className="field__label">{t('newActivity.checkinRule')}</Text>
        <ChoiceTabs
          idPrefix="activity-signup-required"
          value={draft.signupRequired ? 'yes' : 'no'}
          onChange={(value) => change({ signupRequired: value === 'yes' })}
          choices={[
            { value: 'no', label: t('newActivity.anyoneChecksIn') },
            { value: 'yes', label: t('newActivity.signupRequired') },
          ]}
        />
      </View>
      <View className="field">
        <Text className="field__label">{t('newActivity.signupCloses')}</Text>
        <ChoiceTabs
          idPrefix="activity-closes"
          value={draft.closesEarly ? 'early' : 'start'}
          onChange={(value) => change({ closesEarly: value === 'early' })}
          choices={[
            { value: 'start', label: t('newActivity.closesAtStart') },
            { value: 'early', label: t('newActivity.closesEarly') },
          ]}
        />
        {draft.closesEarly ? (
          <DateTimeField
            id="activity-closes-at"
            label={t('newActivity.closesAt')}
            value={draft.closes}
            onChange={(closes) => change({ closes })}
          />
        ) : null}
      </View>
    </>
  );
}

/** 报名条件: a minimum age, skills from the volunteer profile, accident insurance. */
function RequirementFields({ draft, onChange: change }: { draft: Draft; onChange: (patch: Partial<Draft>) => void }) {
  const { t } = useI18n();
  return (
    <>
      <View className="field">
        <Text className="field__label">{t('newActivity.minAge')}</Text>
        <Input
          {...accessibleName(t('newActivity.minAge'))}
          id="activity-min-age"
          className="field__input"
          type="number"
          value={draft.minAge}
          placeholder={t('newActivity.minAgePlaceholder')}
          maxlength={3}
          onInput={(event) => change({ minAge: event.detail.value })}
        />
      </View>
      <View className="field">
        <Text className="field__label">{t('newActivity.skills')}</Text>
        <Input
          {...accessibleName(t('newActivity.skills'))}
          id="activity-skills"
          className="field__input"
          value={draft.skills}
          placeholder={t('newActivity.skillsPlaceholder')}
          maxlength={100}
          onInput={(event) => change({ skills: event.detail.value })}
        />
      </View>
      <View className="field">
        <Text className="field__label">{t('newActivity.insurance')}</Text>
        <ChoiceTabs
          idPrefix="activity-insurance"
          value={draft.insurance ? 'yes' : 'no'}
          onChange={(value) => change({ insurance: value === 'yes' })}
          choices={[
            { value: 'no', label: t('newActivity.insuranceNo') },
            { value: 'yes', label: t('newActivity.insuranceYes') },
          ]}
        />
      </View>
    </>
  );
}
