import type { FundEntry, MakerEarnings, Order, Page, Product } from '@linli/shared';

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
  ): Promise<Product | null>;
  /** Reserves every line's stock and writes the order, in ONE transaction: never oversold. */
  createOrder(communityId: string, order: Order): Promise<'created' | 'sold_out'>;
  getOrder(communityId: string, orderId: string): Promise<Order | null>;
  listBuyerOrders(communityId: string, buyerId: string, cursor: string | undefined): Promise<Page<Order>>;
  /**
   * The order becomes paid, each maker's earnings and the fund's share of every line are
   * recorded — ONE transaction. `fund_conflict`: the fund's head moved; chain again and retry.
   */
  markPaid(
    communityId: string,
    order: Order,
    payment: { reference: string; paidAt: string },
    fundEntries: FundEntry[],
    expectedFundSequence: number,
  ): Promise<'paid' | 'not_payable' | 'fund_conflict'>;
  ordersDueForExpiry(nowIso: string): Promise<{ communityId: string; orderId: string }[]>;
  /** Expires an unpaid order and returns its stock, together; false if it was paid meanwhile. */
  expireOrder(communityId: string, order: Order): Promise<boolean>;
  makerEarnings(communityId: string, makerId: string): Promise<MakerEarnings>;
}
