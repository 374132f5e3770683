import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { contracts, type CreateActivityRequest, type TeamPage } from '@linli/shared';
import { request, useApi } from '../../../api';
import ActionOutcome from '../../../components/action-outcome';
import CategoryField from '../../../components/category-field';
import DateTimeField, { type DateTimeValue } from '../../../components/date-time-field';
import EmptyState from '../../../components/empty-state';
import PageLayout from '../../../components/page-layout';
import SubmitButton from '../../../components/submit-button';
import TextField from '../../../components/text-field';
import { fromDateTimeInputs, toDateTimeInputs } from '../../../format/time';
import { useAction } from '../../../hooks/action';
import { useActivityCategories } from '../../../hooks/activity-categories';
import { useI18n, type Translate } from '../../../i18n';
import { ROUTES, replacePage } from '../../../routes';
import { useSession } from '../../../state/session';

interface Draft {
  title: string;
  category: string | undefined;
  start: DateTimeValue;
  end: DateTimeValue;
  location: string;
  capacity: string;
}

const HOUR_MS = 60 * 60 * 1000;

/** Tomorrow at 9:00 for two hours: a leader plans ahead. */
function newDraft(now = new Date()): Draft {
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 9, 0);
  return {
    title: '',
    category: undefined,
    start: toDateTimeInputs(start),
    end: toDateTimeInputs(new Date(start.getTime() + 2 * HOUR_MS)),
    location: '',
    capacity: '',
  };
}

/** The activity the draft describes for the team, or the first thing to fix. */
function requestFrom(draft: Draft, teamId: string, t: Translate): CreateActivityRequest | { problem: string } {
  const title = draft.title.trim();
  if (!title) return { problem: t('newActivity.titleRequired') };
  if (!draft.category) return { problem: t('newActivity.categoryRequired') };
  const startsAt = fromDateTimeInputs(draft.start.date, draft.start.time);
  const endsAt = fromDateTimeInputs(draft.end.date, draft.end.time);
  if (!startsAt || !endsAt) return { problem: t('newActivity.timeInvalid') };
  if (Date.parse(endsAt) <= Date.parse(startsAt)) return { problem: t('newActivity.endBeforeStart') };
  const capacity = draft.capacity.trim() === '' ? undefined : Number(draft.capacity.trim());
  if (capacity !== undefined && (!Number.isInteger(capacity) || capacity < 1)) {
    return { problem: t('newActivity.capacityInvalid') };
  }
  const location = draft.location.trim();
  return {
    title,
    category: draft.category,
    startsAt,
    endsAt,
    teamId,
    ...(location ? { location } : {}),
    ...(capacity !== undefined ? { capacity } : {}),
  };
}

/** A team's leader (or the office) publishes an activity for the team; back to the team page when done. */
export default function TeamActivityPage() {
  const { t } = useI18n();
  const teamId = useRouter().params.id ?? '';
  const { loggedIn, communityId } = useSession();
  const team = useApi(loggedIn && communityId && teamId ? `team:${communityId}:${teamId}` : null, () =>
    request(contracts.getTeam, { params: { cid: communityId ?? '', tid: teamId } }),
  );
  return (
    <PageLayout
      title="teamActivity.title"
      requires="community"
      loading={team.loading}
      error={team.error}
      onRetry={team.reload}
    >
      {team.data && !team.data.canManage ? (
        <EmptyState id="team-activity-forbidden" title={t('teamActivity.leadersOnly')} />
      ) : null}
      {team.data?.canManage ? <TeamActivityForm communityId={communityId ?? ''} page={team.data} /> : null}
    </PageLayout>
  );
}

function TeamActivityForm({ communityId, page }: { communityId: string; page: TeamPage }) {
  const { t } = useI18n();
  const categories = useActivityCategories(communityId);
  const action = useAction();
  const [draft, setDraft] = useState(() => newDraft());
  const change = (patch: Partial<Draft>) => setDraft((previous) => ({ ...previous, ...patch }));
  const submit = async () => {
    const body = requestFrom(draft, page.team.id, t);
    if ('problem' in body) return action.fail(body.problem);
    const done = await action.run(async (idempotencyKey) => {
      await request(contracts.createActivity, { params: { cid: communityId }, body, idempotencyKey });
      return t('teamActivity.published');
    });
    if (done) await replacePage(ROUTES.team, { id: page.team.id });
  };
  return (
    <View className="card" id="team-activity-form">
      <Text className="card__label">{t('teamActivity.forTeam', { name: page.team.name })}</Text>
      <TextField
        id="team-activity-title"
        label={t('newActivity.name')}
        placeholder={t('newActivity.namePlaceholder')}
        value={draft.title}
        maxlength={60}
        onChange={(title) => change({ title })}
      />
      <CategoryField
        idPrefix="team-activity-category"
        value={draft.category}
        categories={categories}
        onChange={(category) => change({ category })}
      />
      <DateTimeField
        id="team-activity-start"
        label={t('newActivity.start')}
        value={draft.start}
        onChange={(start) => change({ start })}
      />
      <DateTimeField
        id="team-activity-end"
        label={t('newActivity.end')}
        value={draft.end}
        onChange={(end) => change({ end })}
      />
      <TextField
        id="team-activity-location"
        label={t('newActivity.location')}
        placeholder={t('newActivity.locationPlaceholder')}
        value={draft.location}
        maxlength={100}
        onChange={(location) => change({ location })}
      />
      <TextField
        id="team-activity-capacity"
        label={t('newActivity.capacity')}
        placeholder={t('newActivity.capacityPlaceholder')}
        value={draft.capacity}
        maxlength={5}
        numeric
        onChange={(capacity) => change({ capacity })}
      />
      <SubmitButton id="team-activity-submit" busy={action.busy} onClick={submit}>
        {action.busy ? t('newActivity.submitting') : t('newActivity.submit')}
      </SubmitButton>
      <ActionOutcome id="team-activity" outcome={action.outcome} />
    </View>
  );
}
