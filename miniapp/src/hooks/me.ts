import { contracts, OFFICE_ROLES, type MeResponse } from '@linli/shared';
import { request, useApi, type ApiState } from '../api';
import { useSession } from '../state/session';

/** Who I am in the current community (getMe); loads once the session and community are known. */
export function useMe(): ApiState<MeResponse> & { communityId: string } {
  const { token, communityId } = useSession();
  const me = useApi(token && communityId ? `me:${communityId}:${token}` : null, () =>
    request(contracts.getMe, { params: { cid: communityId ?? '' } }),
  );
  return { ...me, communityId: communityId ?? '' };
}

/** Staff and admins may use the community office pages. */
export function isOffice(me: MeResponse | undefined): boolean {
  return me?.member.roles.some((role) => OFFICE_ROLES.includes(role)) ?? false;
}
