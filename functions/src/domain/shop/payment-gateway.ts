import type { PaymentInstruction } from '@linli/shared';

/**
 * The shop's port to its payment provider — WeChat Pay v3 (`gateways/wechat-pay.ts` implements it;
 * `wiring.ts` builds it from the configuration, or none where payment is not configured). The
 * shapes below are WeChat Pay's own (field names as its API documents them), so nothing is lost in
 * translation; the domain never sees a key, a signature or an HTTP request.
 */
export interface PaymentGateway {
  /** Our merchant (mchid) and app (appid): a transaction for anyone else is not ours. */
  readonly merchantId: string;
  readonly appId: string;
  /** A JSAPI prepay for the order, as the parameters `wx.requestPayment` takes. */
  prepay(input: PrepayInput): Promise<PaymentInstruction>;
  /** Closes an unpaid WeChat order; `refused` with WeChat's code when it cannot (e.g. already paid). */
  close(outTradeNo: string): Promise<{ outcome: 'closed' } | { outcome: 'refused'; code: string }>;
  /** The WeChat order behind ours, or null when WeChat never had it. */
  query(outTradeNo: string): Promise<PaidTransaction | null>;
  /** Asks WeChat to return (part of) a payment; the same `outRefundNo` is the same refund. */
  refund(input: RefundInput): Promise<AcceptedRefund>;
  /** A notification verified (signature, timestamp, serial) and decrypted; throws when not genuine. */
  openNotification(
    headers: Record<string, string | undefined>,
    body: string,
  ): { eventType: string; resource: Record<string, unknown> };
}

export interface PrepayInput {
  outTradeNo: string;
  description: string;
  totalFen: number;
  payerOpenid: string;
  /** Returned in the notification; Linli puts the community id here. */
  attach: string;
  expiresAt: string;
}

/** A transaction as WeChat Pay reports it (query reply, or the payment notification's resource). */
export interface PaidTransaction {
  appid: string;
  mchid: string;
  out_trade_no: string;
  transaction_id?: string;
  /** SUCCESS, REFUND, NOTPAY, CLOSED, REVOKED, USERPAYING, PAYERROR. */
  trade_state: string;
  attach?: string;
  amount?: { total?: number; payer_total?: number; currency?: string };
}

export interface RefundInput {
  /** The payment to refund: WeChat's transaction id, or our out_trade_no. */
  transactionId?: string;
  outTradeNo?: string;
  /** Ours, fixed per refund, so a retried request is the same refund to WeChat. */
  outRefundNo: string;
  refundFen: number;
  totalFen: number;
  reason: string;
}

/** A refund WeChat Pay accepted: its id and status (PROCESSING, SUCCESS, ABNORMAL or CLOSED). */
export interface AcceptedRefund {
  refundId: string;
  status: 'PROCESSING' | 'SUCCESS' | 'ABNORMAL' | 'CLOSED';
}

/** The resource of a `REFUND.*` notification. */
export interface RefundResult {
  mchid: string;
  out_trade_no: string;
  transaction_id: string;
  out_refund_no: string;
  refund_id: string;
  /** SUCCESS, CLOSED, ABNORMAL (PROCESSING is never notified). */
  refund_status: string;
  amount?: { total?: number; refund?: number };
}

// WeChat Pay's documented limits on the identifiers and amounts the shop makes (the rest of its
// rules, and the documents they come from, are in gateways/wechat-pay-rules.ts).

/** `out_trade_no`: 6–32 characters of digits, letters and `_ - | *`, unique per merchant. */
export const OUT_TRADE_NO = /^[0-9A-Za-z_\-|*]{6,32}$/;

/** `out_refund_no`: 1–64 characters of digits, letters and `_ - | * @`. */
export const OUT_REFUND_NO = /^[0-9A-Za-z_\-|*@]{1,64}$/;

/** `transaction_id`: WeChat's own order number, string(32). */
export const TRANSACTION_ID = /^[0-9A-Za-z]{1,32}$/;

/** `amount.total` / `amount.refund` are `int` fen: a 32-bit integer in WeChat Pay's own SDKs. */
export const MAX_AMOUNT_FEN = 2_147_483_647;
