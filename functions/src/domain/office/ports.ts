import type { AuditEntry, NotificationKind, Page, Recognition } from '@linli/shared';
import type { Effects } from '../effects';

/** One statistics item: a month's counters of one section (numbers; sets as `<name>Count`). */
export interface StatsItem {
  month: string;
  section: string;
  values: Record<string, number>;
}

export interface AuditFilter {
  actorId?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  fromIso?: string;
  toIso?: string;
}

export interface EarnedMonth {
  memberId: string;
  month: string;
  earnedPoints: number;
  volunteerMinutes: number;
  /** Approved visits of the month (absent on items written before it was counted). */
  volunteerVisits?: number;
}

export interface PendingPush {
  key: { PK: string; SK: string };
  userId: string;
  kind: NotificationKind;
  title: string;
  body: string;
  createdAt: string;
  attempts: number;
}

export interface OfficeStore {
  statsItems(communityId: string, toMonth: string): Promise<StatsItem[]>;
  gauges(communityId: string): Promise<Record<string, number>>;
  countActiveMerchants(communityId: string): Promise<number>;
  /** When each pending claim's activity ended (its creation for claims older than that field), for the deadlines. */
  pendingClaimEnds(communityId: string): Promise<string[]>;
  listAudit(communityId: string, filter: AuditFilter, cursor: string | undefined): Promise<Page<AuditEntry>>;
  earners(communityId: string, month: string): Promise<EarnedMonth[]>;
  memberMonths(communityId: string, memberId: string): Promise<EarnedMonth[]>;
  getEarned(communityId: string, memberId: string, month: string): Promise<EarnedMonth | null>;
  listRecognitions(communityId: string, month: string): Promise<Recognition[]>;
  putRecognitions(communityId: string, recognitions: Recognition[], effects: Effects[]): Promise<void>;
  getSubscriptionCredits(userId: string): Promise<Partial<Record<NotificationKind, number>>>;
  addSubscriptionCredits(userId: string, kinds: NotificationKind[]): Promise<void>;
  memberIds(communityId: string): Promise<string[]>;
  memberNames(communityId: string, memberIds: string[]): Promise<Map<string, string>>;
  noticeOnce(communityId: string, memberId: string, cutoff: string, effects: Effects): Promise<boolean>;
  pendingPushes(limit: number): Promise<PendingPush[]>;
  claimPush(key: { PK: string; SK: string }): Promise<boolean>;
  finishPush(push: PendingPush, outcome: 'sent' | 'no_consent' | 'failed' | 'retry'): Promise<void>;
  useCredit(userId: string, kind: NotificationKind, change?: -1 | 1): Promise<boolean>;
}

/** What sending one WeChat subscribe message came to. */
export type PushOutcome = 'sent' | 'no_consent' | 'failed';
