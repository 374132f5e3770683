import * as z from 'zod/mini';
import { CommunityId, EntityId, humanText, nonNegativeInt, positiveInt } from './common';
import { ImageIds, MAX_PRODUCT_IMAGES, type ImageView } from './media';

/** The artisan shop: residents' handmade goods, paid in money (integer fen). */
export const ProductRequest = z.strictObject({
  title: humanText(60),
  description: humanText(1000),
  priceFen: positiveInt(10_000_000),
  stock: nonNegativeInt(10_000),
  /** Photos uploaded with `POST …/images` (purpose `product`, by the maker), in the order shown. */
  images: z.optional(ImageIds(MAX_PRODUCT_IMAGES)),
  /** The community fund's share in basis points (2000 = 20%); the community's rule when omitted. */
  fundShareBps: z.optional(nonNegativeInt(10_000)),
});
export type ProductRequest = z.infer<typeof ProductRequest>;

export interface Product {
  id: string;
  /** WeChat's content check asked for a review (or could not answer): the approving staff read it with care. */
  contentHeld?: boolean;
  title: string;
  description: string;
  priceFen: number;
  stock: number;
  /** The photos as stored (ids of `POST …/images`); `images` shows those this reader may see. */
  imageIds?: string[];
  images: ImageView[];
  fundShareBps: number;
  makerId: string;
  makerName: string;
  /** The maker is a child (`addChild`): their guardian, to whom the maker's notices and payouts go. */
  guardianId?: string;
  status: 'pending' | 'approved' | 'rejected';
  createdAt: string;
  decidedBy?: string;
  decidedAt?: string;
  reason?: string;
}

export type PublicProduct = Pick<
  Product,
  'id' | 'title' | 'description' | 'priceFen' | 'stock' | 'images' | 'makerName' | 'fundShareBps'
>;

export const ProductPath = z.strictObject({ cid: CommunityId, pid: EntityId });
export const OrderPath = z.strictObject({ cid: CommunityId, oid: EntityId });

export const OrderRequest = z.strictObject({
  items: z.array(z.strictObject({ productId: EntityId, quantity: positiveInt(99) })).check(
    z.minLength(1, 'an order has at least one item'),
    z.maxLength(20),
    z.refine(
      (items) => new Set(items.map((item) => item.productId)).size === items.length,
      'each product once per order',
    ),
  ),
});
export type OrderRequest = z.infer<typeof OrderRequest>;

export interface OrderLine {
  productId: string;
  title: string;
  makerId: string;
  /** The maker is a child: their guardian (from the product), who is told and paid. */
  guardianId?: string;
  quantity: number;
  unitPriceFen: number;
  grossFen: number;
  fundShareBps: number;
  /** floor(gross × bps / 10000) */
  fundFen: number;
  /** gross − fund share */
  makerFen: number;
}

/**
 * A refund through WeChat Pay: `requested` from the moment our books record it until WeChat Pay
 * accepts it (a retry of the refund sends it again), then WeChat's status — `processing`, and
 * from its refund notification `success`, `abnormal` (the money could not reach the buyer: the
 * office must act) or `closed`.
 */
export interface PaymentRefund {
  /** Ours, fixed per refund, so a retried request is the same refund to WeChat (1–64 of `0-9A-Za-z_-|*@`). */
  outRefundNo: string;
  amountFen: number;
  status: 'requested' | 'processing' | 'success' | 'abnormal' | 'closed';
  refundId?: string;
  requestedAt: string;
  updatedAt?: string;
}

/**
 * A genuine WeChat payment Linli could not accept — it arrived after the order was cancelled or
 * expired, or for another amount, or twice — sent back automatically: nothing is sold, no stock
 * or fund changes.
 */
export interface ReturnedPayment extends PaymentRefund {
  transactionId: string;
  reason: 'order_closed' | 'amount_mismatch' | 'already_paid';
}

export type OrderStatus =
  'pending_payment' | 'paid' | 'ready_for_pickup' | 'shipped' | 'completed' | 'refunded' | 'expired' | 'cancelled';

/** A shop order, or a donation to the fund paid the same way (one line, 100% to the fund). */
export type OrderKind = 'shop' | 'donation';

