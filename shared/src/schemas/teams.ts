import * as z from 'zod/mini';
import { CommunityId, EntityId, humanText } from './common';
import type { Activity } from './timebank';

/**
 * Volunteer teams (志愿服务队, issue 17): staff create a team and name its leaders; residents ask to
 * join and a leader (or staff) approves, or are added; a leader creates activities for the team.
 * The team's hours are the approved minutes of its activities' claims, counted in the same
 * transaction as each approval (and taken back by a reversal).
 */

/** At most this many leaders per team. */
export const MAX_TEAM_LEADERS = 10;

const LeaderIds = z.array(EntityId).check(
  z.maxLength(MAX_TEAM_LEADERS, `a team has at most ${MAX_TEAM_LEADERS} leaders`),
  z.refine((ids) => new Set(ids).size === ids.length, 'leader ids must not repeat'),
);

export const TeamPath = z.strictObject({ cid: CommunityId, tid: EntityId });
export const TeamMemberPath = z.strictObject({ cid: CommunityId, tid: EntityId, memberId: EntityId });

export const CreateTeamRequest = z.strictObject({
  name: humanText(30),
  description: z.optional(humanText(500)),
  leaderIds: z.optional(LeaderIds),
});
export type CreateTeamRequest = z.infer<typeof CreateTeamRequest>;

/** Staff rename a team, describe it, or name its leaders (the whole list; `[]` leaves it without one). */
export const UpdateTeamRequest = z
  .strictObject({
    name: z.optional(humanText(30)),
    description: z.optional(humanText(500)),
    leaderIds: z.optional(LeaderIds),
  })
  .check(
    z.refine((patch) => Object.values(patch).some((value) => value !== undefined), {
      message: 'name, description or leaderIds',
      path: ['name'],
    }),
  );
export type UpdateTeamRequest = z.infer<typeof UpdateTeamRequest>;

export const AddTeamMemberRequest = z.strictObject({ memberId: EntityId });
export type AddTeamMemberRequest = z.infer<typeof AddTeamMemberRequest>;

export const RejectJoinRequest = z.strictObject({ reason: humanText(200) });
export type RejectJoinRequest = z.infer<typeof RejectJoinRequest>;

export type TeamRole = 'leader' | 'member';

export interface Team {
  id: string;
  communityId: string;
  name: string;
  description?: string;
  /** Its leaders' member ids (each is also a member of the team). */
  leaderIds: string[];
  memberCount: number;
  createdBy: string;
  createdAt: string;
  updatedAt?: string;
}

/** A team in the list: with its hours this (China-time) calendar year and the caller's place in it. */
export interface TeamSummary extends Team {
  year: string;
  yearMinutes: number;
  /** The caller's role in the team; absent when not a member. */
  myRole?: TeamRole;
  /** The caller's latest request to join, when not a member. */
  myRequest?: JoinRequestStatus;
}

export interface TeamMember {
  teamId: string;
  memberId: string;
  displayName: string;
  role: TeamRole;
  joinedAt: string;
  /** Who added them: staff, a leader, the one who approved their request, or the creator (leaders). */
  addedBy: string;
}

export type JoinRequestStatus = 'pending' | 'approved' | 'rejected';

export interface TeamJoinRequest {
  teamId: string;
  memberId: string;
  displayName: string;
  status: JoinRequestStatus;
  requestedAt: string;
  decidedBy?: string;
  decidedAt?: string;
  reason?: string;
}

/** The team page: members, its hours this year and this month, its upcoming activities, the caller's place. */
export interface TeamPage {
  team: Team;
  members: TeamMember[];
  /** China-time calendar year and month of "now". */
  year: string;
  month: string;
  /** Approved, not reversed, volunteer minutes of the team's activities. */
  yearMinutes: number;
  monthMinutes: number;
  /** Not yet over, soonest first. */
  upcomingActivities: Activity[];
  myRole?: TeamRole;
  myRequest?: TeamJoinRequest;
  /** The caller may manage the roster (staff, or a leader of this team). */
  canManage: boolean;
}

/** A team's figures over a range of months (statistics, 光荣榜). */
export interface TeamFigures {
  id: string;
  name: string;
  memberCount: number;
  /** Approved, not reversed, volunteer minutes of the team's activities in the range. */
  volunteerMinutes: number;
  volunteerVisits: number;
  /** Month by month, oldest first (statistics only). */
  months?: { month: string; volunteerMinutes: number }[];
}

/** The 光荣榜's team section: each team's minutes in the month and in its year up to that month. */
export interface TeamRecognition {
  id: string;
  name: string;
  memberCount: number;
  monthMinutes: number;
  yearMinutes: number;
}
