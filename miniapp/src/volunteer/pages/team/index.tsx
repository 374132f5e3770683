import { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { contracts, type MeResponse, type TeamPage } from '@linli/shared';
import { request, useApi } from '../../../api';
import ActionOutcome from '../../../components/action-outcome';
import ActivityCard from '../../../components/activity-card';
import EmptyState from '../../../components/empty-state';
import NavRow from '../../../components/nav-row';
import PageLayout from '../../../components/page-layout';
import SubmitButton from '../../../components/submit-button';
import { formatHours } from '../../../format/office';
import { useAction } from '../../../hooks/action';
import { isOffice, useMe } from '../../../hooks/me';
import { useReloadOnShow } from '../../../hooks/reload-on-show';
import { useI18n } from '../../../i18n';
import { ROUTES, openPage } from '../../../routes';
import { useSession } from '../../../state/session';
import TeamRoster from '../../components/team-roster';

/**
 * One volunteer team: what it does, its hours this year, its coming activities and its members, and
 * the caller's place in it (ask to join, leave). Its leaders and the office also manage it here.
 */
export default function TeamPageView() {
  const teamId = useRouter().params.id ?? '';
  const { loggedIn, communityId } = useSession();
  const team = useApi(loggedIn && communityId && teamId ? `team:${communityId}:${teamId}` : null, () =>
    request(contracts.getTeam, { params: { cid: communityId ?? '', tid: teamId } }),
  );
  const me = useMe();
  useReloadOnShow(team.reload);

  return (
    <PageLayout
      title="team.title"
      requires="community"
      loading={team.loading || me.loading}
      error={team.error ?? me.error}
      onRetry={team.reload}
    >
      {team.data && me.data ? (
        <TeamView communityId={communityId ?? ''} page={team.data} me={me.data} onChange={team.reload} />
      ) : null}
    </PageLayout>
  );
}

interface TeamViewProps {
  communityId: string;
  page: TeamPage;
  me: MeResponse;
  onChange: () => void;
}

function TeamView({ communityId, page, me, onChange }: TeamViewProps) {
  const { t } = useI18n();
  return (
    <>
      <TeamHeader page={page} />
      <MyPlace communityId={communityId} page={page} me={me} onChange={onChange} />
      <Text className="section-title">{t('team.upcoming')}</Text>
      {page.upcomingActivities.length === 0 ? (
        <EmptyState id="team-activities-empty" title={t('team.noActivities')} />
      ) : (
        <View className="list" id="team-activities">
          {page.upcomingActivities.map((activity) => (
            <ActivityCard
              key={activity.id}
              activity={activity}
              onOpen={() => openPage(ROUTES.activity, { id: activity.id })}
            >
              {page.canManage ? (
                <Button
                  id={`team-roster-${activity.id}`}
                  className="button button--secondary button--small"
                  onClick={() => openPage(ROUTES.leaderRoster, { activityId: activity.id })}
                >
                  {t('office.roster')}
                </Button>
              ) : null}
            </ActivityCard>
          ))}
        </View>
      )}
      {page.canManage ? (
        <>
          <Text className="section-title">{t('team.manage')}</Text>
          <View className="card card--links">
            <NavRow
              id="team-new-activity"
              label={t('team.newActivity')}
              hint={t('team.newActivityHint')}
              onClick={() => openPage(ROUTES.teamActivity, { id: page.team.id })}
            />
          </View>
        </>
      ) : null}
      <TeamRoster communityId={communityId} page={page} myId={me.member.id} office={isOffice(me)} onChange={onChange} />
    </>
  );
}

/** Name, what the team does, its leaders and its hours this year and month. */
function TeamHeader({ page }: { page: TeamPage }) {
  const { t } = useI18n();
  const leaders = page.members.filter((member) => member.role === 'leader').map((member) => member.displayName);
  return (
    <View className="card" id="team-header">
      <Text className="card__value">{page.team.name}</Text>
      {page.team.description ? <Text>{page.team.description}</Text> : null}
      <Text className="card__hint">
        {leaders.length > 0 ? t('team.leaders', { names: leaders.join('、') }) : t('team.noLeader')}
      </Text>
      <Text className="card__hint">{t('teams.members', { count: page.team.memberCount })}</Text>
      <Text className="card__label" id="team-hours">
        {t('team.hours', {
          year: page.year,
          yearHours: formatHours(page.yearMinutes),
          monthHours: formatHours(page.monthMinutes),
        })}
      </Text>
    </View>
  );
}

/** Where I stand: leader or member (and may leave), asked and waiting, or not in it (and may ask). */
function MyPlace({ communityId, page, me, onChange }: TeamViewProps) {
  const { t } = useI18n();
  const action = useAction();
  const [confirming, setConfirming] = useState(false);
  const params = { cid: communityId, tid: page.team.id };
  const join = async () => {
    const done = await action.run(async (idempotencyKey) => {
      await request(contracts.requestToJoinTeam, { params, idempotencyKey });
      return t('team.joined');
    });
    if (done) onChange();
  };
  const leave = async () => {
    const done = await action.run(async (idempotencyKey) => {
      await request(contracts.removeTeamMember, { params: { ...params, memberId: me.member.id }, idempotencyKey });
      return t('team.left');
    });
    if (done) onChange();
  };
  const asked = page.myRequest;
  return (
    <View className="card" id="team-my-place">
      {page.myRole ? (
        <Text className="card__label">{t(page.myRole === 'leader' ? 'team.youLead' : 'team.youAreMember')}</Text>
      ) : asked?.status === 'pending' ? (
        <Text className="card__label">{t('team.requestPending')}</Text>
      ) : (
        <Text className="card__label">
          {asked?.status === 'rejected'
            ? t('team.requestRejected', { reason: asked.reason ?? '' })
            : t('team.notMember')}
        </Text>
      )}
      {page.myRole ? (
        confirming ? (
          <SubmitButton id="team-leave-confirm" className="button button--danger" busy={action.busy} onClick={leave}>
            {t('team.leaveConfirm')}
          </SubmitButton>
        ) : (
          <Button id="team-leave" className="button button--secondary" onClick={() => setConfirming(true)}>
            {t('team.leave')}
          </Button>
        )
      ) : asked?.status === 'pending' ? null : (
        <SubmitButton id="team-join" busy={action.busy} onClick={join}>
          {t(asked?.status === 'rejected' ? 'team.joinAgain' : 'team.join')}
        </SubmitButton>
      )}
      <ActionOutcome id="team-my-place" outcome={action.outcome} />
    </View>
  );
}
