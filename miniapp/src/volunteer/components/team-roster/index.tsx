import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { contracts, type TeamJoinRequest, type TeamMember, type TeamPage } from '@linli/shared';
import { request, useApi } from '../../../api';
import ActionOutcome from '../../../components/action-outcome';
import EmptyState from '../../../components/empty-state';
import SubmitButton from '../../../components/submit-button';
import TextField from '../../../components/text-field';
import { formatDateTime } from '../../../format/time';
import { useAction } from '../../../hooks/action';
import { useI18n } from '../../../i18n';
import { accessibleName } from '../../../components/accessible-name';

export interface TeamRosterProps {
  communityId: string;
  page: TeamPage;
  /** The caller's member id. */
  myId: string;
  /** The caller is staff or admin (removes anyone; a leader removes ordinary members). */
  office: boolean;
  onChange: () => void;
}

/**
 * A team's members; for its leaders and the office also the requests to join (accept, or decline
 * with a reason) and a form to add a resident by member number. Only managers load the requests.
 */
export default function TeamRoster(props: TeamRosterProps) {
  const { t } = useI18n();
  const { page } = props;
  return (
    <>
      {page.canManage ? <JoinRequests {...props} /> : null}
      {page.canManage ? <AddMember {...props} /> : null}
      <Text className="section-title">{t('team.memberList', { count: page.members.length })}</Text>
      <View className="card" id="team-members">
        {page.members.map((member) => (
          <MemberRow key={member.memberId} member={member} {...props} />
        ))}
      </View>
    </>
  );
}

function MemberRow({ member, communityId, page, myId, office, onChange }: TeamRosterProps & { member: TeamMember }) {
  const { t } = useI18n();
  const action = useAction();
  const [confirming, setConfirming] = useState(false);
  const leader = member.role === 'leader';
  // The office removes anyone; a leader removes an ordinary member; leaving is on the page above.
  const removable = member.memberId !== myId && (office || (page.myRole === 'leader' && !leader));
  const remove = async () => {
    const done = await action.run(async (idempotencyKey) => {
      await request(contracts.removeTeamMember, {
        params: { cid: communityId, tid: page.team.id, memberId: member.memberId },
        idempotencyKey,
      });
      return t('team.removed', { name: member.displayName });
    });
    if (done) onChange();
  };
  return (
    <View className="row" id={`team-member-${member.memberId}`}>
      <Text className="row__text">{member.displayName}</Text>
      {leader ? <Text className="tag">{t('team.role.leader')}</Text> : null}
      {removable && !confirming ? (
        <Button className="button button--secondary" onClick={() => setConfirming(true)}>
          {t('team.remove')}
        </Button>
      ) : null}
      {removable && confirming ? (
        <SubmitButton className="button button--danger" busy={action.busy} onClick={remove}>
          {t('team.remove')} {member.displayName}
        </SubmitButton>
      ) : null}
      <ActionOutcome id={`team-member-${member.memberId}`} outcome={action.outcome} />
    </View>
  );
}

/** The requests waiting for a leader: accept, or decline with a reason the resident is told. */
function JoinRequests({ communityId, page, onChange }: TeamRosterProps) {
  const { t } = useI18n();
  const requests = useApi(`team-requests:${communityId}:${page.team.id}:${page.team.memberCount}`, () =>
    request(contracts.listTeamJoinRequests, { params: { cid: communityId, tid: page.team.id } }),
  );
  const decided = () => {
    requests.reload();
    onChange();
  };
  return (
    <>
      <Text className="section-title">{t('team.requests')}</Text>
      {requests.error ? <EmptyState title={t('common.error')} /> : null}
      {requests.data && requests.data.items.length === 0 ? (
        <EmptyState id="team-requests-empty" title={t('team.noRequests')} />
      ) : null}
      <View className="list" id="team-requests">
        {requests.data?.items.map((item) => (
          <JoinRequestCard key={item.memberId} communityId={communityId} item={item} onDecided={decided} />
        ))}
      </View>
    </>
  );
}

function JoinRequestCard({
  communityId,
  item,
  onDecided,
}: {
  communityId: string;
  item: TeamJoinRequest;
  onDecided: () => void;
}) {
  const { t, language } = useI18n();
  const action = useAction();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const params = { cid: communityId, tid: item.teamId, memberId: item.memberId };
  const accept = () =>
    action.run(async (idempotencyKey) => {
      await request(contracts.approveTeamJoinRequest, { params, idempotencyKey });
      onDecided();
      return t('team.approved', { name: item.displayName });
    });
  const decline = () => {
    if (!reason.trim()) return action.fail(t('common.reasonRequired'));
    return action.run(async (idempotencyKey) => {
      await request(contracts.rejectTeamJoinRequest, { params, body: { reason: reason.trim() }, idempotencyKey });
      onDecided();
      return t('team.rejected', { name: item.displayName });
    });
  };
  return (
    <View className="card" id={`team-request-${item.memberId}`}>
      <Text className="card__value">{item.displayName}</Text>
      <Text className="card__hint">{t('team.requestedAt', { date: formatDateTime(item.requestedAt, language) })}</Text>
      {declining ? (
        <Input
          {...accessibleName(t('team.rejectReason'))}
          id={`team-request-${item.memberId}-reason`}
          className="field__input"
          value={reason}
          placeholder={t('team.rejectReason')}
          maxlength={200}
          onInput={(event) => setReason(event.detail.value)}
        />
      ) : null}
      <View className="row">
        <SubmitButton id={`team-request-${item.memberId}-approve`} busy={action.busy} onClick={accept}>
          {t('team.approve')}
        </SubmitButton>
        {declining ? (
          <SubmitButton className="button button--danger" busy={action.busy} onClick={decline}>
            {t('team.rejectConfirm')}
          </SubmitButton>
        ) : (
          <Button className="button button--secondary" onClick={() => setDeclining(true)}>
            {t('team.reject')}
          </Button>
        )}
      </View>
      <ActionOutcome id={`team-request-${item.memberId}`} outcome={action.outcome} />
    </View>
  );
}

/** A leader or the office adds a resident by the member number on their 我的 page. */
function AddMember({ communityId, page, onChange }: TeamRosterProps) {
  const { t } = useI18n();
  const action = useAction();
  const [memberId, setMemberId] = useState('');
  const add = async () => {
    const id = memberId.trim();
    if (!id) return action.fail(t('team.memberIdRequired'));
    const done = await action.run(async (idempotencyKey) => {
      const answer = await request(contracts.addTeamMember, {
        params: { cid: communityId, tid: page.team.id },
        body: { memberId: id },
        idempotencyKey,
      });
      return t('team.added', { name: answer.member.displayName });
    });
    if (done) {
      setMemberId('');
      onChange();
    }
  };
  return (
    <View className="card" id="team-add-member">
      <Text className="card__label">{t('team.addMember')}</Text>
      <TextField
        id="team-member-id"
        label={t('team.memberId')}
        hint={t('team.memberIdHint')}
        value={memberId}
        maxlength={64}
        onChange={setMemberId}
      />
      <SubmitButton id="team-add" busy={action.busy} onClick={add}>
        {t('team.addMember')}
      </SubmitButton>
      <ActionOutcome id="team-add" outcome={action.outcome} />
    </View>
  );
}
