import { Text, View } from '@tarojs/components';
import { useEffect } from 'react';
import { contracts, dayOf, type Activity, type RosterEntry } from '@linli/shared';
import { request, useApi } from '../../api';
import { downloadExport } from '../../api/download';
import ActionOutcome from '../action-outcome';
import ActivityCard from '../activity-card';
import EmptyState from '../empty-state';
import SubmitButton from '../submit-button';
import { formatDateTime } from '../../format/time';
import { useAction } from '../../hooks/action';
import { useI18n, type Translate } from '../../i18n';

/** The roster refreshes itself while staff watch people check in. */
const REFRESH_MS = 10_000;

/**
 * An activity's roster (报名名单): sign-ups per position — confirmed, waitlisted in order, cancelled —
 * and walk-ins, each with whether they checked in, refreshed every 10 s; no-show counts where the
 * API gives them (staff). `exportable`: the Excel export (staff only).
 */
export default function ActivityRoster({
  communityId,
  activityId,
  exportable,
}: {
  communityId: string;
  activityId: string;
  exportable: boolean;
}) {
  const { t } = useI18n();
  const roster = useApi(`roster:${communityId}:${activityId}`, () =>
    request(contracts.listSignups, { params: { cid: communityId, aid: activityId } }),
  );
  const { reload } = roster;
  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);
  if (roster.error) return <EmptyState id="roster-error" title={t('common.error')} />;
  if (!roster.data) return <EmptyState id="roster-loading" title={t('common.loading')} />;
  const { activity, items } = roster.data;
  const groups = groupsOf(t, activity);
  return (
    <>
      <ActivityCard activity={activity} />
      <RosterSummary items={items} />
      {groups.map((group) => (
        <RosterGroup
          key={group.id ?? 'all'}
          title={group.name}
          entries={items.filter((entry) => entry.status !== 'walk_in' && entry.positionId === group.id)}
        />
      ))}
      <RosterGroup title={t('roster.walkIns')} entries={items.filter((entry) => entry.status === 'walk_in')} />
      {exportable ? <RosterExport communityId={communityId} activity={activity} /> : null}
    </>
  );
}

function groupsOf(t: Translate, activity: Activity): { id: string | undefined; name: string }[] {
  if (!activity.positions?.length) return [{ id: undefined, name: t('roster.signedUp') }];
  return activity.positions.map((position) => ({
    id: position.id,
    name: t('roster.position', { name: position.name, confirmed: position.confirmed, capacity: position.capacity }),
  }));
}

function RosterSummary({ items }: { items: RosterEntry[] }) {
  const { t } = useI18n();
  const count = (test: (entry: RosterEntry) => boolean) => items.filter(test).length;
  return (
    <View className="card" id="roster-summary">
      <Text className="card__value">
        {t('roster.summary', {
          confirmed: count((entry) => entry.status === 'confirmed'),
          waitlisted: count((entry) => entry.status === 'waitlisted'),
          checkedIn: count((entry) => entry.attendance === 'checked_in' || entry.attendance === 'checked_out'),
          noShows: count((entry) => entry.attendance === 'no_show'),
        })}
      </Text>
      <Text className="card__hint">{t('roster.live')}</Text>
    </View>
  );
}

function statusText(t: Translate, entry: RosterEntry): string {
  if (entry.status === 'waitlisted') return t('roster.status.waitlisted', { place: entry.waitlistPosition ?? 1 });
  return t(`roster.status.${entry.status}`);
}

function RosterGroup({ title, entries }: { title: string; entries: RosterEntry[] }) {
  const { t, language } = useI18n();
  if (entries.length === 0) return null;
  return (
    <View className="card">
      <Text className="card__label">{title}</Text>
      {entries.map((entry) => (
        <View className="row" key={entry.memberId} id={`roster-${entry.memberId}`}>
          <Text className="row__text">{entry.displayName}</Text>
          <Text className={entry.status === 'cancelled' ? 'tag tag--danger' : 'tag'}>{statusText(t, entry)}</Text>
          {entry.attendance !== 'none' ? (
            <Text
              className={entry.attendance === 'no_show' ? 'tag tag--danger' : 'tag tag--amber'}
              id={`roster-attendance-${entry.memberId}`}
            >
              {t(`roster.attendance.${entry.attendance}`)}
              {entry.checkedInAt ? ` ${formatDateTime(entry.checkedInAt, language)}` : ''}
            </Text>
          ) : null}
          {entry.noShows ? <Text className="card__hint">{t('roster.noShows', { count: entry.noShows })}</Text> : null}
        </View>
      ))}
    </View>
  );
}

function RosterExport({ communityId, activity }: { communityId: string; activity: Activity }) {
  const { t } = useI18n();
  const action = useAction();
  const day = dayOf(activity.startsAt);
  const download = () =>
    action.run(async () => {
      await downloadExport({
        communityId,
        dataset: 'signups',
        from: day,
        to: day,
        format: 'xlsx',
        activityId: activity.id,
      });
      return t('roster.exported');
    });
  return (
    <View className="card" id="roster-export">
      <SubmitButton id="roster-export-download" busy={action.busy} onClick={download}>
        {action.busy ? t('exports.downloading') : t('roster.export')}
      </SubmitButton>
      <ActionOutcome id="roster-export" outcome={action.outcome} />
    </View>
  );
}
