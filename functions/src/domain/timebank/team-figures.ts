import { monthsBetween, type TeamFigures, type TeamRecognition } from '@linli/shared';
import type { StatsDraft } from '../effects';
import type { StatsItem } from '../office/ports';

/**
 * A team's hours live in the month's statistics item of section TEAMS, one pair of counters per
 * team (`teamMinutes:{tid}`, `teamVisits:{tid}`), ADDed in the same transaction as the approval of
 * a claim of one of its activities — and taken back, in the original's month, by its reversal.
 */
const MINUTES = 'teamMinutes:';
const VISITS = 'teamVisits:';

/** The statistics draft that moves a team's month by `minutes` and `visits` (negative for a reversal). */
export function teamStatsDraft(
  communityId: string,
  month: string,
  teamId: string,
  change: { minutes: number; visits: number },
): StatsDraft {
  return {
    communityId,
    month,
    section: 'TEAMS',
    add: { [`${MINUTES}${teamId}`]: change.minutes, [`${VISITS}${teamId}`]: change.visits },
  };
}

export interface TeamMonth {
  minutes: number;
  visits: number;
}

/** Team id → month → its minutes and visits, from statistics items (other sections are ignored). */
export function teamMonths(items: readonly StatsItem[]): Map<string, Map<string, TeamMonth>> {
  const teams = new Map<string, Map<string, TeamMonth>>();
  for (const item of items) {
    if (item.section !== 'TEAMS') continue;
    for (const [name, value] of Object.entries(item.values)) {
      const isMinutes = name.startsWith(MINUTES);
      if (!isMinutes && !name.startsWith(VISITS)) continue;
      const teamId = name.slice(isMinutes ? MINUTES.length : VISITS.length);
      const months = teams.get(teamId) ?? new Map<string, TeamMonth>();
      const month = months.get(item.month) ?? { minutes: 0, visits: 0 };
      if (isMinutes) month.minutes += value;
      else month.visits += value;
      months.set(item.month, month);
      teams.set(teamId, months);
    }
  }
  return teams;
}

/** Sums a team's months from `from` to `to` (inclusive). */
export function teamTotal(months: Map<string, TeamMonth> | undefined, from: string, to: string): TeamMonth {
  const total = { minutes: 0, visits: 0 };
  for (const [month, figures] of months ?? []) {
    if (month < from || month > to) continue;
    total.minutes += figures.minutes;
    total.visits += figures.visits;
  }
  return total;
}

/** January to `month` of its year: the months a "this year" figure sums. */
export function yearToMonth(month: string): string[] {
  return monthsBetween(`${month.slice(0, 4)}-01`, month);
}

/** Each team's figures over the range, with its months, most minutes first. */
export function teamFiguresOf(
  teams: readonly { id: string; name: string; memberCount: number }[],
  items: readonly StatsItem[],
  from: string,
  to: string,
): TeamFigures[] {
  const byTeam = teamMonths(items);
  return teams
    .map((team) => {
      const months = byTeam.get(team.id);
      const total = teamTotal(months, from, to);
      return {
        id: team.id,
        name: team.name,
        memberCount: team.memberCount,
        volunteerMinutes: total.minutes,
        volunteerVisits: total.visits,
        months: monthsBetween(from, to).map((month) => ({
          month,
          volunteerMinutes: months?.get(month)?.minutes ?? 0,
        })),
      };
    })
    .sort((left, right) => right.volunteerMinutes - left.volunteerMinutes || left.name.localeCompare(right.name));
}

/** The 光荣榜's teams: minutes in `month` and in its year up to it, most this month first. */
export function teamRecognitions(
  teams: readonly { id: string; name: string; memberCount: number }[],
  items: readonly StatsItem[],
  month: string,
): TeamRecognition[] {
  const byTeam = teamMonths(items);
  const yearStart = `${month.slice(0, 4)}-01`;
  return teams
    .map((team) => ({
      id: team.id,
      name: team.name,
      memberCount: team.memberCount,
      monthMinutes: teamTotal(byTeam.get(team.id), month, month).minutes,
      yearMinutes: teamTotal(byTeam.get(team.id), yearStart, month).minutes,
    }))
    .sort(
      (left, right) =>
        right.monthMinutes - left.monthMinutes ||
        right.yearMinutes - left.yearMinutes ||
        left.name.localeCompare(right.name, 'zh-CN'),
    );
}
