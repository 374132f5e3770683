import {
  notificationText,
  TIMEBANK_MESSAGES,
  type NotificationMessageOf,
  type TeamJoinRequest,
  type TeamMember,
} from '@linli/shared';
import { AppError, forbidden, notFound } from '../../lib/errors';
import type { AuditDraft, NotificationDraft } from '../effects';
import type { MemberRecord } from '../identity/ports';
import type { TeamRecord, TeamStore } from './ports';
import { isOffice } from '../identity/authorization';
import { getTeamOrThrow, membershipOf, type TeamDependencies } from './teams';

/**
 * A team's roster: a member asks to join and a leader (or staff) approves or rejects; a leader or
 * staff adds a member of the community directly; a member leaves, staff remove anyone, a leader
 * removes an ordinary member. Each change — the membership, the team's member count, the request,
 * the audit entry and the member's notice — is one transaction.
 */

const alreadyMember = () => new AppError('team.already_member', 'This member is already in the team');
const teamGone = () => notFound('team');

function audit(team: TeamRecord, action: AuditDraft['action'], objectId: string, change: object): AuditDraft {
  return {
    communityId: team.communityId,
    action,
    objectType: 'team',
    objectId: team.id,
    after: { ...change, memberId: objectId },
  };
}

type TeamMessage = NotificationMessageOf<
  'team.added' | 'team.removed' | 'team.request_approved' | 'team.request_rejected'
>;

function notice(team: TeamRecord, memberId: string, message: TeamMessage): NotificationDraft {
  return {
    userId: memberId,
    communityId: team.communityId,
    kind: 'team_membership',
    ...notificationText(TIMEBANK_MESSAGES, message),
    objectType: 'team',
    objectId: team.id,
  };
}

/** A leader or staff adds a member of the community (409 `team.already_member`). */
export async function addTeamMember(
  input: { team: TeamRecord; memberId: string; actorId: string; now?: Date },
  dependencies: TeamDependencies,
): Promise<TeamMember> {
  const { team } = input;
  const [member, existing] = await Promise.all([
    dependencies.communities.getMember(team.communityId, input.memberId),
    dependencies.teams.getMember(team.communityId, team.id, input.memberId),
  ]);
  if (!member) throw notFound('member');
  if (existing) throw alreadyMember();
  const membership = membershipOf(team.id, member, 'member', input.actorId, (input.now ?? new Date()).toISOString());
  const outcome = await dependencies.teams.addMember(team.communityId, membership, {
    audit: audit(team, 'team.add_member', member.userId, membership),
    notify: [notice(team, member.userId, { key: 'team.added', values: { team: team.name } })],
  });
  if (outcome === 'already_member') throw alreadyMember();
  if (outcome === 'no_team') throw teamGone();
  return membership;
}

/**
 * A member leaves (a leader leaving gives up the lead); staff remove anyone; a leader removes an
 * ordinary member of their team — not another leader (403 `team.leader_only_by_staff`).
 */
export async function removeTeamMember(
  input: { communityId: string; teamId: string; memberId: string; caller: MemberRecord },
  teams: TeamStore,
): Promise<TeamRecord> {
  const [team, membership] = await Promise.all([
    getTeamOrThrow(teams, input.communityId, input.teamId),
    teams.getMember(input.communityId, input.teamId, input.memberId),
  ]);
  const leaving = input.caller.userId === input.memberId;
  const office = isOffice(input.caller);
  const leader = team.leaderIds.includes(input.caller.userId);
  if (!leaving && !office && !leader) throw forbidden('Only the member, this team’s leaders or the office may do this');
  if (!membership) throw notFound('team member', 'team.not_a_member');
  if (!leaving && !office && membership.role === 'leader') {
    throw new AppError('team.leader_only_by_staff', 'Only the community office removes a team leader');
  }
  const leaderIds = membership.role === 'leader' ? team.leaderIds.filter((id) => id !== input.memberId) : null;
  const after: TeamRecord = {
    ...team,
    memberCount: team.memberCount - 1,
    ...(leaderIds ? { leaderIds, version: team.version + 1 } : {}),
  };
  const outcome = await teams.removeMember(team, membership, leaderIds, {
    audit: audit(team, leaving ? 'team.leave' : 'team.remove_member', input.memberId, { before: membership }),
    notify: leaving ? [] : [notice(team, input.memberId, { key: 'team.removed', values: { team: team.name } })],
  });
  if (outcome === 'not_member') throw notFound('team member', 'team.not_a_member');
  if (outcome === 'conflict') throw new AppError('team.conflict', 'The team changed meanwhile; reload and try again');
  return after;
}

