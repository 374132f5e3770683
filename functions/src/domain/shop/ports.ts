import type { Effects } from '../effects';
import type { PublicDonor } from '../fund/chain';
import type {
  FundEntry,
  LogisticsType,
  OrderShipping,
  MakerEarnings,
  Order,
  Page,
  PaymentRefund,
  Payout,
  Product,
  ReturnedPayment,
} from '@linli/shared';

/** Which WeChat refund of an order: the office's refund of a sale, or a payment sent back automatically. */
export type RefundField = 'refund' | 'returnedPayment';

export interface ShopStore {
  createProduct(communityId: string, product: Product): Promise<void>;
  getProduct(communityId: string, productId: string): Promise<Product | null>;
  listProducts(communityId: string, status: Product['status'], cursor: string | undefined): Promise<Page<Product>>;
  listMakerProducts(communityId: string, makerId: string): Promise<Product[]>;
  decideProduct(
    communityId: string,
    productId: string,
    to: 'approved' | 'rejected',
    decision: { by: string; at: string; reason?: string },
    effects?: Effects,
  ): Promise<Product | null>;
  /** Reserves every line's stock and writes the order, in ONE transaction: never oversold. */
  /** 'duplicate': an order with this id exists already (a retry of a request that went through). */
  createOrder(communityId: string, order: Order): Promise<'created' | 'sold_out' | 'duplicate'>;
  getOrder(communityId: string, orderId: string): Promise<Order | null>;
  listBuyerOrders(communityId: string, buyerId: string, cursor: string | undefined): Promise<Page<Order>>;
  /**
   * The order becomes paid, each maker's earnings and the fund's share of every line are
   * recorded — ONE transaction. `fund_conflict`: the fund's head moved; chain again and retry.
   */
  markPaid(
    communityId: string,
    order: Order,
    /** `donors`: the donors named beside the entries (by entry id), outside their hash. */
    payment: { reference: string; paidAt: string; shipping?: OrderShipping; donors?: ReadonlyMap<string, PublicDonor> },
    fundEntries: FundEntry[],
    expectedFundSequence: number,
    effects?: Effects,
  ): Promise<'paid' | 'not_payable' | 'fund_conflict'>;
  ordersDueForExpiry(nowIso: string): Promise<{ communityId: string; orderId: string }[]>;
  /** Expires an unpaid order and returns its stock, together; false if it was paid meanwhile. */
  expireOrder(communityId: string, order: Order): Promise<boolean>;
  makerEarnings(communityId: string, makerId: string): Promise<MakerEarnings>;
  listMakers(communityId: string): Promise<MakerEarnings[]>;
  /** The community's orders, newest first; `status` filters a page (the cursor is bound to it). */
  listOrders(
    communityId: string,
    cursor: string | undefined,
    filter?: { status?: Order['status']; shipping?: 'failed' },
  ): Promise<Page<Order>>;
  /** Moves an order between statuses; null when its status did not allow it. */
  transitionOrder(
    communityId: string,
    orderId: string,
    from: readonly Order['status'][],
    to: Order['status'],
    set: Partial<Order>,
    effects?: Effects,
  ): Promise<Order | null>;
  /** Cancels an unpaid order and returns its stock, together. */
  cancelOrder(communityId: string, order: Order): Promise<boolean>;
  /**
   * Refund: the order, the makers' earnings (and stock, if not handed over) and the fund's refund
   * entries, together — and, for a WeChat payment, the refund to request (`wechatRefund`, status
   * `requested`) with the lookup its refund notification needs.
   */
  refund(
    communityId: string,
    order: Order,
    decision: { by: string; at: string; reason: string; returnStock: boolean; wechatRefund?: PaymentRefund },
    fundEntries: FundEntry[],
    expectedFundSequence: number,
    effects?: Effects,
  ): Promise<'refunded' | 'not_refundable' | 'fund_conflict'>;
  /**
   * Records a payment we send back (`returned`, status `requested`) on the order, if it has none
   * yet and is still in the status it was read in; an unpaid order is cancelled with it and its
   * stock returned — ONE transaction. false when the order changed meanwhile.
   */
  recordReturnedPayment(
    communityId: string,
    order: Order,
    returned: ReturnedPayment,
    effects?: Effects,
  ): Promise<boolean>;
  /**
   * Moves the order's WeChat refund (`field`, matched by `outRefundNo`) forward to `status` —
   * never backwards; the order as it is now, or null when nothing changed.
   */
  updateRefundStatus(
    communityId: string,
    orderId: string,
    field: RefundField,
    change: { outRefundNo: string; status: PaymentRefund['status']; refundId?: string; at: string },
    effects?: Effects,
  ): Promise<Order | null>;
  /** The order a WeChat refund belongs to, by our `out_refund_no`. */
  findRefund(outRefundNo: string): Promise<{ communityId: string; orderId: string; field: RefundField } | null>;
  /**
   * Writes the order's shipping upload state if it still has `expectedAttempts` attempts (another
   * writer did not get there first); a `pending` one joins the index of uploads due at its
   * `nextAttemptAt`, others leave it. false when the order changed meanwhile.
   */
  updateShipping(
    communityId: string,
    orderId: string,
    shipping: OrderShipping,
    expectedAttempts: number,
  ): Promise<boolean>;
  /** Orders whose shipping upload is due (pending, `nextAttemptAt` before `nowIso`), oldest first, at most 100. */
  shippingDue(nowIso: string): Promise<{ communityId: string; orderId: string }[]>;
  /** Pays a maker out of their balance; false when the balance does not cover it. */
  /** false when the maker is owed less; 'duplicate' when this payout (id) is recorded already. */
  recordPayout(communityId: string, payout: Payout, effects?: Effects): Promise<boolean | 'duplicate'>;
}

/** Which order WeChat's order-shipping API is about: by WeChat Pay transaction id, or merchant id + our trade number. */
export type ShippingOrderKey = { transactionId: string } | { merchantId: string; outTradeNo: string };

/** One upload of an order's shipping information (WeChat's upload_shipping_info, unified delivery). */
export interface ShippingUploadRequest {
  orderKey: ShippingOrderKey;
  logisticsType: LogisticsType;
  /** What was bought, at most 120 characters. */
  itemDesc: string;
  trackingNo?: string;
  expressCompany?: string;
  payerOpenid: string;
  /** When we upload (RFC 3339 is made of it). */
  uploadedAt: Date;
}

/** A call to WeChat: done, or refused / unreachable — `retryable` when trying later may succeed. */
export type WechatCallOutcome = { ok: true } | { ok: false; retryable: boolean; error: string };

/** WeChat's order-shipping service (发货信息管理), behind a port: `gateways/order-shipping.ts`. */
export interface OrderShippingGateway {
  upload(request: ShippingUploadRequest): Promise<WechatCallOutcome>;
  /** Reminds the buyer to confirm receipt (express orders only, once per order). */
  notifyConfirmReceive(request: { orderKey: ShippingOrderKey; receivedAt: Date }): Promise<WechatCallOutcome>;
}
