import type { ErrorBody, FieldError } from '@linli/shared';

/**
 * Every failure a caller can act on is an AppError with a dotted code.
 * The HTTP status comes from STATUS_BY_CODE, the one table in the code base.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** The most specific entry wins: `auth.forbidden` before `auth`. */
export const STATUS_BY_CODE: Record<string, number> = {
  'request.validation_failed': 400,
  'request.malformed_json': 400,
  'request.unsupported_media_type': 415,
  'request.too_large': 413,
  'route.not_found': 404,
  'auth.unauthenticated': 401,
  'auth.token_invalid': 401,
  'auth.token_expired': 401,
  'auth.session_expired': 401,
  /** A token of an account its owner closed. */
  'auth.account_closed': 401,
  'auth.wechat_code_invalid': 401,
  'auth.forbidden': 403,
  'auth.not_a_member': 403,
  /** `X-Act-For` on a route that is not on the proxyable allow-list (`PROXYABLE_ROUTES`). */
  'auth.not_proxyable': 403,
  /** Deciding, approving or paying something in one's own favour (self-dealing). */
  'auth.conflict_of_interest': 403,
  'community.not_found': 404,
  'member.not_found': 404,
  'member.last_admin': 409,
  'idempotency.key_reused': 422,
  'idempotency.in_progress': 409,
  'idempotency.key_invalid': 400,
  'rate.limited': 429,
  'ledger.insufficient_funds': 409,
  'market.sold_out': 409,
  'fund.insufficient_balance': 409,
  'wechat.unavailable': 502,
  /** WeChat answered -1 (busy) or 45009 (over its per-minute quota): try again shortly. */
  'wechat.busy': 503,
  /** WeChat refused to make a mini-program code (page not published, scene refused…). */
  'wechat.code_refused': 502,
  'request.invalid_cursor': 400,
  'checkin.invalid_token': 400,
  'checkin.invalid_code': 400,
  checkin: 409,
  'activity.cancelled': 409,
  'activity.capacity_below_attendance': 409,
  'activity.window_below_attendance': 409,
  'activity.has_approved_claims': 409,
  'checkin.already_recorded': 409,
  'checkin.minutes_exceed_window': 409,
  'claim.already_decided': 409,
  'claim.same_staff': 403,
  'claim.own_claim': 403,
  'claim.busy': 409,
  'community.exists': 409,
  'member.conflict': 409,
  'district.exists': 409,
  'invitation.expired': 410,
  'invitation.roles_not_allowed': 403,
  'invitation.expiry_invalid': 400,
  'activity.category_unknown': 400,
  'activity.ended': 409,
  'signup.exists': 409,
  'signup.closed': 409,
  'signup.busy': 409,
  'signup.not_found': 404,
  'signup.position_required': 400,
  'signup.position_unknown': 400,
  'signup.requirements_unmet': 409,
  'signup.checked_in': 409,
  'profile.busy': 409,
  /** The birth date given differs from the one inside the ID number. */
  'profile.birth_date_mismatch': 400,
  /** Children under 14 (PIPL Art. 28–31): added by a guardian (`addChild`), never on their own. */
  'member.minor_needs_guardian': 403,
  'member.minor_role': 409,
  'child.too_old': 422,
  'child.guardian_is_child': 403,
  'child.limit': 409,
  'activity.capacity_with_positions': 400,
  'checkin.not_signed_up': 409,
  /** Weekly activities: a series too long, or an occurrence named that is not one of it. */
  'activity_series.until_too_far': 400,
  'activity_series.too_many_occurrences': 400,
  'activity_series.not_found': 404,
  'activity_series.occurrence_not_found': 404,
  'checkin.busy': 409,
  'content.rejected': 422,
  'post.not_held': 409,
  'content.under_review': 422,
  'record_request.not_found': 404,
  'record_request.claim_unknown': 404,
  'record_request.already_decided': 409,
  'record_request.too_many': 409,
  'record_request.issue_to_accept': 409,
  'service_certificate.not_found': 404,
  'service_certificate.period_invalid': 400,
  'service_certificate.profile_missing': 409,
  'service_certificate.no_service': 409,
  'service_certificate.office_incomplete': 409,
  'service_certificate.revoked': 409,
  'service_certificate.seal_invalid': 400,
  'certificate.not_found': 404,
  'certificate.revoked': 409,
  'certificate.conflict': 409,
  'certificate.under_review': 409,
  'ledger.transfer_not_found': 404,
  'ledger.already_reversed': 409,
  'ledger.cannot_reverse_reversal': 409,
  'ledger.busy': 409,
  'ledger.invalid_transfer': 400,
  'merchant.already_decided': 409,
  'merchant.invalid_status_change': 409,
  'merchant.inactive': 409,
  'flag.already_resolved': 409,
  'complaint.already_resolved': 409,
  'post.not_active': 404,
  'market.good_not_found': 404,
  'market.redemption_not_found': 404,
  'market.not_reserved': 409,
  'market.wrong_pickup_code': 409,
  'fund.same_staff': 403,
  'fund.expense_not_found': 404,
  'fund.expense_already_decided': 409,
  'fund.busy': 409,
  /** A disclosure of a quarter or year that has not begun (China time). */
  'fund.period_in_future': 400,
  'shop.product_not_found': 404,
  'shop.order_not_found': 404,
  'shop.already_decided': 409,
  'shop.sold_out': 409,
  'shop.order_not_payable': 409,
  'shop.payment_busy': 409,
  'payment.amount_mismatch': 400,
  'payment.unavailable': 503,
  'service.busy': 503,
  'payment.provider_unverified': 503,
  'payment.payer_unknown': 409,
  'shop.payment_in_progress': 409,
  'shop.order_too_large': 400,
  'payment.notification_rejected': 401,
  'payment.refund_refused': 502,
  'shop.order_not_cancellable': 409,
  'shop.order_not_fulfillable': 409,
  'shop.shipping_not_owed': 409,
  'shop.order_not_refundable': 409,
  'shop.payout_exceeds_balance': 409,
  /** Photos (issue 19): an image id that is not this community's, or not yet handed out. */
  'image.not_found': 404,
  /** The bytes are not a JPEG, PNG or WebP, or not the type the upload declared. */
  'image.wrong_type': 422,
  /** Larger than 5 MiB, or than the size the upload declared. */
  'image.too_large': 422,
  /** The bytes claim a type but cannot be decoded (or are more than 50 megapixels). */
  'image.unreadable': 422,
  /** `…/complete` before anything was uploaded (or after the upload URL expired unused). */
  'image.not_uploaded': 409,
  /** Attaching a photo uploaded for another purpose (a product's photo as a receipt…). */
  'image.wrong_purpose': 422,
  /** Attaching a photo someone else uploaded. */
  'image.not_yours': 403,
  /** Attaching, releasing or completing a photo WeChat rejected or staff removed. */
  'image.gone': 409,
  /** Release or remove of a photo not in the review queue (release) or already gone (remove). */
  'image.not_held': 409,
  /** More upload URLs asked for in an hour than one member may (30). */
  'image.too_many_pending': 429,
  /** Another request is completing this upload right now. */
  'image.completing': 409,
  /** Releasing an activity that is not held for review. */
  'activity.not_held': 409,
  /** Releasing or removing a donation's message that is not held (release) or already removed (remove). */
  'fund.message_not_held': 409,
  'fund.message_not_found': 404,
  /** Evidence photos before the activity has ended, or on a cancelled one. */
  'activity.not_ended': 409,
  /** A message push whose signature does not hold. */
  'wechat.push_rejected': 401,
  'fund.pledge_not_found': 404,
  'fund.pledge_conflict': 409,
  /** Online donations and new pledges without a legal holder whose qualification is valid today. */
  'fund.no_legal_holder': 409,
  /** A receipt asked for an order that is not the caller's paid, unrefunded donation. */
  'fund.receipt_not_available': 409,
  /** A donation that has a receipt request open (requested or issued) already. */
  'fund.receipt_request_exists': 409,
  'fund.receipt_request_not_found': 404,
  /** Issuing or rejecting a request that is not `requested` any more. */
  'fund.receipt_request_decided': 409,
  /** Issuing under a receipt number the fund's charity gave out before (a void receipt's too). */
  'fund.receipt_number_used': 409,
  'export.range_invalid': 400,
  'export.range_too_long': 400,
  'export.too_large': 413,
  'ledger.monthly_cap_reached': 409,
  'ledger.gift_to_self': 400,
  'proxy.invalid': 400,
  'proxy.not_authorized': 403,
  'proxy.exists': 409,
  'proxy.not_found': 404,
  'proxy.self': 400,
  'proxy.self_appointed': 403,
  'proxy.not_offline': 403,
  'proxy.office_member': 403,
  'proxy.guardian': 409,
  /** Nobody but the guardian who added a child (`addChild`) acts for them (PIPL Art. 31). */
  'proxy.child': 403,
  'stats.range_invalid': 400,
  'audit.range_invalid': 400,
  'recognition.not_a_volunteer': 409,
  'team.not_found': 404,
  'team.name_taken': 409,
  'team.already_member': 409,
  'team.not_a_member': 404,
  'team.request_exists': 409,
  'team.request_not_found': 404,
  'team.request_decided': 409,
  'team.leader_only_by_staff': 403,
  'team.conflict': 409,
  /** Consent to a version that is not the current one (the app shows only the current guide). */
  'consent.version_unknown': 400,
  'consent.not_found': 404,
  /** Closing an account with unpaid or unfulfilled orders or an active pledge (named in `details`). */
  'account.open_obligations': 409,
};

export function statusForCode(code: string): number {
  let candidate = code;
  for (;;) {
    const status = STATUS_BY_CODE[candidate];
    if (status !== undefined) return status;
    const cut = candidate.lastIndexOf('.');
    if (cut < 0) return code.endsWith('not_found') ? 404 : 400;
    candidate = candidate.slice(0, cut);
  }
}

export function errorBody(error: AppError): ErrorBody {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.details === undefined ? {} : { details: error.details }),
    },
  };
}

export const validationError = (where: string, fields: FieldError[]) =>
  new AppError('request.validation_failed', `The request ${where} is not valid`, { fields });

export const notFound = (what: string, code = `${what}.not_found`) => new AppError(code, `No such ${what}`);

export const forbidden = (message = 'You may not do this here') => new AppError('auth.forbidden', message);