/** A member asks to join (409 `team.already_member`, or `team.request_exists` while one waits). */
export async function requestToJoinTeam(
  input: { communityId: string; teamId: string; member: MemberRecord; now?: Date },
  teams: TeamStore,
): Promise<TeamJoinRequest> {
  const [team, membership] = await Promise.all([
    getTeamOrThrow(teams, input.communityId, input.teamId),
    teams.getMember(input.communityId, input.teamId, input.member.userId),
  ]);
  if (membership) throw alreadyMember();
  const request: TeamJoinRequest = {
    teamId: team.id,
    memberId: input.member.userId,
    displayName: input.member.displayName,
    status: 'pending',
    requestedAt: (input.now ?? new Date()).toISOString(),
  };
  const outcome = await teams.putJoinRequest(input.communityId, request, {
    audit: audit(team, 'team.request_join', request.memberId, request),
  });
  if (outcome === 'pending_exists') {
    throw new AppError('team.request_exists', 'Your request to join this team is waiting for a leader');
  }
  if (outcome === 'already_member') throw alreadyMember();
  if (outcome === 'no_team') throw teamGone();
  return request;
}

async function pendingRequest(teams: TeamStore, team: TeamRecord, memberId: string): Promise<TeamJoinRequest> {
  const request = await teams.getJoinRequest(team.communityId, team.id, memberId);
  if (!request) throw notFound('join request', 'team.request_not_found');
  if (request.status !== 'pending') throw requestDecided();
  return request;
}

const requestDecided = () => new AppError('team.request_decided', 'This request has already been decided');

/** A leader or staff approves a pending request: the member joins, in the same transaction. */
export async function approveJoinRequest(
  input: { team: TeamRecord; memberId: string; actorId: string; now?: Date },
  teams: TeamStore,
): Promise<TeamMember> {
  const { team } = input;
  const request = await pendingRequest(teams, team, input.memberId);
  const at = (input.now ?? new Date()).toISOString();
  const decided: TeamJoinRequest = { ...request, status: 'approved', decidedBy: input.actorId, decidedAt: at };
  const membership: TeamMember = {
    teamId: team.id,
    memberId: request.memberId,
    displayName: request.displayName,
    role: 'member',
    joinedAt: at,
    addedBy: input.actorId,
  };
  const outcome = await teams.approveJoinRequest(team.communityId, decided, membership, {
    audit: audit(team, 'team.approve_request', request.memberId, { request: decided }),
    notify: [notice(team, request.memberId, { key: 'team.request_approved', values: { team: team.name } })],
  });
  if (outcome === 'not_pending') throw requestDecided();
  if (outcome === 'already_member') throw alreadyMember();
  if (outcome === 'no_team') throw teamGone();
  return membership;
}

/** A leader or staff turns a pending request down, with the reason the member is told. */
export async function rejectJoinRequest(
  input: { team: TeamRecord; memberId: string; actorId: string; reason: string; now?: Date },
  teams: TeamStore,
): Promise<TeamJoinRequest> {
  const { team } = input;
  const request = await pendingRequest(teams, team, input.memberId);
  const decided: TeamJoinRequest = {
    ...request,
    status: 'rejected',
    decidedBy: input.actorId,
    decidedAt: (input.now ?? new Date()).toISOString(),
    reason: input.reason,
  };
  const outcome = await teams.rejectJoinRequest(team.communityId, decided, {
    audit: audit(team, 'team.reject_request', request.memberId, { request: decided }),
    notify: [
      notice(team, request.memberId, {
        key: 'team.request_rejected',
        values: { team: team.name, reason: input.reason },
      }),
    ],
  });
  if (outcome === 'not_pending') throw requestDecided();
  return decided;
}
