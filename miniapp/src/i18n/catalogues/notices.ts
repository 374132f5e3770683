import { NOTIFICATION_MESSAGES, type NotificationMessageKey } from '@linli/shared';

/**
 * The inbox's texts (issue 21: in the reader's language): `notice.<message key>.title` and `.body` for
 * each key of `NOTIFICATION_MESSAGES`. The Chinese ones are the backend's own templates (what it
 * stores as a notification's title and body), so the two cannot drift; the English ones take the
 * same placeholders (notices.test.ts). `{currency}` is the community's currency as the reader's
 * language names it (`currencyOf`); amounts are yuan (`formatFen`), people's words stay as written.
 */
type NoticeKey = `notice.${NotificationMessageKey}.${'title' | 'body'}`;

function chineseTemplates(): Record<NoticeKey, string> {
  const entries = Object.entries(NOTIFICATION_MESSAGES).flatMap(([key, spec]) => [
    [`notice.${key}.title`, spec.title],
    [`notice.${key}.body`, spec.body],
  ]);
  return Object.fromEntries(entries) as Record<NoticeKey, string>;
}

export const zhCN = chineseTemplates();

export const en: Record<keyof typeof zhCN, string> = {
  'notice.claim.approved.title': 'Service hours approved',
  'notice.claim.approved.body': '“{activity}”: {minutes} minutes, {points} {currency} earned',
  'notice.claim.rejected.title': 'Service hours not approved',
  'notice.claim.rejected.body': '“{activity}”: {reason}',
  'notice.claim.reversed.title': 'Service hours withdrawn',
  'notice.claim.reversed.body': '“{activity}”: the {points} {currency} for {minutes} minutes were reversed: {reason}',
  'notice.signup.promoted.title': 'Off the waitlist',
  'notice.signup.promoted.body': 'Someone cancelled, and you have moved from the waitlist to a place: {activity}',
  'notice.activity.cancelled.title': 'Activity cancelled',
  'notice.activity.cancelled.body': 'An activity you signed up for was cancelled: {activity} ({startsAt})',
  'notice.activity.reminder_day.title': 'Reminder: your activity',
  'notice.activity.reminder_day.body': '{activity} starts {startsAt}',
  'notice.activity.reminder_day_at.title': 'Reminder: your activity',
  'notice.activity.reminder_day_at.body': '{activity} starts {startsAt}, at {location}',
  'notice.activity.reminder_hour.title': 'Your activity starts in an hour',
  'notice.activity.reminder_hour.body': '{activity} starts {startsAt}',
  'notice.activity.reminder_hour_at.title': 'Your activity starts in an hour',
  'notice.activity.reminder_hour_at.body': '{activity} starts {startsAt}, at {location}',
  'notice.team.added.title': 'You joined “{team}”',
  'notice.team.added.body': 'You are now a member of this volunteer team',
  'notice.team.removed.title': 'You left “{team}”',
  'notice.team.removed.body': 'You are no longer a member of this volunteer team',
  'notice.team.request_approved.title': 'You joined “{team}”',
  'notice.team.request_approved.body': 'Your request to join was approved',
  'notice.team.request_rejected.title': 'Your request to join “{team}” was not approved',
  'notice.team.request_rejected.body': '{reason}',
  'notice.certificate.issued.title': 'Volunteer certificate issued',
  'notice.certificate.issued.body':
    'You now hold the {community} volunteer certificate: alliance merchants give you their discounts',
  'notice.certificate.restored.title': 'Volunteer certificate restored',
  'notice.certificate.restored.body': 'Your points reached the threshold again: your volunteer certificate is restored',
  'notice.certificate.reinstated.title': 'Volunteer certificate restored',
  'notice.certificate.reinstated.body':
    'Your volunteer certificate is restored: you can use it at alliance merchants again',
  'notice.certificate.revoked.title': 'Volunteer certificate withdrawn',
  'notice.certificate.revoked.body': 'Reason: {reason}',
  'notice.certificate.review.title': 'Volunteer certificate under review',
  'notice.certificate.review.body':
    'After a reversal your points are below the certificate threshold ({threshold}): the certificate is suspended until the community reviews it',
  'notice.service_certificate.issued.title': 'Service record certificate issued',
  'notice.service_certificate.issued.body':
    'No. {serialNumber}, {hours} hours in all. Download it from “My service record”.',
  'notice.service_certificate.revoked.title': 'Service record certificate revoked',
  'notice.service_certificate.revoked.body': 'Certificate No. {serialNumber} was revoked: {reason}',
  'notice.record_request.correction_accepted.title': 'Record correction accepted',
  'notice.record_request.correction_accepted.body':
    'The community office accepted your request to correct your service record: {reason}',
  'notice.record_request.correction_rejected.title': 'Record correction not accepted',
  'notice.record_request.correction_rejected.body':
    'Your request to correct your service record was not accepted: {reason}',
  'notice.record_request.certificate_accepted.title': 'Certificate request accepted',
  'notice.record_request.certificate_accepted.body':
    'The community office accepted your request for a service record certificate: {reason}',
  'notice.record_request.certificate_rejected.title': 'Certificate request not accepted',
  'notice.record_request.certificate_rejected.body':
    'Your request for a service record certificate was not accepted: {reason}',
  'notice.recognition.awarded.title': 'Volunteer of the month, {month}',
  'notice.recognition.awarded.body': '{citation}',
  'notice.gift.received.title': '{points} {currency} received',
  'notice.gift.received.body': '{giver}: {memo}',
  'notice.gift.received_unsigned.title': '{points} {currency} received',
  'notice.gift.received_unsigned.body': '{giver}: a gift to {recipient}',
  'notice.points.reversal_returned.title': '{points} {currency} returned',
  'notice.points.reversal_returned.body': 'Reversal: {reason}',
  'notice.points.reversal_taken.title': '{points} {currency} taken back',
  'notice.points.reversal_taken.body': 'Reversal: {reason}',
  'notice.points.expired.title': '{points} {currency} expired',
  'notice.points.expired.body': 'Under the community’s rules, points earned before {cutoff} and not used have expired',
  'notice.points.expiring.title': '{points} {currency} expire soon',
  'notice.points.expiring.body':
    'Use them before {useBy}: redeem them at the honesty supermarket or give them to the community pool',
  'notice.redemption.ready.title': '{good} is ready for pickup',
  'notice.redemption.ready.body': 'Show pickup code {pickupCode} at the community’s honesty supermarket',
  'notice.redemption.reversed.title': 'Redemption reversed: {points} {currency} returned',
  'notice.redemption.reversed.body': '{good}: {reason}',
  'notice.complaint.dismissed.title': 'Your complaint about “{merchant}” was handled',
  'notice.complaint.dismissed.body': 'No action taken: {note}',
  'notice.complaint.warned.title': 'Your complaint about “{merchant}” was handled',
  'notice.complaint.warned.body': 'The merchant was warned: {note}',
  'notice.complaint.suspended.title': 'Your complaint about “{merchant}” was handled',
  'notice.complaint.suspended.body': 'The merchant was suspended: {note}',
  'notice.complaint.removed.title': 'Your complaint about “{merchant}” was handled',
  'notice.complaint.removed.body': 'The merchant was removed from the alliance: {note}',
  'notice.merchant.approved.title': 'Merchant application approved',
  'notice.merchant.approved.body':
    '{merchant} has joined the merchant alliance: set discounts and verify volunteer certificates in “Me → Merchant console”',
  'notice.merchant.rejected.title': 'Merchant application not approved',
  'notice.merchant.rejected.body': 'The application of {merchant} was not approved: {reason}',
  'notice.order.paid.title': 'Order paid',
  'notice.order.paid.body': 'Your order of ¥{amountFen} is paid: the maker is preparing it',
  'notice.order.ready_for_pickup.title': 'Order ready for pickup',
  'notice.order.ready_for_pickup.body': '{lines}',
  'notice.order.shipped.title': 'Order shipped',
  'notice.order.shipped.body': '{lines}',
  'notice.order.completed.title': 'Order completed',
  'notice.order.completed.body': '{lines}',
  'notice.order.refunded.title': 'Order refunded',
  'notice.order.refunded.body': '¥{amountFen} goes back the way it was paid: {reason}',
  'notice.order.payment_returned_closed.title': 'Your payment will be returned',
  'notice.order.payment_returned_closed.body':
    'The order was closed: the ¥{amountFen} you paid goes back the way it was paid',
  'notice.order.payment_returned_ended.title': 'Your payment will be returned',
  'notice.order.payment_returned_ended.body':
    'The order has ended: the ¥{amountFen} you paid goes back the way it was paid',
  'notice.sale.refunded.title': 'A piece you sold was refunded',
  'notice.sale.refunded.body':
    '{lines} refunded: ¥{makerFen} is taken back from your earnings; if it was paid out to you already, it comes off your next payout',
  'notice.sale.refunded_child.title': 'A piece you sold was refunded',
  'notice.sale.refunded_child.body':
    '{lines} refunded: ¥{makerFen} is taken back from your child’s earnings; if it was paid out to you already, it comes off your next payout',
  'notice.payout.to_guardian.title': 'Your child’s shop earnings were paid to you',
  'notice.payout.to_guardian.body': '{maker}’s shop earnings of ¥{amountFen} were paid to you (as guardian): {note}',
  'notice.donation.received.title': 'Thank you for your donation',
  'notice.donation.received.body':
    '¥{amountFen} has gone to the community charity fund: see it in the fund’s public accounts',
  'notice.pledge.due.title': 'This month’s pledge is due',
  'notice.pledge.due.body': 'Your monthly pledge of ¥{amountFen} is ready: please pay within {days} days.',
  'notice.receipt.issued.title': 'Donation receipt issued',
  'notice.receipt.issued.body':
    'Your donation of ¥{amountFen} on {donatedOn}: its receipt ({holder}) is issued, number {receiptNo}.',
  'notice.receipt.rejected.title': 'Donation receipt not issued',
  'notice.receipt.rejected.body':
    'The receipt request for your donation of ¥{amountFen} on {donatedOn} was not approved: {reason}',
};
