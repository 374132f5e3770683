import type { NotificationKind } from '@linli/shared';

/** Monthly statistics are kept in a few items per month so one transaction touches each once. */
export type StatsSection = 'POINTS' | 'TIMEBANK' | 'CERTS' | 'MERCHANTS' | 'MARKET' | 'SHOP';

export interface AuditDraft {
  communityId: string;
  /** `claim.approve`, `certificate.revoke`… */
  action: string;
  objectType: string;
  objectId: string;
  before?: unknown;
  after?: unknown;
  /** Defaults to the request's actor; jobs pass `system`. */
  actorId?: string;
}

export interface StatsDraft {
  communityId: string;
  month: string;
  section: StatsSection;
  add?: Record<string, number>;
  /** String sets: distinct volunteers or merchants of the month. */
  addToSet?: Record<string, string[]>;
}

export interface NotificationDraft {
  userId: string;
  communityId: string;
  kind: NotificationKind;
  title: string;
  body: string;
  objectType?: string;
  objectId?: string;
  orderId?: string;
}

/**
 * What an action changes besides its own items, written in the SAME transaction: the
 * audit entry, the statistics counters, the current gauges and the notifications.
 */
export interface Effects {
  audit?: AuditDraft;
  stats?: StatsDraft[];
  gauges?: { communityId: string; add: Record<string, number> };
  notify?: NotificationDraft[];
}
