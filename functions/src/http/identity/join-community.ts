import { contracts } from '@linli/shared';
import { joinCommunity } from '../../domain/identity/communities';
import { stores } from '../../wiring';
import { created, httpRoute, ok } from '../route';
import { getUserNickname } from '../../domain/identity/profile';

/** POST /v1/communities/{cid}/join — 201 the first time, 200 with the same membership after. */
export const handler = httpRoute(contracts.joinCommunity, async ({ params, userId }) => {
  await stores.communities().readAheadNewMember(params.cid, userId);
  const displayName = await getUserNickname(stores.users(), userId);
  const { created: isNew, member } = await joinCommunity(
    { communityId: params.cid, userId, displayName },
    stores.communities(),
  );
  return isNew ? created({ member }) : ok({ member });
});
