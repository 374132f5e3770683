import {
  activityCategoriesOf,
  dayOf,
  recordingDeadline,
  type Claim,
  type Community,
  type ServiceRecord,
  type ServiceRecordEntry,
  type Team,
} from '@linli/shared';
import type { ActivityRecord } from './ports';

/**
 * The volunteer service record (志愿服务记录) as the Ministry of Civil Affairs' 志愿服务记录与证明出具办法
 * （试行） (民政部令第67号, 2020) describes it: each approved, unreversed claim is one entry — the
 * activity (name, content), its date and place, the minutes actually served, the organising unit
 * and the person in charge, who recorded it and when. It is read from the claims, never copied:
 * a reversal (status `reversed`) takes the entry off, and hours on the record never expire (a
 * points-expiry policy works on the ledger's points, not on claims).
 */

/** The lookups an entry needs besides its claim. */
export interface ServiceRecordLookups {
  /** The member's approved (not reversed) claims, every one. */
  approvedClaims(communityId: string, memberId: string): Promise<Claim[]>;
  /** Activities by id (any number; read in batches of 100). */
  activitiesById(communityId: string, activityIds: string[]): Promise<Map<string, ActivityRecord>>;
  listTeams(communityId: string): Promise<Team[]>;
  /** Display names of members by id (any number). */
  memberNames(communityId: string, memberIds: string[]): Promise<Map<string, string>>;
}

export interface ServiceRecordDependencies {
  lookups: ServiceRecordLookups;
}

/** One entry from its claim and what the claim's activity, team and people were. */
export function recordEntry(
  claim: Claim,
  context: { community: Community; activity?: ActivityRecord; team?: Team; names: Map<string, string> },
): ServiceRecordEntry {
  const { community, team, names } = context;
  // What the activity was when served (claims made before that was kept: the activity as it is).
  const served = claim.activityAtService ?? context.activity;
  const category = activityCategoriesOf(community.rules).find((entry) => entry.id === served?.category);
  const personId = team?.leaderIds[0] ?? served?.createdBy;
  return {
    claimId: claim.id,
    activityId: claim.activityId,
    activityTitle: claim.activityTitle,
    content: served?.description?.trim() || category?.label || claim.activityTitle,
    date: dayOf(served?.startsAt ?? claim.createdAt),
    place: served?.location?.trim() || community.office?.address || community.name,
    minutes: claim.minutes,
    organiser: team?.name ?? community.name,
    personInCharge: (personId && names.get(personId)) || '—',
    recordedBy: (claim.decidedBy && names.get(claim.decidedBy)) || '—',
    recordedAt: claim.decidedAt ?? claim.createdAt,
    source: claim.source,
  };
}

/** Entries for these claims, with the lookups each needs read in batches. */
export async function recordEntries(
  community: Community,
  claims: Claim[],
  lookups: ServiceRecordLookups,
): Promise<ServiceRecordEntry[]> {
  if (claims.length === 0) return [];
  const unsnapped = claims.filter((claim) => !claim.activityAtService).map((claim) => claim.activityId);
  const activities = await lookups.activitiesById(community.id, [...new Set(unsnapped)]);
  const teams = new Map((await lookups.listTeams(community.id)).map((team) => [team.id, team]));
  const people = new Set<string>();
  for (const claim of claims) {
    if (claim.decidedBy) people.add(claim.decidedBy);
    const team = claim.teamId ? teams.get(claim.teamId) : undefined;
    const person = team?.leaderIds[0] ?? (claim.activityAtService ?? activities.get(claim.activityId))?.createdBy;
    if (person) people.add(person);
  }
  const names = await lookups.memberNames(community.id, [...people]);
  return claims.map((claim) => {
    const team = claim.teamId ? teams.get(claim.teamId) : undefined;
    return recordEntry(claim, { community, activity: activities.get(claim.activityId), team, names });
  });
}

/**
 * A member's whole service record, newest first, optionally limited to the China-time days
 * `from`..`to` (inclusive, `YYYY-MM-DD`), with its total minutes.
 */
export async function getServiceRecord(
  input: { community: Community; memberId: string; from?: string; to?: string },
  dependencies: ServiceRecordDependencies,
): Promise<ServiceRecord> {
  const claims = await dependencies.lookups.approvedClaims(input.community.id, input.memberId);
  const entries = (await recordEntries(input.community, claims, dependencies.lookups))
    .filter((entry) => (!input.from || entry.date >= input.from) && (!input.to || entry.date <= input.to))
    .sort((a, b) => (a.date === b.date ? b.recordedAt.localeCompare(a.recordedAt) : b.date.localeCompare(a.date)));
  return {
    memberId: input.memberId,
    totalMinutes: entries.reduce((total, entry) => total + entry.minutes, 0),
    items: entries,
  };
}

/**
 * A pending claim with the day it must be recorded by (10 working days after its activity's end,
 * the mainland calendar) and whether that is past. Claims made before `activityEndsAt` was kept
 * on them count from their own creation.
 */
export function withRecordingDeadline<T extends Claim>(claim: T, now: Date) {
  if (claim.status !== 'pending') return claim;
  const { deadline, overdue, estimated } = recordingDeadline(claim.activityEndsAt ?? claim.createdAt, now);
  return { ...claim, recordingDeadline: deadline, overdue, ...(estimated ? { deadlineEstimated: true } : {}) };
}
