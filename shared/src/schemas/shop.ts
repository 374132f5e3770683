import * as z from 'zod/mini';
import { CommunityId, EntityId, humanText, nonNegativeInt, positiveInt } from './common';

/** The artisan shop: residents' handmade goods, paid in money (integer fen). */
export const ProductRequest = z.strictObject({
  title: humanText(60),
  description: humanText(1000),
  priceFen: positiveInt(10_000_000),
  stock: nonNegativeInt(10_000),
  images: z.optional(
    z.array(z.string().check(z.regex(/^https:\/\/[^\s]{1,300}$/, 'must be an https URL'))).check(z.maxLength(6)),
  ),
  /** The community fund's share in basis points (2000 = 20%); the community's rule when omitted. */
  fundShareBps: z.optional(nonNegativeInt(10_000)),
});
export type ProductRequest = z.infer<typeof ProductRequest>;

export interface Product {
  id: string;
  title: string;
  description: string;
  priceFen: number;
  stock: number;
  images: string[];
  fundShareBps: number;
  makerId: string;
  makerName: string;
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
  quantity: number;
  unitPriceFen: number;
  grossFen: number;
  fundShareBps: number;
  /** floor(gross × bps / 10000) */
  fundFen: number;
  /** gross − fund share */
  makerFen: number;
}

export type OrderStatus = 'pending_payment' | 'paid' | 'expired' | 'cancelled';

export interface Order {
  id: string;
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
}
