import type { ProxyableRoute } from './proxyable';

/**
 * Every action the server writes to the audit log, by area. The writer's `AuditDraft.action` and
 * the console's labels are typed by this one list, so a label cannot exist for an action nobody
 * writes, and a new action cannot be written without a label.
 */
export const AUDIT_ACTIONS = [
  // identity
  'community.create',
  'community.update',
  'community.name_admin',
  'invitation.create',
  'invitation.accept',
  'district.create',
  'district.name_officer',
  'member.set_roles',
  'member.register_offline',
  'member.add_child',
  'proxy.create',
  'proxy.remove',
  // timebank
  'activity.create',
  'activity.update',
  'activity.cancel',
  'activity_series.create',
  'activity_series.cancel',
  'claim.office_entry',
  'claim.approve',
  'claim.reject',
  'certificate.revoke',
  'record_request.create',
  'record_request.decide',
  'service_certificate.issue',
  'service_certificate.revoke',
  'service_certificate.seal',
  'certificate.reinstate',
  'team.create',
  'team.update',
  'team.add_member',
  'team.remove_member',
  'team.leave',
  'team.request_join',
  'team.approve_request',
  'team.reject_request',
  // ledger
  'transfer.reverse',
  // market
  'merchant.approve',
  'merchant.reject',
  'merchant.set_active',
  'merchant.set_warned',
  'merchant.set_suspended',
  'merchant.set_removed',
  'complaint.resolve',
  'flag.confirm',
  'flag.dismiss',
  'post.take_down',
  'post.release',
  'image.release',
  'activity.release',
  'image.remove',
  'contribution.record',
  'good.create',
  'good.restock',
  'redemption.hand_over',
  // shop
  'product.approve',
  'product.reject',
  'order.ready_for_pickup',
  'order.shipped',
  'order.completed',
  'order.refund',
  'order.refund_requested',
  'order.refund_processing',
  'order.refund_success',
  'order.refund_abnormal',
  'order.refund_closed',
  'order.payment_returned',
  'maker.payout',
  // fund
  'fund.record_income',
  'fund.submit_expense',
  'fund.approve_expense',
  'fund.reject_expense',
  'fund.release_message',
  'fund.remove_message',
  'fund.set_holder',
  'fund.issue_receipt',
  'fund.reject_receipt',
  // office
  'recognition.award',
] as const;

/** An action a use case writes. */
export type NamedAuditAction = (typeof AUDIT_ACTIONS)[number];

/** What a proxy did for a resident on a route with no audit entry of its own: `proxy.<route>`. */
export type ProxyAuditAction = `proxy.${Lowercase<ProxyableRoute>}`;

export type AuditAction = NamedAuditAction | ProxyAuditAction;

/** `redeem` → `proxy.redeem`: the audit action of a proxied request without its own entry. */
export const proxyAuditAction = (route: ProxyableRoute): ProxyAuditAction =>
  `proxy.${route.toLowerCase() as Lowercase<ProxyableRoute>}`;
