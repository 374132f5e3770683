import { Text, View } from '@tarojs/components';
import { contracts, type TeamSummary } from '@linli/shared';
import { request, useApi } from '../../../api';
import EmptyState from '../../../components/empty-state';
import PageLayout from '../../../components/page-layout';
import { formatHours } from '../../../format/office';
import { useReloadOnShow } from '../../../hooks/reload-on-show';
import { useI18n, type MessageKey } from '../../../i18n';
import { ROUTES, openPage } from '../../../routes';
import { useSession } from '../../../state/session';

/** 志愿服务队: the community's teams, their hours this year, and where I stand in each. */
export default function TeamsPage() {
  const { t } = useI18n();
  const { loggedIn, communityId } = useSession();
  const teams = useApi(loggedIn && communityId ? `teams:${communityId}` : null, () =>
    request(contracts.listTeams, { params: { cid: communityId ?? '' } }),
  );
  useReloadOnShow(teams.reload);

  return (
    <PageLayout
      title="teams.title"
      requires="community"
      loading={teams.loading}
      error={teams.error}
      onRetry={teams.reload}
    >
      <Text className="notice">{t('teams.intro')}</Text>
      {teams.data && teams.data.items.length === 0 ? (
        <EmptyState id="teams-empty" title={t('teams.empty')} hint={t('teams.emptyHint')} />
      ) : null}
      <View className="list" id="teams-list">
        {teams.data?.items.map((team) => (
          <TeamCard key={team.id} team={team} />
        ))}
      </View>
    </PageLayout>
  );
}

/** Where the caller stands in a team, as a tag: leader, member, asked, turned down — or nothing. */
function myStateKey(team: TeamSummary): MessageKey | undefined {
  if (team.myRole === 'leader') return 'teams.mine.leader';
  if (team.myRole === 'member') return 'teams.mine.member';
  if (team.myRequest === 'pending') return 'teams.mine.pending';
  if (team.myRequest === 'rejected') return 'teams.mine.rejected';
  return undefined;
}

function TeamCard({ team }: { team: TeamSummary }) {
  const { t } = useI18n();
  const state = myStateKey(team);
  return (
    <View className="card" id={`team-${team.id}`} onClick={() => openPage(ROUTES.team, { id: team.id })}>
      <View className="row">
        <Text className="card__value row__text">{team.name}</Text>
        {state ? <Text className="tag">{t(state)}</Text> : null}
      </View>
      {team.description ? <Text>{team.description}</Text> : null}
      <Text className="card__hint">
        {t('teams.members', { count: team.memberCount })} ·{' '}
        {t('teams.yearHours', { year: team.year, hours: formatHours(team.yearMinutes) })}
      </Text>
    </View>
  );
}