export interface Order {
  id: string;
  kind?: OrderKind;
  buyerId: string;
  buyerName: string;
  lines: OrderLine[];
  totalFen: number;
  status: OrderStatus;
  createdAt: string;
  expiresAt: string;
  paidAt?: string;
  paymentReference?: string;
  fundEntryIds?: string[];
  /** Donations: shown as 匿名 on the public fund page when true. */
  anonymous?: boolean;
  /**
   * A donation's message WeChat's text check held for a person's review (or could not check): not
   * in the fund entry's description; once paid it waits in the office's queue (DonationMessage).
   */
  heldMessage?: string;
  /** Donations: the charity that received it (the fund's legal holder then), shown with the donation. */
  fundHolder?: { name: string; creditCode: string };
  /** A donation's latest receipt request (捐赠票据) and its status. */
  receiptRequest?: { id: string; status: 'requested' | 'issued' | 'rejected' | 'void'; receiptNo?: string };
  pledgeId?: string;
  fulfilledBy?: string;
  refundedBy?: string;
  refundReason?: string;
  /** The WeChat Pay refund of a refunded order (absent for dev payments). */
  refund?: PaymentRefund;
  /** A payment sent back automatically (see ReturnedPayment). */
  returnedPayment?: ReturnedPayment;
  /** The order's shipping information at WeChat (发货信息管理): absent where none is owed. */
  shipping?: OrderShipping;
}

/**
 * WeChat's logistics types (upload_shipping_info `logistics_type`): 1 express with a tracking
 * number, 2 same-city delivery, 3 virtual goods (donations), 4 the buyer picks up.
 */
export type LogisticsType = 1 | 2 | 3 | 4;

/**
 * The upload of an order's shipping information to WeChat: `pending` while it is owed or being
 * retried (the job tries again at `nextAttemptAt`), `uploaded` once WeChat accepted it, `failed`
 * when WeChat refused it for good or the retries gave up — staff see these and may retry.
 */
export interface OrderShipping {
  status: 'pending' | 'uploaded' | 'failed';
  logisticsType: LogisticsType;
  attempts: number;
  /** `errcode errmsg` of the last refusal, or the reason WeChat could not be reached. */
  lastError?: string;
  uploadedAt?: string;
  nextAttemptAt?: string;
  trackingNo?: string;
  expressCompany?: string;
  /** When WeChat was asked to remind the buyer to confirm receipt (notify_confirm_receive), once collected. */
  receiptNotifiedAt?: string;
  /** Why the receipt reminder could not be sent (it is not retried: the buyer can confirm in WeChat). */
  receiptError?: string;
}

/**
 * Staff hand an order over. Shipping by courier names the tracking number and the courier's code
 * (WeChat's delivery ids, e.g. `ZTO`, `SF`), both or neither; without them a shipped order is
 * uploaded to WeChat as same-city delivery.
 */
export const FulfilOrderRequest = z
  .strictObject({
    status: z.enum(['ready_for_pickup', 'shipped', 'completed']),
    trackingNo: z.optional(z.string().check(z.regex(/^[0-9A-Za-z-]{4,64}$/, 'letters, digits and -, 4 to 64'))),
    expressCompany: z.optional(z.string().check(z.regex(/^[0-9A-Za-z_]{1,32}$/, 'a courier code such as ZTO'))),
  })
  .check(
    z.refine(
      (request) => (request.trackingNo === undefined) === (request.expressCompany === undefined),
      'a tracking number and a courier go together',
    ),
    z.refine(
      (request) => request.trackingNo === undefined || request.status === 'shipped',
      'a tracking number only when shipping',
    ),
  );
export const RefundOrderRequest = z.strictObject({ reason: humanText(200) });
export const OrdersQuery = z.strictObject({
  status: z.optional(
    z.enum(['pending_payment', 'paid', 'ready_for_pickup', 'shipped', 'completed', 'refunded', 'expired', 'cancelled']),
  ),
  /** `failed`: only the orders whose shipping upload to WeChat failed (whatever their status). */
  shipping: z.optional(z.enum(['failed'])),
  cursor: z.optional(z.string().check(z.maxLength(500))),
});

export const ProductReviewsQuery = z.strictObject({
  status: z.optional(z.enum(['pending', 'approved', 'rejected'])),
  cursor: z.optional(z.string().check(z.maxLength(500))),
});

export const PayoutRequest = z.strictObject({ amountFen: positiveInt(100_000_000), note: humanText(200) });
export const MakerPath = z.strictObject({ cid: CommunityId, memberId: EntityId });
export interface Payout {
  id: string;
  makerId: string;
  amountFen: number;
  note: string;
  recordedBy: string;
  createdAt: string;
  /** A child maker's earnings are paid to their guardian: who received the money. */
  payeeId?: string;
  payeeName?: string;
}

/** What the mini-program needs to pay: the dev confirmation locally, WeChat Pay's JSAPI parameters in production. */
export type PaymentInstruction =
  | { mode: 'dev' }
  | { mode: 'wechat'; timeStamp: string; nonceStr: string; package: string; signType: 'RSA'; paySign: string };

export interface MakerEarnings {
  makerId: string;
  salesCount: number;
  salesFen: number;
  earningsFen: number;
  paidOutFen: number;
  /** What the maker is still to be paid: max(0, earnings − paid out). */
  owedFen: number;
  /**
   * What the maker owes back: max(0, paid out − earnings) — a sale refunded after its share was
   * paid out. It is netted from the next payout (a payout never exceeds earnings − paid out).
   */
  debtFen: number;
}
