import type { Community, Product, ProductRequest, PublicProduct } from '@linli/shared';
import { AppError, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { refuseOwnInterest } from '../identity/conflicts';
import type { MemberRecord } from '../identity/ports';
import type { ShopStore } from './ports';

export function toPublicProduct(product: Product): PublicProduct {
  const { id, title, description, priceFen, stock, images, makerName, fundShareBps } = product;
  return { id, title, description, priceFen, stock, images, makerName, fundShareBps };
}

/**
 * A maker lists a product; staff approve it before it is public. The fund share defaults to the
 * community's. `screening: 'hold'` (WeChat's content check asked for a review) marks it for the approver.
 */
export async function createProduct(
  input: {
    community: Community;
    maker: MemberRecord;
    request: ProductRequest;
    screening?: 'pass' | 'hold';
    now?: Date;
  },
  shop: ShopStore,
): Promise<Product> {
  const now = input.now ?? new Date();
  const product: Product = {
    id: newId(now.getTime()),
    title: input.request.title,
    description: input.request.description,
    priceFen: input.request.priceFen,
    stock: input.request.stock,
    imageIds: input.request.images ?? [],
    images: [],
    fundShareBps: input.request.fundShareBps ?? input.community.rules.fundShareBps,
    makerId: input.maker.userId,
    makerName: input.maker.displayName,
    ...(input.maker.guardianId ? { guardianId: input.maker.guardianId } : {}),
    status: 'pending',
    createdAt: now.toISOString(),
    ...(input.screening === 'hold' ? { contentHeld: true } : {}),
  };
  await shop.createProduct(input.community.id, product);
  return product;
}

/**
 * Staff approve or reject a pending listing (409 `shop.already_decided` once decided). A maker who
 * is also staff does not vet their own listing, nor a guardian their child's (403
 * `auth.conflict_of_interest`).
 */
export async function decideProduct(
  input: { communityId: string; productId: string; actorId: string; approve: boolean; reason?: string },
  shop: ShopStore,
): Promise<Product> {
  const before = await shop.getProduct(input.communityId, input.productId);
  if (!before) throw notFound('product', 'shop.product_not_found');
  refuseOwnInterest(input.actorId, [before.makerId], 'Another staff member must vet your own listing');
  refuseOwnInterest(input.actorId, [before.guardianId], 'Another staff member must vet your child’s listing');
  const to = input.approve ? 'approved' : 'rejected';
  const decision = { by: input.actorId, at: new Date().toISOString(), reason: input.reason };
  const decided = await shop.decideProduct(input.communityId, input.productId, to, decision, {
    audit: {
      communityId: input.communityId,
      action: input.approve ? 'product.approve' : 'product.reject',
      objectType: 'product',
      objectId: input.productId,
      before,
      after: { ...before, status: to, decidedBy: decision.by, decidedAt: decision.at, reason: decision.reason },
    },
  });
  if (!decided) throw new AppError('shop.already_decided', 'This listing has already been decided');
  return decided;
}
