import { contracts } from '@linli/shared';
import { send } from './api';

type Person = { token: string; userId: string };

/** A one-off donation of `amountFen` (unpaid), anonymous unless `publishName`. */
export const donate = (cid: string, donor: Person, amountFen = 1000, publishName?: boolean) =>
  send(contracts.donate, { params: { cid }, token: donor.token, body: { amountFen, publishName } });

/** A paid donation of `donor`'s (the dev payment): its order id. */
export async function paidDonation(cid: string, donor: Person, amountFen = 1000, publishName?: boolean) {
  const order = await donate(cid, donor, amountFen, publishName);
  expect(order.status).toBe(201);
  const paid = await send(contracts.devPayOrder, { params: { cid, oid: order.body.id }, token: donor.token });
  expect(paid.status).toBe(200);
  return order.body.id;
}

/** The donor asks for a donation receipt of `orderId`, as 王芳 unless `extra` says otherwise. */
export const askReceipt = (cid: string, donor: Person, orderId: string, extra: Record<string, string> = {}) =>
  send(contracts.requestDonationReceipt, {
    params: { cid },
    token: donor.token,
    body: { orderId, payerName: '王芳', ...extra },
  });
