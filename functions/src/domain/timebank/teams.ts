import { isOffice } from '../identity/authorization';
import {
  monthOf,
  OFFICE_ROLES,
  type CreateTeamRequest,
  type Team,
  type TeamMember,
  type TeamPage,
  type TeamSummary,
  type UpdateTeamRequest,
} from '@linli/shared';
import { AppError, forbidden, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { requireMember } from '../identity/authorization';
import type { CommunityStore, MemberRecord } from '../identity/ports';
import { toActivity, visibleTo } from './activities';
import type { TeamRecord, TeamStore } from './ports';
import { teamMonths, teamTotal, yearToMonth } from './team-figures';

/**
 * Volunteer teams (issue 17): staff create a team and name its leaders; a leader — or staff —
 * manages its roster (`team-roster.ts`) and creates activities for it; its page shows its members,
 * its hours this year and its upcoming activities. Approving hours stays with the office.
 */
export interface TeamDependencies {
  teams: TeamStore;
  communities: CommunityStore;
}

/** How many upcoming activities the team page shows. */
const UPCOMING_ACTIVITIES = 10;
/** Activities under way (started up to this long ago) still count as upcoming. */
const UNDER_WAY_MILLISECONDS = 7 * 24 * 3600 * 1000;

export function toTeam(record: TeamRecord): Team {
  const { version: _version, ...team } = record;
  return team;
}

export async function getTeamOrThrow(teams: TeamStore, communityId: string, teamId: string): Promise<TeamRecord> {
  const team = await teams.getTeam(communityId, teamId);
  if (!team) throw notFound('team');
  return team;
}

/**
 * Staff, or a leader of the team: the caller's membership of the community and the team, read
 * side by side (404 `team.not_found` for a member asking about no team; 403 otherwise).
 */
export async function requireTeamManager(
  dependencies: TeamDependencies,
  input: { communityId: string; teamId: string; userId: string },
): Promise<{ team: TeamRecord; member: MemberRecord; office: boolean }> {
  const [member, team] = await Promise.all([
    requireMember(dependencies.communities, input.communityId, input.userId),
    dependencies.teams.getTeam(input.communityId, input.teamId),
  ]);
  if (!team) throw notFound('team');
  const office = isOffice(member);
  if (!office && !team.leaderIds.includes(input.userId)) {
    throw forbidden('Only this team’s leaders or the community office may do this');
  }
  return { team, member, office };
}

/**
 * Who may create an activity: staff, for any team or none; a leader of `teamId`, for that team
 * only (404 `team.not_found` when the community has no such team).
 */
export async function requireActivityOrganiser(
  dependencies: TeamDependencies,
  input: { communityId: string; userId: string; teamId?: string },
): Promise<MemberRecord> {
  if (input.teamId === undefined) {
    return requireMember(dependencies.communities, input.communityId, input.userId, OFFICE_ROLES);
  }
  const { member } = await requireTeamManager(dependencies, { ...input, teamId: input.teamId });
  return member;
}

/** Each leader must be a member of the community (404 `member.not_found` naming the first who is not). */
async function leadersAsMembers(
  communities: CommunityStore,
  communityId: string,
  leaderIds: readonly string[],
): Promise<MemberRecord[]> {
  const members = await Promise.all(leaderIds.map((id) => communities.getMember(communityId, id)));
  const missing = leaderIds.find((_id, index) => !members[index]);
  if (missing !== undefined) {
    throw new AppError('member.not_found', 'A leader must be a member of this community', { memberId: missing });
  }
  return members as MemberRecord[];
}

export function membershipOf(
  teamId: string,
  member: MemberRecord,
  role: TeamMember['role'],
  addedBy: string,
  at: string,
): TeamMember {
  return { teamId, memberId: member.userId, displayName: member.displayName, role, joinedAt: at, addedBy };
}

const nameTaken = () => new AppError('team.name_taken', 'This community already has a team of this name');

/** Staff: a new team, its leaders its first members; 409 `team.name_taken` when the name is in use. */
export async function createTeam(
  input: { communityId: string; actorId: string; request: CreateTeamRequest; now?: Date },
  dependencies: TeamDependencies,
): Promise<Team> {
  const now = input.now ?? new Date();
  const at = now.toISOString();
  const leaderIds = input.request.leaderIds ?? [];
  const leaders = await leadersAsMembers(dependencies.communities, input.communityId, leaderIds);
  const team: TeamRecord = {
    id: newId(now.getTime()),
    communityId: input.communityId,
    name: input.request.name,
    ...(input.request.description ? { description: input.request.description } : {}),
    leaderIds,
    memberCount: leaders.length,
    createdBy: input.actorId,
    createdAt: at,
    version: 1,
  };
  const memberships = leaders.map((leader) => membershipOf(team.id, leader, 'leader', input.actorId, at));
  const outcome = await dependencies.teams.createTeam(team, memberships, {
    audit: {
      communityId: input.communityId,
      action: 'team.create',
      objectType: 'team',
      objectId: team.id,
      after: toTeam(team),
    },
  });
  if (outcome === 'name_taken') throw nameTaken();
  return toTeam(team);
}

/**
 * Staff: renames, describes, or names the leaders (the whole list). A new leader who is not in the
 * team joins it; a former leader stays as an ordinary member. 409 `team.conflict` when the team
 * changed since it was read.
 */
export async function updateTeam(
  input: { communityId: string; teamId: string; actorId: string; patch: UpdateTeamRequest; now?: Date },
  dependencies: TeamDependencies,
): Promise<Team> {
  const at = (input.now ?? new Date()).toISOString();
  const before = await getTeamOrThrow(dependencies.teams, input.communityId, input.teamId);
  const { name, description, leaderIds } = input.patch;
  const after: TeamRecord = {
    ...before,
    ...(name !== undefined ? { name } : {}),
    ...(description !== undefined ? { description } : {}),
    ...(leaderIds !== undefined ? { leaderIds } : {}),
    updatedAt: at,
    version: before.version + 1,
  };
  const roster = await rosterChanges(before, after, { ...input, at }, dependencies);
  after.memberCount = before.memberCount + roster.joined.length;
  const outcome = await dependencies.teams.updateTeam(
    { before, after, ...roster },
    {
      audit: {
        communityId: input.communityId,
        action: 'team.update',
        objectType: 'team',
        objectId: input.teamId,
        before: toTeam(before),
        after: toTeam(after),
      },
    },
  );
  if (outcome === 'name_taken') throw nameTaken();
  if (outcome === 'conflict') throw new AppError('team.conflict', 'The team changed meanwhile; reload and try again');
  return toTeam(after);
}

/** Who joins as a leader, and whose role changes, when the leaders go from `before`'s to `after`'s. */
async function rosterChanges(
  before: TeamRecord,
  after: TeamRecord,
  input: { communityId: string; actorId: string; at: string },
  dependencies: TeamDependencies,
): Promise<{ joined: TeamMember[]; roles: { memberId: string; role: TeamMember['role'] }[] }> {
  const named = after.leaderIds.filter((id) => !before.leaderIds.includes(id));
  const dropped = before.leaderIds.filter((id) => !after.leaderIds.includes(id));
  if (named.length === 0 && dropped.length === 0) return { joined: [], roles: [] };
  const [members, roster] = await Promise.all([
    leadersAsMembers(dependencies.communities, input.communityId, named),
    dependencies.teams.listMembers(input.communityId, before.id),
  ]);
  const inTeam = new Set(roster.map((member) => member.memberId));
  return {
    joined: members
      .filter((member) => !inTeam.has(member.userId))
      .map((member) => membershipOf(before.id, member, 'leader', input.actorId, input.at)),
    roles: [
      ...named.filter((id) => inTeam.has(id)).map((memberId) => ({ memberId, role: 'leader' as const })),
      ...dropped.filter((id) => inTeam.has(id)).map((memberId) => ({ memberId, role: 'member' as const })),
    ],
  };
}

/** Every team of the community, by name, with its hours this year and the caller's place in it. */
export async function listTeams(
  input: { communityId: string; userId: string; now?: Date },
  teams: TeamStore,
): Promise<{ items: TeamSummary[] }> {
  const month = monthOf(input.now ?? new Date());
  const months = yearToMonth(month);
  const [records, mine, stats] = await Promise.all([
    teams.listTeams(input.communityId),
    teams.myTeams(input.communityId, input.userId),
    teams.teamStats(input.communityId, months),
  ]);
  const figures = teamMonths(stats);
  const items = records
    .map((record): TeamSummary => {
      const membership = mine.memberships.find((candidate) => candidate.teamId === record.id);
      const request = mine.requests.find((candidate) => candidate.teamId === record.id);
      return {
        ...toTeam(record),
        year: month.slice(0, 4),
        yearMinutes: teamTotal(figures.get(record.id), months[0]!, month).minutes,
        ...(membership ? { myRole: membership.role } : request ? { myRequest: request.status } : {}),
      };
    })
    .sort((left, right) => left.name.localeCompare(right.name, 'zh-CN'));
  return { items };
}

/** The team page: members (leaders first), hours this year and month, upcoming activities, the caller's place. */
export async function getTeamPage(
  input: { communityId: string; teamId: string; member: MemberRecord; now?: Date },
  teams: TeamStore,
): Promise<TeamPage> {
  const now = input.now ?? new Date();
  const month = monthOf(now);
  const months = yearToMonth(month);
  const { communityId, teamId } = input;
  const from = new Date(now.getTime() - UNDER_WAY_MILLISECONDS).toISOString();
  const [team, members, stats, activities, request] = await Promise.all([
    getTeamOrThrow(teams, communityId, teamId),
    teams.listMembers(communityId, teamId),
    teams.teamStats(communityId, months),
    teams.teamActivities(communityId, teamId, from, UPCOMING_ACTIVITIES * 3),
    teams.getJoinRequest(communityId, teamId, input.member.userId),
  ]);
  const figures = teamMonths(stats).get(teamId);
  const mine = members.find((member) => member.memberId === input.member.userId);
  const nowIso = now.toISOString();
  return {
    team: toTeam(team),
    members: members.sort(
      (left, right) =>
        Number(right.role === 'leader') - Number(left.role === 'leader') || left.joinedAt.localeCompare(right.joinedAt),
    ),
    year: month.slice(0, 4),
    month,
    yearMinutes: teamTotal(figures, months[0]!, month).minutes,
    monthMinutes: teamTotal(figures, month, month).minutes,
    upcomingActivities: activities
      .filter(
        (activity) =>
          activity.status === 'scheduled' &&
          activity.endsAt > nowIso &&
          visibleTo(activity, { userId: input.member.userId, isStaff: isOffice(input.member) }),
      )
      .slice(0, UPCOMING_ACTIVITIES)
      .map(toActivity),
    ...(mine ? { myRole: mine.role } : request ? { myRequest: request } : {}),
    canManage: isOffice(input.member) || team.leaderIds.includes(input.member.userId),
  };
}
