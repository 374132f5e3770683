import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { contracts, MAX_TEAM_LEADERS, type MemberView, type TeamSummary } from '@linli/shared';
import { request, useApi } from '../../../api';
import ActionOutcome from '../../../components/action-outcome';
import EmptyState from '../../../components/empty-state';
import SubmitButton from '../../../components/submit-button';
import TextField from '../../../components/text-field';
import MemberPicker from '../../components/member-picker';
import OfficeLayout from '../../components/office-layout';
import { formatHours } from '../../../format/office';
import { useAction } from '../../../hooks/action';
import { describeError, useI18n } from '../../../i18n';
import { ROUTES, openPage } from '../../../routes';

/** 志愿服务队 (office): start a team with its first leader, see each team's hours, name its leaders. */
export default function OfficeTeamsPage() {
  return (
    <OfficeLayout title="officeTeams.title">
      {({ communityId }) => <TeamsConsole communityId={communityId} />}
    </OfficeLayout>
  );
}

function TeamsConsole({ communityId }: { communityId: string }) {
  const { t } = useI18n();
  const teams = useApi(`office-teams:${communityId}`, () =>
    request(contracts.listTeams, { params: { cid: communityId } }),
  );
  return (
    <>
      {teams.loading ? <EmptyState title={t('common.loading')} /> : null}
      {teams.error ? <Text className="form-error">{describeError(t, teams.error)}</Text> : null}
      {teams.data && teams.data.items.length === 0 ? (
        <EmptyState id="office-teams-empty" title={t('teams.empty')} />
      ) : null}
      <View className="list" id="office-teams">
        {teams.data?.items.map((team) => (
          <TeamCard key={team.id} communityId={communityId} team={team} onChange={teams.reload} />
        ))}
      </View>
      <Text className="section-title">{t('officeTeams.create')}</Text>
      <CreateTeamForm communityId={communityId} onCreated={teams.reload} />
    </>
  );
}

function CreateTeamForm({ communityId, onCreated }: { communityId: string; onCreated: () => void }) {
  const { t } = useI18n();
  const action = useAction();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [leader, setLeader] = useState<MemberView>();
  const [choosing, setChoosing] = useState(false);
  const create = async () => {
    if (!name.trim()) return action.fail(t('officeTeams.nameRequired'));
    const done = await action.run(async (idempotencyKey) => {
      const team = await request(contracts.createTeam, {
        params: { cid: communityId },
        body: {
          name: name.trim(),
          ...(description.trim() ? { description: description.trim() } : {}),
          ...(leader ? { leaderIds: [leader.id] } : {}),
        },
        idempotencyKey,
      });
      return t('officeTeams.created', { name: team.name });
    });
    if (done) {
      setName('');
      setDescription('');
      setLeader(undefined);
      setChoosing(false);
      onCreated();
    }
  };
  return (
    <View className="card" id="office-team-form">
      <TextField
        id="office-team-name"
        label={t('officeTeams.name')}
        placeholder={t('officeTeams.namePlaceholder')}
        value={name}
        maxlength={30}
        onChange={setName}
      />
      <TextField
        id="office-team-description"
        label={t('officeTeams.description')}
        placeholder={t('officeTeams.descriptionPlaceholder')}
        value={description}
        maxlength={500}
        multiline
        onChange={setDescription}
      />
      {choosing ? (
        <MemberPicker communityId={communityId} selected={leader} onSelect={setLeader} />
      ) : (
        <Button id="office-team-choose-leader" className="button button--secondary" onClick={() => setChoosing(true)}>
          {t('officeTeams.chooseLeader')}
        </Button>
      )}
      <Text className="card__hint">{t('officeTeams.leaderHint')}</Text>
      <SubmitButton id="office-team-submit" busy={action.busy} onClick={create}>
        {t('officeTeams.submit')}
      </SubmitButton>
      <ActionOutcome id="office-team" outcome={action.outcome} />
    </View>
  );
}

function TeamCard({ communityId, team, onChange }: { communityId: string; team: TeamSummary; onChange: () => void }) {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  return (
    <View className="card" id={`office-team-${team.id}`}>
      <Text className="card__value">{team.name}</Text>
      <Text className="card__hint">
        {t('teams.members', { count: team.memberCount })} ·{' '}
        {t('officeTeams.leaderCount', { count: team.leaderIds.length })}
      </Text>
      <Text className="card__hint">
        {t('teams.yearHours', { year: team.year, hours: formatHours(team.yearMinutes) })}
      </Text>
      <View className="row">
        <Button className="button button--secondary" onClick={() => openPage(ROUTES.team, { id: team.id })}>
          {t('officeTeams.open')}
        </Button>
        <Button
          id={`office-team-${team.id}-leaders`}
          className="button button--secondary"
          onClick={() => setEditing((open) => !open)}
        >
          {editing ? t('officeTeams.closeEditor') : t('officeTeams.editLeaders')}
        </Button>
      </View>
      {editing ? <LeaderEditor communityId={communityId} team={team} onChange={onChange} /> : null}
    </View>
  );
}

/** The team's leaders by name, each removable, and a resident to make a leader (saved at once). */
function LeaderEditor({
  communityId,
  team,
  onChange,
}: {
  communityId: string;
  team: TeamSummary;
  onChange: () => void;
}) {
  const { t } = useI18n();
  const action = useAction();
  const [picked, setPicked] = useState<MemberView>();
  const page = useApi(`office-team:${communityId}:${team.id}:${team.leaderIds.join(',')}`, () =>
    request(contracts.getTeam, { params: { cid: communityId, tid: team.id } }),
  );
  const leaders = page.data?.members.filter((member) => member.role === 'leader') ?? [];
  const save = (leaderIds: string[]) =>
    action.run(async (idempotencyKey) => {
      await request(contracts.updateTeam, {
        params: { cid: communityId, tid: team.id },
        body: { leaderIds },
        idempotencyKey,
      });
      setPicked(undefined);
      onChange();
      return t('officeTeams.leadersSaved');
    });
  const add = () => {
    if (!picked) return undefined;
    if (team.leaderIds.includes(picked.id))
      return action.fail(t('officeTeams.alreadyLeader', { name: picked.displayName }));
    if (team.leaderIds.length >= MAX_TEAM_LEADERS) return action.fail(t('officeTeams.tooManyLeaders'));
    return save([...team.leaderIds, picked.id]);
  };
  return (
    <View className="field" id={`office-team-${team.id}-editor`}>
      {leaders.map((leader) => (
        <View className="row" key={leader.memberId}>
          <Text className="row__text">{leader.displayName}</Text>
          <SubmitButton
            className="button button--danger"
            busy={action.busy}
            onClick={() => save(team.leaderIds.filter((id) => id !== leader.memberId))}
          >
            {t('officeTeams.dropLeader')}
          </SubmitButton>
        </View>
      ))}
      <MemberPicker communityId={communityId} selected={picked} onSelect={setPicked} />
      {picked ? (
        <SubmitButton id={`office-team-${team.id}-add-leader`} busy={action.busy} onClick={add}>
          {t('officeTeams.addLeader', { name: picked.displayName })}
        </SubmitButton>
      ) : null}
      <ActionOutcome id={`office-team-${team.id}-leaders`} outcome={action.outcome} />
    </View>
  );
}
