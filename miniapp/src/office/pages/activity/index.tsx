import { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import {
  clockTimeOf,
  contracts,
  type Activity,
  type ActivitySeriesChange,
  type ActivitySeriesPatch,
  type ImageView,
  type UpdateActivityRequest,
} from '@linli/shared';
import { request, useApi } from '../../../api';
import ActionOutcome from '../../../components/action-outcome';
import ActivityCard from '../../../components/activity-card';
import ChoiceTabs from '../../../components/choice-tabs';
import DateTimeField, { type DateTimeValue } from '../../../components/date-time-field';
import SubmitButton from '../../../components/submit-button';
import TextField from '../../../components/text-field';
import CoverField from '../../components/cover-field';
import EvidenceForm from '../../components/evidence-form';
import OfficeLayout from '../../components/office-layout';
import { formatDateTime, fromDateTimeInputs, toDateTimeInputs } from '../../../format/time';
import { useAction, type Action } from '../../../hooks/action';
import { describeError, useI18n, type Language, type Translate } from '../../../i18n';

/** Only this occurrence, or this one and the later ones of its weekly series. */
type Scope = 'one' | 'following';

interface EditDraft {
  title: string;
  location: string;
  capacity: string;
  start: DateTimeValue;
  end: DateTimeValue;
  /** The cover photo as it stands in the form (none or one). */
  cover: ImageView[];
}

const draftOf = (activity: Activity): EditDraft => ({
  title: activity.title,
  location: activity.location ?? '',
  capacity: activity.capacity === undefined ? '' : String(activity.capacity),
  start: toDateTimeInputs(new Date(activity.startsAt)),
  end: toDateTimeInputs(new Date(activity.endsAt)),
  cover: activity.cover ? [activity.cover] : [],
});

/** The fields the person changed (title, place, capacity, cover, times), or the first thing to fix. */
export function changedFields(
  activity: Activity,
  draft: EditDraft,
  t: Translate,
):
  | { fields: Omit<UpdateActivityRequest, 'startsAt' | 'endsAt'>; startsAt: string; endsAt: string }
  | { problem: string } {
  const title = draft.title.trim();
  if (!title) return { problem: t('newActivity.titleRequired') };
  const startsAt = fromDateTimeInputs(draft.start.date, draft.start.time);
  const endsAt = fromDateTimeInputs(draft.end.date, draft.end.time);
  if (!startsAt || !endsAt) return { problem: t('newActivity.timeInvalid') };
  if (Date.parse(endsAt) <= Date.parse(startsAt)) return { problem: t('newActivity.endBeforeStart') };
  const capacityText = draft.capacity.trim();
  const capacity = capacityText === '' ? undefined : Number(capacityText);
  if (capacity !== undefined && (!Number.isInteger(capacity) || capacity < 1)) {
    return { problem: t('newActivity.capacityInvalid') };
  }
  const location = draft.location.trim();
  const coverImageId = draft.cover[0]?.id ?? null;
  const fields = {
    ...(title !== activity.title ? { title } : {}),
    ...(location && location !== activity.location ? { location } : {}),
    ...(capacity !== undefined && capacity !== activity.capacity ? { capacity } : {}),
    ...(coverImageId !== (activity.cover?.id ?? null) ? { coverImageId } : {}),
  };
  return { fields, startsAt, endsAt };
}

/** The single edit of this occurrence, or null when nothing changed. */
export function singlePatch(activity: Activity, changed: { fields: object; startsAt: string; endsAt: string }) {
  const patch: UpdateActivityRequest = {
    ...changed.fields,
    ...(Date.parse(changed.startsAt) !== Date.parse(activity.startsAt) ? { startsAt: changed.startsAt } : {}),
    ...(Date.parse(changed.endsAt) !== Date.parse(activity.endsAt) ? { endsAt: changed.endsAt } : {}),
  };
  return Object.keys(patch).length > 0 ? patch : null;
}

/** "This and the rest": the same fields, and the times as China-time clock times (each keeps its date). */
export function seriesPatch(activity: Activity, changed: { fields: object; startsAt: string; endsAt: string }) {
  const [startTime, endTime] = [clockTimeOf(changed.startsAt), clockTimeOf(changed.endsAt)];
  const moved = startTime !== clockTimeOf(activity.startsAt) || endTime !== clockTimeOf(activity.endsAt);
  const patch: ActivitySeriesPatch = { ...changed.fields, ...(moved ? { startTime, endTime } : {}) };
  return Object.keys(patch).length > 0 ? patch : null;
}

/** What "this and the rest" did, in words: how many changed, and the dates that could not be. */
export function seriesOutcomeText(
  change: ActivitySeriesChange,
  done: 'updated' | 'cancelled',
  t: Translate,
  language: Language,
): string {
  const count = change.results.filter((result) => result.outcome === done).length;
  const failed = change.results.filter((result) => result.outcome === 'failed');
  const head =
    done === 'updated'
      ? t('manage.savedFollowing', { count })
      : change.series.status === 'cancelled'
        ? t('manage.cancelledAll', { count })
        : t('manage.cancelledFollowing', { count, until: change.series.until });
  if (failed.length === 0) return head;
  const dates = failed.map((result) => formatDateTime(result.startsAt, language)).join('、');
  return `${head}；${t('manage.notChanged', { count: failed.length, dates })}`;
}

/** Staff change or cancel one activity — or, for a weekly one, this and every later time. */
export default function OfficeActivityPage() {
  const activityId = useRouter().params.id ?? '';
  return (
    <OfficeLayout title="manage.title">
      {({ communityId }) => <ManageActivity communityId={communityId} activityId={activityId} />}
    </OfficeLayout>
  );
}

function ManageActivity({ communityId, activityId }: { communityId: string; activityId: string }) {
  const { t } = useI18n();
  const activity = useApi(`office-activity:${communityId}:${activityId}`, () =>
    request(contracts.getActivity, { params: { cid: communityId, aid: activityId } }),
  );
  const [scope, setScope] = useState<Scope>('one');
  const cancel = useAction();
  if (activity.error) return <Text className="form-error">{describeError(t, activity.error)}</Text>;
  if (!activity.data) return null;
  const data = activity.data;
  const shown = data.seriesId ? scope : 'one';
  return (
    <>
      <ActivityCard activity={data} />
      <ActionOutcome id="manage-cancel" outcome={cancel.outcome} />
      {data.status === 'cancelled' ? (
        <View className="notice" id="manage-cancelled">
          {t('manage.alreadyCancelled')}
        </View>
      ) : (
        <>
          {data.seriesId ? (
            <View className="card">
              <Text className="field__label">{t('manage.scope')}</Text>
              <ChoiceTabs
                idPrefix="manage-scope"
                value={scope}
                onChange={setScope}
                choices={[
                  { value: 'one', label: t('manage.scopeOne') },
                  { value: 'following', label: t('manage.scopeFollowing') },
                ]}
              />
              {scope === 'following' ? <Text className="card__hint">{t('manage.followingHint')}</Text> : null}
            </View>
          ) : null}
          <EditForm key={data.id} activity={data} scope={shown} onDone={activity.reload} />
          {Date.parse(data.endsAt) <= Date.now() ? (
            <EvidenceForm key={`evidence-${data.id}`} activity={data} onSaved={activity.reload} />
          ) : (
            <Text className="card__hint" id="manage-evidence-later">
              {t('photos.evidenceNotYet')}
            </Text>
          )}
          <CancelForm activity={data} scope={shown} action={cancel} onDone={activity.reload} />
        </>
      )}
    </>
  );
}

/** Sends the edit of this occurrence, or of it and the later ones; the words to show. */
async function sendEdit(
  edit: {
    activity: Activity;
    scope: Scope;
    patch: UpdateActivityRequest | ActivitySeriesPatch;
    idempotencyKey: string;
  },
  t: Translate,
  language: Language,
): Promise<string> {
  const { activity, patch, idempotencyKey } = edit;
  if (edit.scope === 'one') {
    const params = { cid: activity.communityId, aid: activity.id };
    await request(contracts.updateActivity, { params, body: patch as UpdateActivityRequest, idempotencyKey });
    return t('manage.saved');
  }
  const params = { cid: activity.communityId, sid: activity.seriesId ?? '' };
  const body = { from: activity.id, patch: patch as ActivitySeriesPatch };
  const reply = await request(contracts.updateActivitySeries, { params, body, idempotencyKey });
  return seriesOutcomeText(reply, 'updated', t, language);
}

function EditForm({ activity, scope, onDone }: { activity: Activity; scope: Scope; onDone: () => void }) {
  const { t, language } = useI18n();
  const [draft, setDraft] = useState(() => draftOf(activity));
  const [uploading, setUploading] = useState(false);
  const action = useAction();
  const change = (patch: Partial<EditDraft>) => setDraft((previous) => ({ ...previous, ...patch }));

  const submit = async () => {
    if (action.busy) return;
    if (uploading) return action.fail(t('photos.stillUploading'));
    const changed = changedFields(activity, draft, t);
    if ('problem' in changed) return action.fail(changed.problem);
    const patch = scope === 'following' ? seriesPatch(activity, changed) : singlePatch(activity, changed);
    if (!patch) return action.fail(t('manage.nothingChanged'));
    const done = await action.run((idempotencyKey) =>
      sendEdit({ activity, scope, patch, idempotencyKey }, t, language),
    );
    if (done) onDone();
  };

  return (
    <View className="card" id="manage-edit">
      <EditFields draft={draft} onChange={change} />
      <CoverField
        id="manage-cover"
        communityId={activity.communityId}
        title={draft.title}
        value={draft.cover}
        onChange={(cover) => change({ cover })}
        onBusyChange={setUploading}
      />
      <ActionOutcome id="manage-edit" outcome={action.outcome} />
      <SubmitButton id="manage-save" busy={action.busy} onClick={submit}>
        {action.busy ? t('manage.saving') : t('manage.save')}
      </SubmitButton>
    </View>
  );
}

/** Title, times, place and capacity as typed. */
function EditFields({ draft, onChange: change }: { draft: EditDraft; onChange: (patch: Partial<EditDraft>) => void }) {
  const { t } = useI18n();
  return (
    <>
      <TextField
        id="manage-title"
        label={t('newActivity.name')}
        value={draft.title}
        maxlength={60}
        onChange={(title) => change({ title })}
      />
      <DateTimeField
        id="manage-start"
        label={t('newActivity.start')}
        value={draft.start}
        onChange={(start) => change({ start })}
      />
      <DateTimeField
        id="manage-end"
        label={t('newActivity.end')}
        value={draft.end}
        onChange={(end) => change({ end })}
      />
      <TextField
        id="manage-location"
        label={t('newActivity.location')}
        value={draft.location}
        maxlength={100}
        onChange={(location) => change({ location })}
      />
      <TextField
        id="manage-capacity"
        label={t('newActivity.capacity')}
        value={draft.capacity}
        numeric
        maxlength={5}
        placeholder={t('newActivity.capacityPlaceholder')}
        onChange={(capacity) => change({ capacity })}
      />
    </>
  );
}

function CancelForm({
  activity,
  scope,
  action,
  onDone,
}: {
  activity: Activity;
  scope: Scope;
  action: Action;
  onDone: () => void;
}) {
  const { t, language } = useI18n();
  const [confirming, setConfirming] = useState(false);

  const confirm = async () => {
    const done = await action.run(async (idempotencyKey) => {
      if (scope === 'one') {
        const params = { cid: activity.communityId, aid: activity.id };
        await request(contracts.cancelActivity, { params, idempotencyKey });
        return t('manage.cancelled');
      }
      const params = { cid: activity.communityId, sid: activity.seriesId ?? '' };
      const reply = await request(contracts.cancelActivitySeries, {
        params,
        body: { from: activity.id },
        idempotencyKey,
      });
      return seriesOutcomeText(reply, 'cancelled', t, language);
    });
    setConfirming(false);
    if (done) onDone();
  };

  return (
    <View className="card" id="manage-cancel">
      {confirming ? (
        <>
          <Text className="card__hint">{t('manage.cancelConfirmHint')}</Text>
          <SubmitButton
            id="manage-cancel-confirm"
            className="button button--danger"
            busy={action.busy}
            onClick={confirm}
          >
            {t('manage.cancelConfirm')}
          </SubmitButton>
        </>
      ) : (
        <Button id="manage-cancel-start" className="button button--secondary" onClick={() => setConfirming(true)}>
          {scope === 'following' ? t('manage.cancelFollowing') : t('manage.cancelOne')}
        </Button>
      )}
    </View>
  );
}
