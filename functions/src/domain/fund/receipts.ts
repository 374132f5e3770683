import type { FundHolder, Order, Page, ReceiptRequest, ReceiptRequestBody } from '@linli/shared';
import { FUND_MESSAGES, notificationText } from '@linli/shared';
import { AppError, forbidden, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import type { Effects } from '../effects';
import { refuseOwnInterest } from '../identity/conflicts';
import type { ShopStore } from '../shop/ports';
import { chinaDate } from './holder';
import type { ReceiptRequestStore } from './ports';

const PAGE_SIZE = 50;
const PAID: readonly Order['status'][] = ['paid', 'ready_for_pickup', 'shipped', 'completed'];

/** Why `order` takes no new receipt request from `donorId` (thrown), or nothing when it does. */
function refuseRequest(order: Order | null, donorId: string): void {
  if (!order) throw notFound('order', 'shop.order_not_found');
  if (order.buyerId !== donorId) throw forbidden('This is not your donation');
  if (order.kind !== 'donation' || !PAID.includes(order.status)) {
    throw new AppError('fund.receipt_not_available', `A receipt is for a paid donation, not a ${order.status} order`);
  }
  const open = order.receiptRequest;
  if (open && open.status !== 'rejected') {
    throw new AppError('fund.receipt_request_exists', `This donation's receipt is ${open.status} already`, {
      requestId: open.id,
    });
  }
}

/**
 * The donor asks for a donation receipt (捐赠票据) for their own paid, unrefunded donation: made out to
 * `payerName` (a person or unit; a unit's 统一社会信用代码 as `taxId`), issued by the charity that
 * received it. One open request per donation (after a rejection, a new one may be made).
 */
export async function requestDonationReceipt(
  input: { communityId: string; donorId: string; body: ReceiptRequestBody; holder?: FundHolder; now?: Date },
  dependencies: { shop: Pick<ShopStore, 'getOrder'>; receipts: ReceiptRequestStore },
): Promise<ReceiptRequest> {
  const now = input.now ?? new Date();
  const order = await dependencies.shop.getOrder(input.communityId, input.body.orderId);
  refuseRequest(order, input.donorId);
  const holder = order!.fundHolder ?? input.holder;
  if (!holder) throw new AppError('fund.no_legal_holder', 'This fund names no charity that could issue a receipt');
  const request: ReceiptRequest = {
    id: newId(now.getTime()),
    orderId: order!.id,
    donorId: input.donorId,
    payerName: input.body.payerName,
    ...(input.body.taxId ? { taxId: input.body.taxId } : {}),
    amountFen: order!.totalFen,
    donatedAt: order!.paidAt ?? order!.createdAt,
    holderName: holder.name,
    holderCreditCode: holder.creditCode,
    status: 'requested',
    createdAt: now.toISOString(),
  };
  if (await dependencies.receipts.create(input.communityId, request, order!)) return request;
  // The order changed since it was read (refunded, or another request just opened): say which.
  refuseRequest(await dependencies.shop.getOrder(input.communityId, input.body.orderId), input.donorId);
  throw new AppError('fund.receipt_request_exists', 'Another receipt request for this donation opened just now');
}

export function listReceiptRequests(
  input: { communityId: string; status?: ReceiptRequest['status']; cursor?: string },
  receipts: ReceiptRequestStore,
): Promise<Page<ReceiptRequest>> {
  return receipts.list(input.communityId, input.status ?? 'requested', input.cursor, PAGE_SIZE);
}

/**
 * Staff decide a request: issued with the receipt's number, or rejected with a reason; the donor is
 * told in the same transaction. Not on one's own donation (403 `auth.conflict_of_interest`); a request
 * no longer `requested` → 409 `fund.receipt_request_decided`; a number the charity gave out before
 * (even on a receipt since void) → 409 `fund.receipt_number_used`. Audited.
 */
export async function decideReceiptRequest(
  input: {
    communityId: string;
    requestId: string;
    actorId: string;
    decision: { to: 'issued'; receiptNo: string } | { to: 'rejected'; reason: string };
    now?: Date;
  },
  receipts: ReceiptRequestStore,
): Promise<ReceiptRequest> {
  const request = await receipts.get(input.communityId, input.requestId);
  if (!request) throw notFound('receipt request', 'fund.receipt_request_not_found');
  refuseOwnInterest(input.actorId, [request.donorId], 'Another staff member decides your own receipt request');
  const decided = () =>
    new AppError('fund.receipt_request_decided', `This request is ${request.status}, not waiting for a decision`);
  if (request.status !== 'requested') throw decided();
  const { decision } = input;
  const details = decision.to === 'issued' ? { receiptNo: decision.receiptNo } : { reason: decision.reason };
  const at = (input.now ?? new Date()).toISOString();
  const result = await receipts.decide(
    input.communityId,
    request,
    decision.to,
    { by: input.actorId, at, ...details },
    decisionEffects(input, request, details),
  );
  if (!result) throw decided();
  if (result === 'number_used') {
    throw new AppError(
      'fund.receipt_number_used',
      `Receipt number ${details.receiptNo} was given out before: each receipt has a number of its own`,
      { receiptNo: details.receiptNo },
    );
  }
  return result;
}

function decisionEffects(
  input: { communityId: string; actorId: string; decision: { to: 'issued' | 'rejected' } },
  request: ReceiptRequest,
  details: { receiptNo?: string; reason?: string },
): Effects {
  const issued = input.decision.to === 'issued';
  const donation = { donatedOn: chinaDate(new Date(request.donatedAt)), amountFen: request.amountFen };
  return {
    audit: {
      communityId: input.communityId,
      action: issued ? 'fund.issue_receipt' : 'fund.reject_receipt',
      objectType: 'receipt_request',
      objectId: request.id,
      before: { status: request.status },
      after: { status: input.decision.to, ...details },
      actorId: input.actorId,
    },
    notify: [
      {
        userId: request.donorId,
        communityId: input.communityId,
        kind: 'order_status',
        ...(issued
          ? notificationText(FUND_MESSAGES, {
              key: 'receipt.issued',
              values: { ...donation, holder: request.holderName, receiptNo: details.receiptNo ?? '' },
            })
          : notificationText(FUND_MESSAGES, {
              key: 'receipt.rejected',
              values: { ...donation, reason: details.reason ?? '' },
            })),
        objectType: 'receipt_request',
        objectId: request.id,
        orderId: request.orderId,
      },
    ],
  };
}
