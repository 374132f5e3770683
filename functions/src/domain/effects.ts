import type { AuditAction, NotificationKind, NotificationMessage } from '@linli/shared';

/** Monthly statistics are kept in a few items per month so one transaction touches each once. */
export type StatsSection = 'POINTS' | 'TIMEBANK' | 'CERTS' | 'MERCHANTS' | 'MARKET' | 'SHOP' | 'TEAMS';

export interface AuditDraft {
  communityId: string;
  /** `claim.approve`, `transfer.reverse`… — one of `AUDIT_ACTIONS` (shared), which also labels the console. */
  action: AuditAction;
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
  /** Members leaving those sets (a reversal that took a member's last visit of the month). */
  deleteFromSet?: Record<string, string[]>;
}

/** An active certificate sent to staff review (its holder's earned points fell below the threshold). */
export interface CertificateReviewDraft {
  communityId: string;
  memberId: string;
  reason: string;
}

/**
 * A notice to one person's inbox. Its text is `message` (a key of `NOTIFICATION_MESSAGES` and its
 * values, which the app writes in the reader's language) with `title` and `body` its Chinese text,
 * stored for the WeChat subscribe message and older app versions: spread
 * `notificationText(<AREA>_MESSAGES, message)` (`@linli/shared`) to get all three from the one
 * message — never write title and body by hand.
 */
export interface NotificationDraft {
  userId: string;
  communityId: string;
  kind: NotificationKind;
  message: NotificationMessage;
  title: string;
  body: string;
  objectType?: string;
  objectId?: string;
  orderId?: string;
}

/**
 * What an action changes besides its own items, written in the SAME transaction: the
 * audit entry, the statistics counters, the current gauges, the notifications and the
 * certificates it sends to review.
 */
export interface Effects {
  audit?: AuditDraft;
  stats?: StatsDraft[];
  gauges?: { communityId: string; add: Record<string, number> };
  notify?: NotificationDraft[];
  /** Each: `active` → `review`, conditional on the certificate being active. */
  certificateReviews?: CertificateReviewDraft[];
}
