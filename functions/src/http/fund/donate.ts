import { screenTexts } from '../../domain/office/content-screening';
import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { getCommunityOrThrow } from '../../domain/identity/communities';
import { requireDonationsOpen } from '../../domain/fund/holder';
import { donationOrder } from '../../domain/shop/fulfilment';
import { recordDonorNameChoice } from '../../domain/identity/consents';
import { checkout } from '../../domain/shop/payments';
import { gateways, stores } from '../../wiring';
import { created, httpRoute } from '../route';
import { checkoutDependencies } from '../../wiring-payments';

/** POST /v1/communities/{cid}/fund/donations — a one-off donation, paid like an order, wholly to the fund. */
export const handler = httpRoute(contracts.donate, async ({ params, body, userId }) => {
  const communities = stores.communities();
  const [community, donor] = await Promise.all([
    getCommunityOrThrow(communities, params.cid),
    requireMember(communities, params.cid, userId),
  ]);
  // 慈善法: only under a charity with public-fundraising qualification valid today (409 fund.no_legal_holder).
  const holder = requireDonationsOpen(community);
  // The message is shown on the public fund ledger: WeChat's check first. Risky → 422 content.rejected;
  // one to review (or WeChat unreachable) is held off the entry for the office, so a donation never fails on its message.
  const screening = await screenTexts(gateways.textChecker(), { userId, scene: 'comment', texts: [body.message] });
  const held = screening === 'pass' ? undefined : body.message;
  const request = held ? { ...body, message: undefined } : body;
  await recordDonorNameChoice(stores.consents(), userId, body.publishName, new Date().toISOString());
  const place = async () => {
    const order = donationOrder({ donor, request, heldMessage: held, holder });
    await stores.shop().createOrder(params.cid, order);
    return order;
  };
  return created(await checkout({ communityId: params.cid, payerId: userId, place }, await checkoutDependencies()));
});
