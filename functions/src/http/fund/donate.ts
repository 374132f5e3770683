import { screenTexts } from '../../domain/office/content-screening';
import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { donationOrder } from '../../domain/shop/fulfilment';
import { recordDonorNameChoice } from '../../domain/identity/consents';
import { checkout } from '../../domain/shop/payments';
import { checkoutDependencies, gateways, stores } from '../../wiring';
import { created, httpRoute } from '../route';

/** POST /v1/communities/{cid}/fund/donations — a one-off donation, paid like an order, wholly to the fund. */
export const handler = httpRoute(contracts.donate, async ({ params, body, userId }) => {
  const donor = await requireMember(stores.communities(), params.cid, userId);
  // The message is shown on the public fund ledger: WeChat's check first. Risky → 422 content.rejected;
  // one to review (or WeChat unreachable) is held off the entry for the office, so a donation never fails on its message.
  const screening = await screenTexts(gateways.textChecker(), { userId, scene: 'comment', texts: [body.message] });
  const held = screening === 'pass' ? undefined : body.message;
  const request = held ? { ...body, message: undefined } : body;
  await recordDonorNameChoice(stores.consents(), userId, body.publishName, new Date().toISOString());
  const place = async () => {
    const order = donationOrder({ donor, request, heldMessage: held });
    await stores.shop().createOrder(params.cid, order);
    return order;
  };
  return created(await checkout({ communityId: params.cid, payerId: userId, place }, await checkoutDependencies()));
});
